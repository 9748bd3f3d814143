import assert from 'node:assert/strict';
import fc from 'fast-check';
import { blobNameOf, keyOfBlobName } from '../../storage/azure-blob';
import { SEED } from '../support/fuzz-server';

/** Storage keys as Azure blob names (1000 runs): they round-trip, keep prefixes, and are valid names. */
const RUNS = { storageKeys: 1000 };

describe('fuzz: storage keys', () => {
  it(`blob names round-trip for ${RUNS.storageKeys} keys, keep prefixes, and never end in "." or "/"`, () => {
    const keyChars = fc.string({
      unit: fc.oneof(
        fc.constantFrom('/', '.', '~', '%', ' ', 'a', 'Z', '0', '-', '_', ':', '@'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(keyChars, fc.nat(60), (key, cut) => {
        const name = blobNameOf(key);
        assert.equal(keyOfBlobName(name), key);
        assert.doesNotMatch(name, /[./]$|^\/|\/\/|(^|\/)\.\.?(\/|$)/);
        const prefix = key.slice(0, Math.min(cut, key.length)).replace(/\/+$/, '');
        assert.ok(name.startsWith(blobNameOf(prefix)), `${JSON.stringify(prefix)} is a prefix of ${JSON.stringify(key)}`);
      }),
      { seed: SEED, numRuns: RUNS.storageKeys },
    );
  });
});
