import { canonicalise, CANONICAL_TOKENS, VARIANT_WORDS } from './synonyms';
import { editDistance, normalise, stem, STOPWORDS, words } from './text';

/** A typo the analyser fixed, for transparency ("showing results for …"). */
export interface Correction {
  from: string;
  to: string;
}

export interface Analysis {
  /** Content tokens: canonical synonyms or stemmed words, stopwords removed, in order. */
  tokens: string[];
  corrections: Correction[];
}

/**
 * Turns text into retrieval tokens. Topics and questions go through the same steps; questions
 * additionally get their misspelt words corrected towards words the knowledge base uses.
 */
export class Analyser {
  private readonly vocabulary: Map<string, number>;
  /** Stems of the vocabulary: "stopping" is a known word when "stopped" is, not a typo of "scoping". */
  private readonly stems = new Set<string>();
  private readonly byLength = new Map<number, string[]>();

  /** `corpus` is every text of the knowledge base; its words are what typos are corrected to. */
  constructor(corpus: readonly string[]) {
    this.vocabulary = new Map();
    for (const text of corpus) for (const word of words(normalise(text))) this.vocabulary.set(word, (this.vocabulary.get(word) ?? 0) + 1);
    for (const word of VARIANT_WORDS) this.vocabulary.set(word, (this.vocabulary.get(word) ?? 0) + 1);
    for (const word of this.vocabulary.keys()) {
      this.stems.add(stem(word));
      if (word.length < 4 || /\d/.test(word)) continue;
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  /** Tokens of a topic text (no typo correction). */
  tokens(text: string): string[] {
    return toTokens(canonicalise(normalise(text)));
  }

  /** Tokens of a user's question, with typos corrected. */
  analyse(question: string): Analysis {
    const corrections: Correction[] = [];
    const corrected = words(normalise(question)).map((word) => {
      const fixed = this.correct(word);
      if (fixed !== word) corrections.push({ from: word, to: fixed });
      return fixed;
    });
    return { tokens: toTokens(canonicalise(corrected.join(' '))), corrections };
  }

  private correct(word: string): string {
    if (word.length < 5 || /\d/.test(word) || STOPWORDS.has(word) || this.vocabulary.has(word) || this.stems.has(stem(word))) return word;
    const max = word.length >= 8 ? 2 : 1;
    let best = word;
    let bestDistance = max + 1;
    let bestCount = 0;
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        const distance = editDistance(word, candidate, Math.min(max, bestDistance));
        const count = this.vocabulary.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && distance <= max && count > bestCount)) {
          best = candidate;
          bestDistance = distance;
          bestCount = count;
        }
      }
    }
    return bestDistance <= max ? best : word;
  }
}

function toTokens(canonical: string): string[] {
  const out: string[] = [];
  for (const word of words(canonical)) {
    if (STOPWORDS.has(word)) continue;
    out.push(CANONICAL_TOKENS.has(word) ? word : stem(word));
  }
  return out;
}
