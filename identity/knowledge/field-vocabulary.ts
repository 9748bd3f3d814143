import type { Topic } from './topic';

/**
 * The field's own vocabulary, read from the knowledge base rather than listed by hand: what a
 * question may name bare ("AttributeValueMustBeUnique", "Set-ADSyncScheduler", "staged rollout",
 * "Connect Health") and still be about identity integration. Two kinds:
 *   identifiers  words the topics write as code: CamelCase with three capitals or more
 *                (ADSyncScheduler, AttributeValueMustBeUnique) or an error code (AADSTS50126);
 *                product names with two capitals (SharePoint, PowerShell, LinkedIn) are not among them;
 *   phrases      names of two or more words that the titles, questions or keywords of at least
 *                MIN_PHRASE_TOPICS topics use, so that one topic's turn of phrase ("decision tree")
 *                does not make a question ours.
 */
const IDENTIFIER = /^(?=(?:[^A-Z]*[A-Z]){3})(?=.*[a-z])[A-Za-z][A-Za-z0-9]{7,}$|^[A-Z]{4,}\d{4,}$/;
const MIN_PHRASE_TOPICS = 2;

export interface FieldVocabulary {
  /** Identifiers, lower-cased as normalise() leaves them. */
  identifiers: ReadonlySet<string>;
  /** Phrases as token sequences joined by spaces. */
  phrases: ReadonlySet<string>;
}

/** `tokens`: the analyser's tokens of a text, so that phrases fold as questions do. `exclude`: tokens that never make a phrase or an identifier ours (neighbours' names). */
export function fieldVocabulary(
  topics: readonly Topic[],
  tokens: (text: string) => string[],
  exclude: ReadonlySet<string> = new Set(),
): FieldVocabulary {
  const identifiers = new Set<string>();
  const topicsOf = new Map<string, Set<string>>();
  // Each text a topic is about, tokenised once: for its keyword phrases, then for the phrases it uses.
  const about = topics.map((topic) => [topic.title, ...topic.questions, ...topic.keywords].map(tokens));
  topics.forEach((topic, t) => {
    for (const text of [topic.title, ...topic.questions, ...topic.keywords, topic.answer, ...topic.facts]) {
      for (const word of text.split(/[^A-Za-z0-9]+/))
        if (word.length >= 8 && IDENTIFIER.test(word) && !exclude.has(word.toLowerCase())) identifiers.add(word.toLowerCase());
    }
    const keywords = about[t].slice(1 + topic.questions.length);
    for (const sequence of keywords) {
      if (sequence.length < 2 || sequence.length > MAX_PHRASE || sequence.some((token) => /^\d+$/.test(token) || exclude.has(token)))
        continue;
      const phrase = sequence.join(' ');
      const list = topicsOf.get(phrase) ?? new Set<string>();
      list.add(topic.id);
      topicsOf.set(phrase, list);
    }
  });
  // A keyword phrase counts once for every topic whose title, questions or keywords use it.
  topics.forEach((topic, t) => {
    for (const sequence of about[t]) forEachPhrase(sequence, (phrase) => topicsOf.get(phrase)?.add(topic.id));
  });
  const phrases = new Set([...topicsOf].filter(([, ids]) => ids.size >= MIN_PHRASE_TOPICS).map(([phrase]) => phrase));
  return { identifiers, phrases };
}

/** True when the question's tokens (in order) contain a field phrase, or its words a field identifier. */
export function usesFieldVocabulary(vocabulary: FieldVocabulary, sequence: readonly string[], normalisedWords: readonly string[]): boolean {
  if (normalisedWords.some((word) => vocabulary.identifiers.has(word))) return true;
  let found = false;
  forEachPhrase(sequence, (phrase) => {
    found ||= vocabulary.phrases.has(phrase);
  });
  return found;
}

/** Longest phrase looked for, in tokens. */
const MAX_PHRASE = 5;

/** Calls `visit` with every run of 2 to MAX_PHRASE consecutive tokens, joined by spaces. */
function forEachPhrase(sequence: readonly string[], visit: (phrase: string) => void): void {
  for (let i = 0; i + 1 < sequence.length; i++) {
    let phrase = sequence[i];
    for (let end = i + 1; end < Math.min(sequence.length, i + MAX_PHRASE); end++) {
      phrase += ` ${sequence[end]}`;
      visit(phrase);
    }
  }
}
