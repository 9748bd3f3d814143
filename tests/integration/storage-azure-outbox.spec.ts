import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { Outbox } from '../../notifications/outbox';
import { Sender } from '../../notifications/sender';
import { AzureBlobStore } from '../../storage/azure-blob';
import { AzureWorkQueue } from '../../storage/azure-queue';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { outboxItem } from '../support/outbox-items';
import { ScriptedTransport } from '../support/scripted-transport';

/** Deliveries counted in `delivered` (shared by the instances); sends to `hang` never complete (the instance dies mid-send). */
function transport(delivered: Map<string, number>, hang: (conversationId: string) => boolean = () => false): ScriptedTransport {
  return new ScriptedTransport({ delivered, hangs: hang, pause: () => new Promise((resolve) => setTimeout(resolve, 2)) });
}

describe('outbox on Azure blobs shared by several instances (Azurite)', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(() => azurite?.stop());

  it('delivers one alert to each conversation exactly once across two instances, and loses nothing when one dies mid fan-out', async () => {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(`outbox-${randomUUID()}`);
    const instance = (): Outbox => new Outbox(new AzureBlobStore({ containerClient: container }));
    const conversations = Array.from({ length: 60 }, (_, i) => `a:conv-${i}`);
    const delivered = new Map<string, number>();
    const options = { concurrency: 6, leaseMs: 1500, perTenant: [{ limit: 100_000, ms: 1000 }] };

    // Both instances saw the same alert and both enqueue it for every conversation: stored once each.
    const [one, two] = [instance(), instance()];
    const stored = await Promise.all(conversations.flatMap((id) => [one.enqueue(outboxItem(id)), two.enqueue(outboxItem(id))]));
    assert.equal(stored.filter(Boolean).length, conversations.length, 'each (event, conversation) stored once');

    // Both senders drain the shared outbox at once; instance one dies while sending to three of them.
    const dying = new Set(conversations.slice(0, 3));
    const first = new Sender(
      one,
      transport(delivered, (id) => dying.has(id)),
      options,
    );
    const second = new Sender(two, transport(delivered), options);
    await Promise.all([first.start(), second.start()]);
    await second.idle();
    // Instance one may still be finishing sends it claimed; wait for those (not the hanging ones).
    for (let waited = 0; waited < 10_000 && conversations.some((id) => !dying.has(id) && !delivered.has(id)); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    void first.stop(); // never resolves: its three sends hang forever, like a killed process
    await second.stop();
    const missing = conversations.filter((id) => !delivered.has(id));
    // What is missing now is what the dead instance had claimed: its hanging sends, and any it had
    // claimed but not started (how many depends on timing). The live instance sent the rest.
    assert.ok(missing.length <= conversations.length / 2, `the live instance sent the bulk; missing: ${missing.join(', ')}`);

    // After the dead instance's claims run out, a fresh instance finishes the fan-out.
    await new Promise((resolve) => setTimeout(resolve, options.leaseMs + 200));
    const third = new Sender(instance(), transport(delivered), options);
    await third.start();
    await third.idle();
    await third.stop();

    assert.deepEqual(
      conversations.filter((id) => delivered.get(id) !== 1),
      [],
      'every conversation exactly once',
    );
    assert.equal((await instance().all()).filter((item) => item.status === 'sent').length, conversations.length);
  });
  it('drains through one shared Azure queue: two instances take work from it, one dies mid-send, a third finishes; each conversation exactly once, the queue ends empty', async () => {
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(`outbox-${randomUUID()}`);
    const queueName = `outbox-${randomUUID()}`;
    // Each instance has its own clients (as separate processes would) on the same container and queue.
    const queueOf = (): AzureWorkQueue => new AzureWorkQueue({ connectionString: azurite.connectionString, queue: queueName });
    const instance = (queue?: AzureWorkQueue): Outbox =>
      new Outbox(new AzureBlobStore({ containerClient: container }), Date.now, queue ? { queue } : {});
    const conversations = Array.from({ length: 60 }, (_, i) => `a:conv-${i}`);
    const delivered = new Map<string, number>();
    const options = {
      concurrency: 6,
      leaseMs: 1500,
      visibilityTimeoutSeconds: 2,
      pollMs: 25,
      receiveBatch: 8,
      perTenant: [{ limit: 100_000, ms: 1000 }],
    };
    const queueLength = async (): Promise<number> => (await queueOf().queue.getProperties()).approximateMessagesCount ?? -1;

    // Both instances saw the same alert and both enqueue it for every conversation: stored once, announced once.
    const [queueOne, queueTwo] = [queueOf(), queueOf()];
    const [one, two] = [instance(queueOne), instance(queueTwo)];
    const stored = await Promise.all(conversations.flatMap((id) => [one.enqueue(outboxItem(id)), two.enqueue(outboxItem(id))]));
    assert.equal(stored.filter(Boolean).length, conversations.length, 'each (event, conversation) stored once');
    assert.equal(await queueLength(), conversations.length, 'each stored item announced once');

    // Both senders take work from the queue; instance one dies while sending to the first three it took.
    const dying: ScriptedTransport = transport(delivered, () => dying.hung.size < 3);
    // Both leave fresh items to their queue messages when they start, however long enqueueing took
    // (by default, a start more than visibilityTimeoutSeconds after it holds all 60 from the rescan).
    const fresh = { ...options, rescanQuietMs: 60_000 };
    // The dying instance's claims and hidden messages outlast the live one's share of the work, on a
    // loaded machine too (with 1.5 s, the live one could take over the hanging sends before it went idle).
    const dead = { leaseMs: 8_000, visibilityTimeoutSeconds: 9 };
    const first = new Sender(one, dying, { ...fresh, ...dead, queue: queueOne });
    const second = new Sender(two, transport(delivered), { ...fresh, queue: queueTwo });
    await first.start();
    for (let waited = 0; waited < 10_000 && dying.hung.size < 3; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await second.start();
    // Instance one dies with the fan-out under way.
    for (let waited = 0; waited < 10_000 && delivered.size < 20; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    void first.stop(); // never resolves if one of its sends hangs, like a killed process; it receives nothing more
    await second.idle();
    await second.stop();
    assert.ok(
      first.stats.received > 0 && second.stats.received > 0,
      `both took work from the queue (${first.stats.received}, ${second.stats.received})`,
    );
    assert.ok(second.stats.sent > 0, 'the live instance sent from the queue');
    const missing = conversations.filter((id) => !delivered.has(id));
    assert.ok(
      [...dying.hung].every((id) => missing.includes(id)),
      'its hanging sends are missing',
    );
    assert.ok(missing.length <= conversations.length / 2, `only what the dead instance held is missing: ${missing.join(', ')}`);

    // After the dead instance's claims (and its messages' visibility) run out, a fresh instance finishes from the queue and the rescan.
    await new Promise((resolve) => setTimeout(resolve, dead.leaseMs + 200));
    const queueThree = queueOf();
    const third = new Sender(instance(queueThree), transport(delivered), { ...options, queue: queueThree });
    await third.start();
    for (
      let waited = 0;
      waited < 20_000 && (conversations.some((id) => !delivered.has(id)) || (await queueLength()) !== 0);
      waited += 100
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await third.stop();

    assert.deepEqual(
      conversations.filter((id) => delivered.get(id) !== 1),
      [],
      'every conversation exactly once',
    );
    assert.equal((await instance().all()).filter((item) => item.status === 'sent').length, conversations.length);
    assert.equal(await queueLength(), 0, 'the queue ends empty');
    assert.deepEqual(await queueOf().receive(32, 1), []);
    assert.equal(third.stats.sent, missing.length, 'the third instance sent exactly what was missing');
  });
});
