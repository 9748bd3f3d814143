/**
 * Symmetric-delete index for typo correction: each word is filed under every string made by deleting
 * up to `depth` of its letters. A word within edit distance d of a typo shares such a string with one
 * of the typo's own deletions (up to d on each side; transposing two letters is one deletion on each
 * side), so looking up a typo's few dozen deletions finds every candidate, instead of measuring the
 * distance to every word of a similar length. Candidates are a superset: the caller measures them.
 *
 * Deletions are filed by a 32-bit hash, not as strings (a few hundred thousand of them): a collision
 * only adds a candidate. Entries are hash × 2^20 + word index in one sorted Float64Array (exact
 * below 2^53), searched by halving.
 */
const INDEX_BITS = 2 ** 20;

export class DeletionIndex {
  private readonly entries: Float64Array;

  /** `depth(word)`: how many letters of the word may be deleted (0, 1 or 2). At most 2^20 words. */
  constructor(words: readonly string[], depth: (word: string) => number) {
    if (words.length > INDEX_BITS) throw new RangeError(`DeletionIndex holds at most ${INDEX_BITS} words`);
    const keys: number[] = [];
    words.forEach((word, index) => forEachDeletionHash(word, depth(word), (hash) => keys.push(hash * INDEX_BITS + index)));
    const sorted = Float64Array.from(keys).sort();
    // One word's deletions repeat ("letter" less either "t"): keep each entry once.
    let kept = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[kept++] = sorted[i];
    this.entries = sorted.subarray(0, kept);
  }

  /** Indexes of the words that may lie within `depth` edits of `word`. */
  candidates(word: string, depth: number): Set<number> {
    const found = new Set<number>();
    forEachDeletionHash(word, depth, (hash) => {
      for (let at = this.firstAtLeast(hash * INDEX_BITS); at < this.entries.length; at++) {
        const entry = this.entries[at];
        if (Math.floor(entry / INDEX_BITS) !== hash) break;
        found.add(entry % INDEX_BITS);
      }
    });
    return found;
  }

  private firstAtLeast(value: number): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.entries[mid] < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/**
 * Calls `visit` with the hash of the word and of each string made by deleting up to `depth` (≤ 2)
 * of its letters, computed without building the strings (a hash may come more than once).
 */
function forEachDeletionHash(word: string, depth: number, visit: (hash: number) => void): void {
  visit(hashSkipping(word, -1, -1));
  if (depth < 1) return;
  for (let i = 0; i < word.length; i++) {
    visit(hashSkipping(word, i, -1));
    if (depth < 2) continue;
    for (let j = i + 1; j < word.length; j++) visit(hashSkipping(word, i, j));
  }
}

/** FNV-1a over the word's characters except those at `skipA` and `skipB`, as an unsigned 32-bit number. */
function hashSkipping(word: string, skipA: number, skipB: number): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < word.length; k++) {
    if (k === skipA || k === skipB) continue;
    hash = Math.imul(hash ^ word.charCodeAt(k), 0x01000193);
  }
  return hash >>> 0;
}
