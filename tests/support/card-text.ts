import { displayed } from './markdown';

/**
 * Every text in an Adaptive Card (TextBlocks, facts, choices, action titles) as a reader sees it,
 * for assertions: Markdown fields with their backslash escapes resolved (cards/markdown.ts).
 */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown, markdown: boolean): void => {
    if (Array.isArray(node)) node.forEach((item) => walk(item, markdown));
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      const own = markdown || obj.type === 'TextBlock' || obj.type === 'Input.Toggle';
      for (const key of ['text', 'title', 'value']) {
        if (typeof obj[key] === 'string') out.push(own ? displayed(obj[key] as string) : (obj[key] as string));
      }
      const expanded = obj.type === 'Input.ChoiceSet' && (obj.style === 'expanded' || obj.isMultiSelect === true);
      for (const [key, value] of Object.entries(obj)) {
        if (key !== 'data') walk(value, (obj.type === 'FactSet' && key === 'facts') || (expanded && key === 'choices'));
      }
    }
  };
  walk(card, false);
  return out.join('\n');
}
