import assert from 'node:assert/strict';
import { Analyser } from '../../identity/knowledge/analyser';
import { DeletionIndex } from '../../identity/knowledge/deletion-index';
import { editDistance, normalise } from '../../identity/knowledge/text';

/** A small deterministic generator, so a failure names a word that fails again. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 48271) % 2147483647;
    return state % n;
  };
}

/** The word with `edits` random deletions, insertions, substitutions or adjacent transpositions. */
function misspell(word: string, edits: number, next: (n: number) => number): string {
  let w = word;
  for (let k = 0; k < edits; k++) {
    const at = next(w.length);
    const letter = 'abcdefghijklmnopqrstuvwxyz'[next(26)];
    const op = next(4);
    if (op === 0 && w.length > 1) w = w.slice(0, at) + w.slice(at + 1);
    else if (op === 1) w = w.slice(0, at) + letter + w.slice(at);
    else if (op === 2) w = w.slice(0, at) + letter + w.slice(at + 1);
    else if (at + 1 < w.length) w = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  }
  return w;
}

const WORDS = [
  'federation',
  'certificate',
  'scheduler',
  'staging',
  'provisioning',
  'consent',
  'permission',
  'permissions',
  'writeback',
  'tenant',
  'domain',
  'forest',
  'agent',
  'agents',
  'password',
  'passwords',
  'quarantine',
  'attribute',
  'attributes',
  'connector',
  'sync',
  'syncs',
  'seamless',
  'kerberos',
  'gallery',
  'publisher',
  'verified',
  'directory',
  'filtering',
  'upgrade',
  'upgrades',
];

describe('typo candidates (symmetric-delete index)', () => {
  const index = new DeletionIndex(WORDS, (word) => (word.length >= 8 ? 2 : 1));

  it('finds every word within one edit of a typo, and within two of a typo of eight letters or more, as a full scan would', () => {
    const next = random(7);
    for (let trial = 0; trial < 800; trial++) {
      const typo = misspell(WORDS[next(WORDS.length)], 1 + next(2), next);
      const max = typo.length >= 8 ? 2 : 1;
      const candidates = index.candidates(typo, max);
      WORDS.forEach((word, i) => {
        if (editDistance(typo, word, max) <= max)
          assert.ok(candidates.has(i), `"${word}" is within ${max} of "${typo}" but not a candidate`);
      });
    }
  });

  it('offers exactly the words that share a deletion string with the typo, however the hashes fall into buckets', () => {
    const deletions = (word: string, depth: number): Set<string> => {
      const out = new Set([word]);
      for (let i = 0; i < word.length; i++) {
        const once = word.slice(0, i) + word.slice(i + 1);
        out.add(once);
        for (let j = i; depth >= 2 && j < once.length; j++) out.add(once.slice(0, j) + once.slice(j + 1));
      }
      return out;
    };
    const next = random(11);
    for (let trial = 0; trial < 300; trial++) {
      const typo = misspell(WORDS[next(WORDS.length)], 1 + next(2), next);
      const max = typo.length >= 8 ? 2 : 1;
      const asked = deletions(typo, max);
      const expected = WORDS.flatMap((word, i) => ([...deletions(word, word.length >= 8 ? 2 : 1)].some((d) => asked.has(d)) ? [i] : []));
      assert.deepEqual(
        [...index.candidates(typo, max)].sort((a, b) => a - b),
        expected,
        `candidates of "${typo}"`,
      );
    }
  });

  it('offers nothing for a word far from every indexed word', () => {
    assert.deepEqual([...index.candidates('zzzzzzzzzz', 2)], []);
  });
});

describe('typo correction', () => {
  const analyser = new Analyser(['Federation of a domain with AD FS', 'Staging mode of the sync scheduler', 'Staging server']);

  it('corrects to the closest word, and between equally close words to the one the knowledge base uses more', () => {
    assert.deepEqual(analyser.analyse('federaton').corrections, [{ from: 'federaton', to: 'federation' }]);
    assert.deepEqual(analyser.analyse('schedlure').corrections, [{ from: 'schedlure', to: 'scheduler' }], 'a transposition is one edit');
    assert.deepEqual(analyser.analyse('stagang').corrections, [{ from: 'stagang', to: 'staging' }]);
    const more = (often: string, once: string): string =>
      new Analyser([`${often} ${often}`, once]).analyse('rangex').corrections[0]?.to ?? '';
    assert.equal(more('ranges', 'ranger'), 'ranges', '"rangex" is one edit from both; "ranges" is used more');
    assert.equal(more('ranger', 'ranges'), 'ranger');
  });

  it('reads a corpus it is handed already normalised as it reads the raw texts', () => {
    const raw = ['Federation of a domain with AD FS', "Staging mode's scheduler, e.g. Set-ADSyncScheduler"];
    const prepared = new Analyser(raw.map(normalise), true);
    for (const question of ['federaton of a domian', 'stagign schedlure', 'set adsyncschedular']) {
      assert.deepEqual(prepared.analyse(question), new Analyser(raw).analyse(question), question);
    }
    assert.deepEqual(prepared.tokensOfNormalised(normalise(raw[1])), prepared.tokens(raw[1]));
  });

  it('spells a word whose stem is known as the word one edit away with that stem, so that phrases match', () => {
    const stems = new Analyser(['Staging mode of the sync server', 'The service stopped']);
    assert.deepEqual(stems.analyse('stagging mode').tokens, stems.tokens('staging mode'), '"staging mode" is one phrase');
    assert.notDeepEqual(stems.tokens('stagging mode'), stems.tokens('staging mode'));
    assert.deepEqual(stems.analyse('stagging mode').corrections, [], 'the same stem is searched: nothing to point out');
    assert.deepEqual(stems.analyse('stopping the service').tokens, stems.tokens('stopping the service'), 'a known stem alone stays');
  });

  it('leaves a word alone when no word of the knowledge base is close enough', () => {
    assert.deepEqual(analyser.analyse('restaurants').corrections, []);
    assert.deepEqual(analyser.analyse('stagxxg').corrections, [], 'two edits are too many for a seven-letter word');
  });
});
