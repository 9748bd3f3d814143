import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExclusionNotFoundError, ExclusionStore } from '../../notifications/exclusions';
import { keys } from '../../notifications/keys';
import { SubscriptionStore } from '../../notifications/subscriptions';
import { MemoryStore } from '../../storage/memory';
import { SqliteStore } from '../../storage/sqlite';
import type { KeyValueStore } from '../../storage/store';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-15T12:00:00Z');
const REQUEST = {
  scope: 'finding',
  code: 'sync.errors',
  subject: 'tenant',
  reason: 'duplicates cleaned up this week',
  expiresInDays: 7,
} as const;

/** Exclusions and subscription settings in each embedded backend: what is stored survives a reopen, ended exclusions stay listed a while. */
for (const [name, open] of [
  [
    'memory',
    () => {
      const store = new MemoryStore();
      return () => store;
    },
  ],
  [
    'sqlite',
    () => {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-rules-')), 'store.sqlite');
      return () => new SqliteStore(file);
    },
  ],
] as Array<[string, () => () => KeyValueStore]>) {
  describe(`alert rules in storage (${name})`, () => {
    it('keeps an exclusion with who, when, why and the expiry across a reopen; revoking marks it, a second revoke is not found', async () => {
      const reopen = open();
      let now = T0;
      const first = reopen();
      const added = await new ExclusionStore(first, () => now).add(
        't',
        REQUEST,
        { title: 'Objects with sync errors' },
        {
          name: 'Adele Vance',
          id: 'oid-1',
        },
      );
      await first.close();
      const second = reopen();
      const exclusions = new ExclusionStore(second, () => now);
      assert.deepEqual(await exclusions.list('t'), [added]);
      assert.equal(added.expiresAt, new Date(T0 + 7 * DAY).toISOString());
      assert.deepEqual(await exclusions.list('other-tenant'), []);
      now += DAY;
      const revoked = await exclusions.revoke('t', added.id, { name: 'Megan Bowen' });
      assert.deepEqual([revoked.revokedBy?.name, revoked.revokedAt], ['Megan Bowen', new Date(T0 + DAY).toISOString()]);
      await assert.rejects(exclusions.revoke('t', added.id, { name: 'Megan Bowen' }), ExclusionNotFoundError);
      // Listed for 30 days after it ended, then forgotten.
      now = T0 + 30 * DAY;
      assert.equal((await exclusions.list('t')).length, 1);
      now = T0 + 32 * DAY;
      assert.deepEqual(await exclusions.list('t'), []);
      assert.deepEqual(await second.list(keys.exclusions('t')), []);
      await second.close();
    });

    it('gives a subscription stored before categories and the digest hour existed every category and 08:00 UTC, and keeps what was chosen', async () => {
      const store = open()();
      const legacy = {
        tenantId: 't',
        conversationId: 'a:old',
        kind: 'personal',
        label: 'Old chat',
        minimumSeverity: 'critical',
        reminderHours: 0,
        digest: true,
        subscribedBy: { id: 'u' },
        subscribedAt: '2025-06-01T00:00:00Z',
      };
      await store.put(keys.subscription('t', 'a:old'), legacy);
      const subscriptions = new SubscriptionStore(store);
      const read = await subscriptions.get('t', 'a:old');
      assert.deepEqual(
        [read?.categories, read?.digestHour, read?.timeZone, read?.minimumSeverity, read?.digest],
        [['sync', 'federation', 'apps', 'service'], 8, 'UTC', 'critical', true],
      );
      const patched = await subscriptions.patch('t', 'a:old', { categories: ['apps'], timeZone: 'America/New_York' });
      assert.deepEqual([patched?.categories, patched?.timeZone, patched?.minimumSeverity], [['apps'], 'America/New_York', 'critical']);
      await store.close();
    });
  });
}
