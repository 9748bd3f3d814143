/**
 * Symmetric-delete index for typo correction: each word is filed under every string made by deleting
 * up to `depth` of its letters. A word within edit distance d of a typo shares such a string with one
 * of the typo's own deletions (up to d on each side; transposing two letters is one deletion on each
 * side), so looking up a typo's few dozen deletions finds every candidate, instead of measuring the
 * distance to every word of a similar length. Candidates are a superset: the caller measures them.
 *
 * Deletions are filed by a 32-bit hash, not as strings (a quarter of a million of them): a collision
 * only adds a candidate. The index is a hash table laid out flat, built by counting (no sort, which
 * was half of the knowledge base's start-up): the hashes' low bits pick a bucket, `starts` holds
 * where each bucket's entries begin, and each entry is a full hash and a word index.
 */
export class DeletionIndex {
  /** Bucket b's entries are at starts[b] .. starts[b + 1] - 1. */
  private readonly starts: Int32Array;
  private readonly hashes: Uint32Array;
  private readonly words: Int32Array;
  private readonly mask: number;

  /** `depth(word)`: how many letters of the word may be deleted (0, 1 or 2). */
  constructor(words: readonly string[], depth: (word: string) => number) {
    const depths = words.map((word) => Math.max(0, Math.min(2, depth(word))));
    let total = 0;
    words.forEach((word, index) => (total += deletionCount(word.length, depths[index])));
    const hashes = new Uint32Array(total);
    const owners = new Int32Array(total);
    let at = 0;
    words.forEach((word, index) =>
      forEachDeletionHash(word, depths[index], (hash) => {
        hashes[at] = hash;
        owners[at++] = index;
      }),
    );
    // About one bucket per entry: a bucket holds one or two entries, and a lookup reads only its own.
    let buckets = 1;
    while (buckets < total) buckets *= 2;
    this.mask = buckets - 1;
    const starts = new Int32Array(buckets + 1);
    for (let i = 0; i < total; i++) starts[(hashes[i] & this.mask) + 1]++;
    for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
    const next = starts.slice(0, buckets);
    this.hashes = new Uint32Array(total);
    this.words = new Int32Array(total);
    for (let i = 0; i < total; i++) {
      const slot = next[hashes[i] & this.mask]++;
      this.hashes[slot] = hashes[i];
      this.words[slot] = owners[i];
    }
    this.starts = starts;
  }

  /** Indexes of the words that may lie within `depth` edits of `word`. */
  candidates(word: string, depth: number): Set<number> {
    const found = new Set<number>();
    forEachDeletionHash(word, depth, (hash) => {
      const bucket = hash & this.mask;
      for (let at = this.starts[bucket]; at < this.starts[bucket + 1]; at++) if (this.hashes[at] === hash) found.add(this.words[at]);
    });
    return found;
  }
}

/** How many hashes forEachDeletionHash visits for a word of `length` letters. */
function deletionCount(length: number, depth: number): number {
  return 1 + (depth >= 1 ? length : 0) + (depth >= 2 ? (length * (length - 1)) / 2 : 0);
}

/**
 * Calls `visit` with the hash of the word and of each string made by deleting up to `depth` (≤ 2)
 * of its letters, computed without building the strings (a hash may come more than once).
 * FNV-1a runs left to right, so the state after the letters before the first deletion is shared by
 * all of that deletion's strings: each string costs only the letters after it.
 */
function forEachDeletionHash(word: string, depth: number, visit: (hash: number) => void): void {
  visit(continueHash(OFFSET, word, 0));
  if (depth < 1) return;
  let before = OFFSET;
  for (let i = 0; i < word.length; i++) {
    visit(continueHash(before, word, i + 1));
    if (depth >= 2) {
      // Letters i+1 .. j-1 kept, j deleted: `between` carries the state up to j.
      let between = before;
      for (let j = i + 1; j < word.length; j++) {
        visit(continueHash(between, word, j + 1));
        between = step(between, word.charCodeAt(j));
      }
    }
    before = step(before, word.charCodeAt(i));
  }
}

const OFFSET = 0x811c9dc5;

function step(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** FNV-1a from `hash` over the word's letters from `from` on, as an unsigned 32-bit number. */
function continueHash(hash: number, word: string, from: number): number {
  let h = hash;
  for (let k = from; k < word.length; k++) h = step(h, word.charCodeAt(k));
  return h >>> 0;
}
