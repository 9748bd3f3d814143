/**
 * How Teams reads the text of a card field as Markdown (CommonMark, the subset Adaptive Cards
 * render), far enough to tell what markup is live: the spec of cards/markdown.ts checks against it.
 */

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const ENTITY = /^&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/;

/**
 * The live (unescaped) markup in a text, one word per construct: "link", "[", "]", "emphasis",
 * "strike", "code", "autolink-or-html", "entity", "block:#" (a heading, quote, bullet or setext
 * marker at a line start), "numbered-list". Sorted, so two texts can be compared.
 */
export function liveMarkup(text: string): string[] {
  const found: string[] = [];
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' || c === '\n') {
      lineStart = true;
      continue;
    }
    if (lineStart && (c === ' ' || c === '\t')) continue;
    const atLineStart = lineStart;
    lineStart = false;
    if (c === '\\' && i + 1 < text.length && PUNCTUATION.test(text[i + 1])) {
      i++;
      continue;
    }
    if (atLineStart && /[#>+\-=]/.test(c)) found.push(`block:${c}`);
    if (atLineStart && /[0-9]/.test(c)) {
      const number = /^[0-9]{1,9}[.)]/.exec(text.slice(i));
      if (number) found.push('numbered-list');
    }
    if (c === '[') found.push('[');
    else if (c === ']') found.push(text[i + 1] === '(' ? 'link' : ']');
    else if (c === '*' || c === '_') found.push('emphasis');
    else if (c === '~') found.push('strike');
    else if (c === '`') found.push('code');
    else if (c === '<' && /[A-Za-z/!?]/.test(text[i + 1] ?? '')) found.push('autolink-or-html');
    else if (c === '&' && ENTITY.test(text.slice(i))) found.push('entity');
  }
  return found.sort();
}

/** The characters a reader sees: CommonMark's backslash escapes resolved. */
export function displayed(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Every field of a card that Teams renders as Markdown: TextBlock text, facts, expanded choice titles, toggle titles. */
export function markdownFields(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, any>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') out.push(element.text);
    if (element.type === 'Input.Toggle' && typeof element.title === 'string') out.push(element.title);
    if (element.type === 'FactSet') for (const fact of element.facts ?? []) out.push(String(fact.title), String(fact.value));
    if (element.type === 'Input.ChoiceSet' && (element.style === 'expanded' || element.isMultiSelect)) {
      for (const choice of element.choices ?? []) out.push(String(choice.title));
    }
    for (const [key, value] of Object.entries(element)) if (key !== 'data') walk(value);
  };
  walk(card);
  return out;
}
