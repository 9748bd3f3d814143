import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStore } from '../../storage/memory';
import { SqliteStore } from '../../storage/sqlite';
import { ConcurrencyError, update, type KeyValueStore } from '../../storage/store';

/** The contract every store keeps; run against each implementation. */
export function storeContract(name: string, create: () => Promise<KeyValueStore> | KeyValueStore): void {
  describe(`storage contract: ${name}`, () => {
    let store: KeyValueStore;
    beforeEach(async () => {
      store = await create();
    });
    afterEach(() => store.close());

    it('stores JSON values under keys and reads them back', async () => {
      await store.put('installations/a', { id: 'a', n: 1 });
      assert.deepEqual((await store.get('installations/a'))?.value, { id: 'a', n: 1 });
      assert.equal(await store.get('installations/missing'), undefined);
    });

    it('changes the ETag on every write and refuses a write with a stale ETag', async () => {
      const first = await store.put('k', 1);
      const second = await store.put('k', 2, { ifMatch: first });
      assert.notEqual(first, second);
      await assert.rejects(store.put('k', 3, { ifMatch: first }), ConcurrencyError);
      assert.equal((await store.get('k'))?.value, 2);
    });

    it('creates only once with ifNoneMatch', async () => {
      await store.put('once', 'a', { ifNoneMatch: '*' });
      await assert.rejects(store.put('once', 'b', { ifNoneMatch: '*' }), ConcurrencyError);
      assert.equal((await store.get('once'))?.value, 'a');
    });

    it('deletes, conditionally too, and ignores a missing key', async () => {
      const etag = await store.put('d', 1);
      await store.put('d', 2);
      await assert.rejects(store.delete('d', { ifMatch: etag }), ConcurrencyError);
      await store.delete('d');
      await store.delete('d');
      assert.equal(await store.get('d'), undefined);
    });

    it('lists by prefix in key order, and nothing else', async () => {
      for (const key of ['outbox/2', 'outbox/1', 'outboxer/x', 'alerts/1']) await store.put(key, key);
      assert.deepEqual(
        (await store.list('outbox/')).map((i) => i.key),
        ['outbox/1', 'outbox/2'],
      );
    });

    it('lets concurrent read-modify-write updates all land (update retries on conflict)', async () => {
      await Promise.all(Array.from({ length: 20 }, () => update<number>(store, 'counter', (n) => (n ?? 0) + 1)));
      assert.equal((await store.get('counter'))?.value, 20);
    });
  });
}

storeContract('memory', () => new MemoryStore());
storeContract('sqlite', () => new SqliteStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-sqlite-')), 'store.sqlite')));

describe('sqlite store', () => {
  it('keeps data across reopen (a server restart)', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-sqlite-')), 'store.sqlite');
    const first = new SqliteStore(file);
    await first.put('installations/x', { serviceUrl: 'https://smba' });
    await first.close();
    const second = new SqliteStore(file);
    assert.deepEqual((await second.get('installations/x'))?.value, { serviceUrl: 'https://smba' });
    await second.close();
  });
});
