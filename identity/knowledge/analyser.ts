import { DeletionIndex } from './deletion-index';
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
  /** The question's words as typed (normalised, before correction and synonym folding). */
  typed: string[];
}

/**
 * Turns text into retrieval tokens. Topics and questions go through the same steps; questions
 * additionally get their misspelt words corrected towards words the knowledge base uses.
 */
export class Analyser {
  private readonly vocabulary: Map<string, number>;
  /** Stems of the vocabulary: "stopping" is a known word when "stopped" is, not a typo of "scoping". */
  private readonly stems = new Set<string>();
  /** The words typos may be corrected to (four letters or more, no digits), in vocabulary order. */
  private readonly targets: string[] = [];
  /**
   * The targets by their deletions. On the target's side a typo needs no more deletions than its
   * distance less the length difference: a target under eight letters needs one, as typos are
   * corrected by two edits only from eight letters on.
   */
  private readonly nearby: DeletionIndex;
  /**
   * The stem of every vocabulary word, worked out once: a topic text's words are nearly all in the
   * vocabulary, and stemming each of their hundred thousand occurrences was a tenth of start-up.
   */
  private readonly stemOf = new Map<string, string>();

  /**
   * `corpus` is every text of the knowledge base; its words are what typos are corrected to.
   * `normalised`: the texts are already as normalise() leaves them (a caller that tokenises them
   * too normalises them once, for both).
   */
  constructor(corpus: readonly string[], normalised = false) {
    this.vocabulary = new Map();
    for (const text of corpus)
      for (const word of words(normalised ? text : normalise(text))) this.vocabulary.set(word, (this.vocabulary.get(word) ?? 0) + 1);
    for (const word of VARIANT_WORDS) this.vocabulary.set(word, (this.vocabulary.get(word) ?? 0) + 1);
    for (const word of this.vocabulary.keys()) {
      const wordStem = stem(word);
      this.stemOf.set(word, wordStem);
      this.stems.add(wordStem);
      if (word.length < 4 || /\d/.test(word)) continue;
      this.targets.push(word);
    }
    this.nearby = new DeletionIndex(this.targets, (word) => (word.length >= 8 ? 2 : 1));
  }

  /** Tokens of a topic text (no typo correction). */
  tokens(text: string): string[] {
    return this.tokensOfNormalised(normalise(text));
  }

  /** Tokens of a text already as normalise() leaves it. */
  tokensOfNormalised(normalisedText: string): string[] {
    return this.toTokens(canonicalise(normalisedText));
  }

  /** Tokens of a user's question, with typos corrected. */
  analyse(question: string): Analysis {
    const corrections: Correction[] = [];
    const normalised = normalise(question);
    const typed = words(normalised);
    // Most questions have no typo: their normalised text is what is canonicalised, with no copy.
    let corrected: string[] | undefined;
    for (let i = 0; i < typed.length; i++) {
      const fixed = this.correct(typed[i]);
      if (fixed === typed[i]) continue;
      // Another spelling of the same stem searches the same token: it is not worth a "showing results for".
      if (this.stemOf.get(fixed) !== stem(typed[i])) corrections.push({ from: typed[i], to: fixed });
      (corrected ??= [...typed])[i] = fixed;
    }
    return { tokens: this.toTokens(canonicalise(corrected ? corrected.join(' ') : normalised)), corrections, typed };
  }

  /**
   * The closest target word (fewest edits; then the most used; then the shortest, earliest in the
   * vocabulary), or the word itself when none is within one edit (two for words of eight letters or more).
   */
  private correct(word: string): string {
    if (word.length < 5 || /\d/.test(word) || STOPWORDS.has(word) || this.vocabulary.has(word)) return word;
    const wordStem = stem(word);
    // A known stem is a known word in another form ("stopping" when "stopped" is used), not a typo; but when a word
    // one edit away has that very stem, it is the spelling the phrases are written in ("stagging mode" is "staging mode").
    if (this.stems.has(wordStem)) return this.sameStemSpelling(word, wordStem);
    const max = word.length >= 8 ? 2 : 1;
    const candidates = this.nearby.candidates(word, max);
    let best: { index: number; distance: number; count: number } | undefined;
    for (const index of candidates) {
      const candidate = this.targets[index];
      const distance = editDistance(word, candidate, max);
      if (distance > max) continue;
      const count = this.vocabulary.get(candidate) ?? 0;
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance &&
          (count > best.count || (count === best.count && before(candidate, index, this.targets[best.index], best.index))))
      ) {
        best = { index, distance, count };
      }
    }
    return best ? this.targets[best.index] : word;
  }

  /** The most used target one edit from `word` with the same stem, or the word itself. */
  private sameStemSpelling(word: string, wordStem: string): string {
    let best: string | undefined;
    for (const index of this.nearby.candidates(word, 1)) {
      const candidate = this.targets[index];
      if (this.stemOf.get(candidate) !== wordStem || editDistance(word, candidate, 1) > 1) continue;
      if (
        !best ||
        (this.vocabulary.get(candidate) ?? 0) > (this.vocabulary.get(best) ?? 0) ||
        ((this.vocabulary.get(candidate) ?? 0) === (this.vocabulary.get(best) ?? 0) && candidate < best)
      )
        best = candidate;
    }
    return best ?? word;
  }

  private toTokens(canonical: string): string[] {
    const out: string[] = [];
    for (const word of words(canonical)) {
      if (STOPWORDS.has(word)) continue;
      out.push(CANONICAL_TOKENS.has(word) ? word : (this.stemOf.get(word) ?? stem(word)));
    }
    return out;
  }
}

/** Order among equally close, equally used words: the shorter first, then the earlier in the vocabulary. */
function before(a: string, aIndex: number, b: string, bIndex: number): boolean {
  return a.length < b.length || (a.length === b.length && aIndex < bIndex);
}
