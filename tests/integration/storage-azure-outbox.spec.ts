import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { Outbox, type NewOutboxItem } from '../../notifications/outbox';
import { Sender } from '../../notifications/sender';
import type { SendOutcome, Transport } from '../../notifications/transport';
import type { OutboxItem } from '../../notifications/types';
import { AzureBlobStore } from '../../storage/azure-blob';
import { startAzurite, type RunningAzurite } from '../support/azurite';

/** Counts deliveries per conversation; sends to `hang` never complete (the instance dies mid-send). */
class CountingTransport implements Transport {
  constructor(
    private readonly delivered: Map<string, number>,
    private readonly hang: Set<string> = new Set(),
  ) {}
  async send(item: Pick<OutboxItem, 'reference' | 'activity'>): Promise<SendOutcome> {
    const id = item.reference.conversation.id;
    if (this.hang.has(id)) return new Promise<SendOutcome>(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 2));
    this.delivered.set(id, (this.delivered.get(id) ?? 0) + 1);
    return { ok: true, activityId: `act-${id}` };
  }
  async update(): Promise<SendOutcome> {
    return { ok: true };
  }
}

function alertFor(conversationId: string): NewOutboxItem {
  return {
    tenantId: 'tenant-a', conversationId, eventKey: 'sync.stale.1.new', kind: 'new', alertId: 'sync.stale',
    reference: { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-a' }, bot: { id: 'bot' } },
    activity: { type: 'message', text: 'Directory sync is stale' },
  };
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
    const stored = await Promise.all(conversations.flatMap((id) => [one.enqueue(alertFor(id)), two.enqueue(alertFor(id))]));
    assert.equal(stored.filter(Boolean).length, conversations.length, 'each (event, conversation) stored once');

    // Both senders drain the shared outbox at once; instance one dies while sending to three of them.
    const dying = new Set(conversations.slice(0, 3));
    const first = new Sender(one, new CountingTransport(delivered, dying), options);
    const second = new Sender(two, new CountingTransport(delivered), options);
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
    const third = new Sender(instance(), new CountingTransport(delivered), options);
    await third.start();
    await third.idle();
    await third.stop();

    assert.deepEqual(conversations.filter((id) => delivered.get(id) !== 1), [], 'every conversation exactly once');
    assert.equal((await instance().all()).filter((item) => item.status === 'sent').length, conversations.length);
  });
});
