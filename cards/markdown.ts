/**
 * The one rule for text in cards: what the app writes is markup, every string that comes from a
 * tenant, Graph or a user is data, shown as the characters it is.
 *
 * Teams renders a subset of Markdown in TextBlock text and in Fact.Title / Fact.Value, no HTML
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format);
 * the subset is CommonMark's bold, italic, lists and links
 * (https://learn.microsoft.com/adaptive-cards/authoring-cards/text-features), and the JavaScript
 * renderer also runs expanded choice and toggle titles through it (adaptivecards 3,
 * GlobalSettings.useMarkdownInRadioButtonAndCheckbox). Action titles, compact choice titles and
 * RichTextBlock runs are plain text: escaping them would show the backslashes.
 *
 * Data is escaped with CommonMark backslash escapes, which every Teams client honours (desktop and
 * web always; iOS since microsoft/Teams-AdaptiveCards-Mobile#83). Only what can start markup is
 * escaped, so a renderer that ever showed a backslash shows as few as possible.
 */

/** A string that may go into a Markdown field as it is: app-written markup with its data escaped. */
export type Markdown = string & { readonly __markdown: unique symbol };

/** Can open or close inline markup anywhere: escape, code, emphasis, strikethrough, link brackets, autolink/HTML. */
const INLINE = /[\\`*_~[\]<]/g;
/** "&#91;", "&lt;": an entity reference shows as another character than the one written. */
const ENTITY = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;
/** Block markers at a line start: heading, quote, list bullet, setext underline. */
const LINE_MARKER = /(^|[\r\n])([ \t]*)([#>+\-=])/g;
/** "1." or "1)" at a line start: a numbered list. */
const LINE_NUMBER = /(^|[\r\n])([ \t]*)([0-9]{1,9})([.)])/g;

/** A string from a tenant, Graph or a user, escaped so that Markdown shows it as written. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(INLINE, '\\$&')
      .replace(ENTITY, '\\&')
      .replace(LINE_MARKER, '$1$2\\$3')
      .replace(LINE_NUMBER, '$1$2$3\\$4')
      // A "!" the data ends with would turn the app's own "[text](url)" after it into an image.
      .replace(/!$/, '\\!')
  );
}

/** Characters that end or break a link destination, percent-encoded. */
const URL_BREAKERS = /[\s()<>[\]\\`"']/g;

/**
 * A URL for the destination of an app-written link "[text](url)": http(s) only (anything else
 * becomes an empty destination, a link to nowhere), with what could end the destination encoded.
 */
export function linkDestination(url: string): string {
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return '';
  return trimmed.replace(URL_BREAKERS, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * Markdown for a code-built card: the literal parts are markup, every interpolated value is data
 * (escaped; a value right inside "](…)" is a link destination). `md\`Showing results for: ${word}\``.
 */
export function md(literals: TemplateStringsArray, ...values: unknown[]): Markdown {
  let out = literals[0];
  values.forEach((value, i) => {
    const text = String(value);
    out += literals[i].endsWith('](') && literals[i + 1].startsWith(')') ? linkDestination(text) : escapeMarkdown(text);
    out += literals[i + 1];
  });
  return out as Markdown;
}

/**
 * One Markdown list of app-built lines ("- a\r- b", the list form Teams documents for TextBlock);
 * a single line stays a plain line. Each line already went through md`…`, so its data is escaped.
 */
export function markdownList(lines: readonly Markdown[]): Markdown {
  return (lines.length === 1 ? lines[0] : lines.map((line) => `- ${line}`).join('\r')) as Markdown;
}
