/**
 * Text normalisation shared by the index and the queries: the same steps on both sides, so
 * "Pass-through Auth", "PTA" and "pass through authentication" meet on one token.
 */

/**
 * Lower-case, strip accents and apostrophes ("what's" is "whats"), turn everything else that is not
 * a letter, digit, "@", "$" or a dot inside a word (dashes, quotes, punctuation) into a space.
 */
export function normalise(text: string): string {
  return NON_ASCII.test(text) ? normaliseUnicode(text) : normaliseAscii(text);
}

// eslint-disable-next-line no-control-regex -- the ASCII range is what it looks for
const NON_ASCII = /[^\u0000-\u007f]/;

/** The steps of normalise() as written: any text, accents included. */
export function normaliseUnicode(text: string): string {
  return fold(
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f\u2018\u2019']/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9.@$]+/g, ' '),
  );
}

/** A dot that ends or starts a word is punctuation; then single spaces, trimmed. */
function fold(spaced: string): string {
  return spaced
    .replace(/\.(?=\s|$)|\s\./g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The same result for ASCII text (what admins type, and every topic), in one pass over the
 * characters instead of five regular-expression passes: it is the first step of every question.
 * tests/unit/knowledge-text.spec.ts holds it equal to normaliseUnicode on every text of the
 * knowledge base and the question sets.
 */
function normaliseAscii(text: string): string {
  const lower = text.toLowerCase();
  let spaced = '';
  let runStart = 0;
  let separated = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const kept = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 64 || c === 36;
    if (c === 39) {
      // An apostrophe goes without a trace: "what's" is "whats", "' " is a single space.
      spaced += lower.slice(runStart, i);
      runStart = i + 1;
      continue;
    }
    if (kept) {
      if (separated) {
        spaced += ' ';
        separated = false;
      }
      continue;
    }
    spaced += lower.slice(runStart, i);
    runStart = i + 1;
    separated = true;
  }
  spaced += lower.slice(runStart);
  if (separated) spaced += ' ';
  return spaced.includes('.') ? fold(spaced) : spaced.trim();
}

/** Words of a normalised text. */
export function words(normalised: string): string[] {
  return normalised ? normalised.split(' ') : [];
}

/** English function words and chat filler; never evidence for a topic. */
export const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can cant could did didnt do does doesnt doing dont down during each few for from further get gets got had has have having he her here hers ' +
    'him his how i id if im in into is isnt it its itself ive just let lets me more most my myself no nor not now of off on once only or other ' +
    'our ours out over own same she should so some such than that thats the their them then there these they this those through to too under until ' +
    'up very was we were weve what whats when where which while who whom why will with would you your yours yourself ' +
    'hi hello hey please thanks thank tell know want wanna need needs like also still actually really anyone someone way ways ok okay ' +
    'us guys yes yeah whether either one thing things something anything question help currently basically anyway ' +
    // generic verbs, adjectives and nouns: words of any subject, never evidence for one of ours
    'write make makes give gives go goes going take put see look find show try come say said think use used using ' +
    'new old good best better big small lot lots many much lol today tomorrow yesterday people company companies guy stuff kind sort'
  ).split(' '),
);

/**
 * A light English stemmer: folds plurals and common verb endings so that "syncs", "syncing" and
 * "synced" share one form. Deliberately conservative; both sides use it, so consistency matters
 * more than linguistics.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5);
  else if (w.endsWith('ion') && w.length > 6) w = w.slice(0, -3);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([bdgklmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Damerau–Levenshtein distance with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = new Array<number>(cols);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = current;
  }
  return prev[cols - 1];
}
