import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { AzureBlobStore } from '../../storage/azure-blob';
import { AzureWorkQueue } from '../../storage/azure-queue';
import { abandonLease, AzureLeaseManager, type LeaseManager } from '../../storage/lease';
import { ConcurrencyError, update } from '../../storage/store';
import { QueueReceiptError } from '../../storage/work-queue';
import { ConnectorDouble } from '../support/connector';
import { cardText } from '../support/card-text';
import { messageActivity } from '../support/activities';
import { startTestApp } from '../support/app';
import { answerClick } from '../support/advisor-card';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { storeContract } from '../unit/storage-contract.spec';

/** Azure Storage (Azurite on loopback, started here) behind the same interfaces as the other backends. */
describe('Azure Storage (Azurite)', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  let blobs: BlobServiceClient;
  const containerName = (): string => `t-${randomUUID()}`;
  const storeIn = (container: string, options: { listPageSize?: number } = {}): AzureBlobStore =>
    new AzureBlobStore({ containerClient: blobs.getContainerClient(container), ...options });

  before(async () => {
    azurite = await startAzurite();
    blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
  });
  after(() => azurite?.stop());

  storeContract('azure blobs', () => storeIn(containerName()));

  describe('blob store specifics', () => {
    it('keeps keys with dots, slashes, spaces, percent signs, tildes and non-Latin letters apart and lists them by prefix', async () => {
      const store = storeIn(containerName());
      const keys = [
        'odd/a.b',
        'odd/..',
        'odd/./x',
        'odd/trailing/',
        'odd//double',
        'odd/ü ß/東京',
        'odd/%2F',
        'odd/~7e',
        'odd/19:abc@thread.v2',
        'odder/x',
        '/leading',
      ];
      for (const key of keys) await store.put(key, { key });
      for (const key of keys) assert.deepEqual((await store.get(key))?.value, { key }, key);
      const listed = (await store.list('odd/')).map((item) => item.key);
      assert.deepEqual(listed, keys.filter((k) => k.startsWith('odd/')).sort());
      assert.deepEqual(
        (await store.list('odd/trailing/')).map((i) => i.key),
        ['odd/trailing/'],
      );
      assert.deepEqual(
        (await store.list('/')).map((i) => i.key),
        ['/leading'],
      );
    });

    it('pages through long listings', async () => {
      const store = storeIn(containerName(), { listPageSize: 7 });
      await Promise.all(Array.from({ length: 45 }, (_, i) => store.put(`outbox/${String(i).padStart(3, '0')}`, i)));
      await store.put('other/1', 1);
      const listed = await store.list<number>('outbox/');
      assert.equal(listed.length, 45);
      assert.deepEqual(
        listed.map((i) => i.value),
        Array.from({ length: 45 }, (_, i) => i),
      );
    });

    it('maps a stale If-Match on a deleted item to ConcurrencyError and a conditional delete of a missing item to a no-op', async () => {
      const store = storeIn(containerName());
      const etag = await store.put('k', 1);
      await store.delete('k');
      await assert.rejects(store.put('k', 2, { ifMatch: etag }), ConcurrencyError);
      await store.delete('k', { ifMatch: etag });
    });
  });

  describe('two instances sharing one storage account', () => {
    it('resolve ETag conflicts on the same keys without losing a write', async () => {
      const container = containerName();
      const [a, b] = [storeIn(container), storeIn(container)];
      const keys = ['installations/shared', 'alerts/tenant-a/state'];
      const writes = keys.flatMap((key) =>
        Array.from({ length: 15 }, (_, i) => [
          update<string[]>(a, key, (list) => [...(list ?? []), `a${i}`]),
          update<string[]>(b, key, (list) => [...(list ?? []), `b${i}`]),
        ]).flat(),
      );
      await Promise.all(writes);
      for (const key of keys) {
        const value = (await a.get<string[]>(key))?.value ?? [];
        assert.equal(value.length, 30, `${key}: ${value.length} of 30 writes landed`);
        assert.equal(new Set(value).size, 30);
        assert.deepEqual((await b.get<string[]>(key))?.value, value);
      }
    });

    it('let exactly one of two instances create an item', async () => {
      const container = containerName();
      const [a, b] = [storeIn(container), storeIn(container)];
      const results = await Promise.allSettled([
        a.put('outbox/x/sent', 'a', { ifNoneMatch: '*' }),
        b.put('outbox/x/sent', 'b', { ifNoneMatch: '*' }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(rejected.reason instanceof ConcurrencyError);
    });
  });

  describe('two server instances behind a load balancer', () => {
    it("continue a user's advisor flow on whichever instance gets the click", async () => {
      const env = {
        STORAGE_KIND: 'azure',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        AZURE_STORAGE_CONTAINER: `lb-${randomUUID()}`,
      };
      const connector = await new ConnectorDouble().start();
      const [one, two] = [await startTestApp(env), await startTestApp(env)];
      try {
        assert.equal((await one.post(messageActivity(connector.url, 'connect advisor'))).status, 200);
        const card = connector.cards()[0] as Record<string, unknown>;
        const answer = answerClick(card);
        assert.ok(answer, 'the first question offers choices');
        const click = {
          ...messageActivity(connector.url, ''),
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: answer.verb, data: answer.data }, trigger: 'manual' },
        };
        const response = await two.post(click);
        assert.equal(response.status, 200);
        const body = (await response.json()) as { statusCode: number; value: unknown };
        assert.equal(body.statusCode, 200);
        assert.match(cardText(body.value), /Step 2 of \d+/, 'the other instance read the flow the first one stored');
        const stored = await storeIn(env.AZURE_STORAGE_CONTAINER).list('advisor-flows/');
        assert.equal(stored.length, 1);
      } finally {
        await one.stop();
        await two.stop();
        await connector.stop();
      }
    });
  });

  describe('watcher lease (blob lease)', () => {
    let first: LeaseManager;
    let second: LeaseManager;
    beforeEach(() => {
      const container = containerName();
      first = new AzureLeaseManager(blobs.getContainerClient(container));
      second = new AzureLeaseManager(blobs.getContainerClient(container));
    });
    afterEach(async () => {
      await first.close();
      await second.close();
    });

    it('lets one of two racing instances win, and hands over on release', async () => {
      const [x, y] = await Promise.all([first.acquireLease('watcher/tenant-a', 15), second.acquireLease('watcher/tenant-a', 15)]);
      assert.equal([x, y].filter(Boolean).length, 1, 'exactly one holder');
      const winner = (x ?? y)!;
      assert.equal(winner.held, true);
      const loserManager = x ? second : first;
      assert.equal(await loserManager.acquireLease('watcher/tenant-a', 15), undefined);
      // Another tenant's lease is independent.
      assert.ok(await loserManager.acquireLease('watcher/tenant-b', 15));
      await winner.release();
      assert.equal(winner.held, false);
      assert.ok(await loserManager.acquireLease('watcher/tenant-a', 15), 'taken over after release');
    });

    it("keeps a renewed lease past its ttl and hands a crashed holder's lease over after expiry", async function () {
      this.timeout(40_000);
      const alive = await first.acquireLease('watcher/alive', 15);
      const crashed = await first.acquireLease('watcher/crashed', 15);
      assert.ok(alive && crashed);
      abandonLease(crashed); // the instance dies: no renewal, no release
      assert.equal(await second.acquireLease('watcher/crashed', 15), undefined, 'not before expiry');
      await new Promise((resolve) => setTimeout(resolve, 16_500));
      assert.equal(await second.acquireLease('watcher/alive', 15), undefined, 'renewals kept the live lease');
      assert.equal(alive.held, true);
      assert.equal(alive.signal.aborted, false);
      const takeover = await second.acquireLease('watcher/crashed', 15);
      assert.ok(takeover?.held, 'expired lease taken over');
    });

    it('refuses a ttl Azure would refuse', async () => {
      await assert.rejects(first.acquireLease('x', 5), /15 to 60/);
      await assert.rejects(first.acquireLease('x', 61), /15 to 60/);
    });
  });

  describe('outbox work queue (Azure queue)', () => {
    const queueIn = (name: string): AzureWorkQueue =>
      new AzureWorkQueue({ queueClient: QueueServiceClient.fromConnectionString(azurite.connectionString).getQueueClient(name) });

    it('delivers each message to one of two consumers, and again to another after a crash', async () => {
      const name = `q-${randomUUID()}`;
      const [a, b] = [queueIn(name), queueIn(name)];
      const ids = Array.from({ length: 10 }, (_, i) => `outbox/alert-1/19:conv-${i}@thread.v2`);
      for (const id of ids) await a.enqueue(id);
      await a.enqueue('outbox/ünïcode & <xml> "quotes"');
      const [gotA, gotB] = await Promise.all([a.receive(6, 30), b.receive(6, 30)]);
      const received = [...gotA, ...gotB].map((m) => m.id);
      assert.equal(received.length, 11);
      assert.equal(new Set(received).size, 11, 'no message went to both');
      assert.ok(received.includes('outbox/ünïcode & <xml> "quotes"'));
      for (const message of gotA) await a.delete(message);
      // b "crashes": it never deletes. With a 1-second timeout its messages come back.
      const again = await queueIn(name).receive(32, 1);
      assert.equal(again.length, 0, 'still hidden');
      const short = `q-${randomUUID()}`;
      const c = queueIn(short);
      await c.enqueue('outbox/y');
      const [first] = await c.receive(1, 1);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const [redelivered] = await queueIn(short).receive(1, 30);
      assert.equal(redelivered.id, 'outbox/y');
      assert.equal(redelivered.dequeueCount, 2);
      await assert.rejects(c.delete(first), QueueReceiptError);
      await c.delete(redelivered);
      assert.deepEqual(await c.receive(32, 30), []);
    });

    it('holds a delayed message back', async () => {
      const q = queueIn(`q-${randomUUID()}`);
      await q.enqueue('later', { delaySeconds: 30 });
      assert.deepEqual(await q.receive(1, 1), []);
    });
  });
});
