import assert from 'node:assert/strict';
import { VirtualClock } from '../../notifications/clock';
import { Outbox } from '../../notifications/outbox';
import { Sender, type SenderOptions } from '../../notifications/sender';
import { NotificationService } from '../../notifications/service';
import { silentLogger } from '../../platform/logger';
import { MemoryStore } from '../../storage/memory';
import { MemoryWorkQueue, QueueReceiptError, type QueueMessage } from '../../storage/work-queue';
import { outboxItem } from '../support/outbox-items';
import { ScriptedTransport } from '../support/scripted-transport';

/** The queue's own count of messages (visible or not): "the queue ends empty". */
function queueLength(queue: MemoryWorkQueue): number {
  return (queue as unknown as { messages: unknown[] }).messages.length;
}

/** Runs the senders until every one is idle and the queue holds nothing (virtual time runs on while they poll). */
async function drain(senders: ReadonlyArray<Pick<Sender, 'idle'>>, queue: MemoryWorkQueue): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    await Promise.all(senders.map((sender) => sender.idle()));
    if (!queueLength(queue)) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail(`the queue did not drain: ${queueLength(queue)} left`);
}

describe('notifications: outbox drained through a work queue (MemoryWorkQueue)', () => {
  const options = (clock: VirtualClock, queue: MemoryWorkQueue): SenderOptions => ({
    clock,
    queue,
    pollMs: 500,
    leaseMs: 10_000,
    visibilityTimeoutSeconds: 15,
    concurrency: 4,
    perTenant: [{ limit: 100_000, ms: 1000 }],
  });

  it('announces each stored item once (a deduplicated enqueue announces nothing)', async () => {
    const queue = new MemoryWorkQueue();
    const outbox = new Outbox(new MemoryStore(), Date.now, { queue });
    const stored = await outbox.enqueue(outboxItem('c1'));
    assert.ok(stored);
    assert.equal(await outbox.enqueue(outboxItem('c1')), undefined);
    const messages = await queue.receive(32, 30);
    assert.deepEqual(
      messages.map((m) => m.id),
      [stored.key],
    );
  });

  it('sends once per item when the queue delivers its message several times, to two senders at once; the queue ends empty', async () => {
    const clock = new VirtualClock();
    const queue = new MemoryWorkQueue(() => clock.now());
    const store = new MemoryStore();
    const outbox = new Outbox(store, () => clock.now(), { queue });
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    for (const id of ids) {
      const stored = (await outbox.enqueue(outboxItem(id)))!;
      // Duplicate deliveries (at-least-once): the same key announced twice more.
      await queue.enqueue(stored.key);
      await queue.enqueue(stored.key);
    }
    assert.equal(queueLength(queue), ids.length * 3);
    const transport = new ScriptedTransport();
    const senders = [
      new Sender(new Outbox(store, () => clock.now()), transport, options(clock, queue)),
      new Sender(new Outbox(store, () => clock.now()), transport, options(clock, queue)),
    ];
    await Promise.all(senders.map((sender) => sender.start()));
    await drain(senders, queue);
    await Promise.all(senders.map((sender) => sender.stop()));

    assert.deepEqual(
      ids.filter((id) => transport.delivered.get(id) !== 1),
      [],
      'each conversation exactly once',
    );
    assert.equal(transport.calls.length, ids.length, 'no second send attempt');
    assert.equal(senders[0].stats.sent + senders[1].stats.sent, ids.length);
    assert.equal(senders[0].stats.acknowledged + senders[1].stats.acknowledged, ids.length * 3, 'every message deleted');
    assert.ok((await outbox.all()).every((i) => i.status === 'sent'));
    clock.advance(60_000);
    assert.deepEqual(await queue.receive(32, 1), []);
  });

  it('just deletes a message whose item is already sent, or gone', async () => {
    const clock = new VirtualClock();
    const queue = new MemoryWorkQueue(() => clock.now());
    const store = new MemoryStore();
    const outbox = new Outbox(store, () => clock.now());
    const stored = (await outbox.enqueue(outboxItem('c1')))!;
    const claimed = (await outbox.claim(stored.key, 1000))!;
    await outbox.settle(claimed, 'sent', { at: clock.now(), attempt: 1, status: 200, outcome: 'sent' });
    await queue.enqueue(stored.key);
    await queue.enqueue('notifications/outbox/tenant-a/pruned/c2');
    const transport = new ScriptedTransport();
    const sender = new Sender(outbox, transport, options(clock, queue));
    await sender.start();
    await drain([sender], queue);
    await sender.stop();
    assert.deepEqual(transport.calls, []);
    assert.equal(sender.stats.acknowledged, 2);
  });

  it('a stale pop receipt on delete is harmless: the redelivered message finds the item sent and goes', async () => {
    const clock = new VirtualClock();
    const queue = new (class extends MemoryWorkQueue {
      stale = 0;
      override async delete(message: QueueMessage): Promise<void> {
        // The first delete comes too late: the message was received again since.
        if (!this.stale++) throw new QueueReceiptError(message.messageId);
        return super.delete(message);
      }
    })(() => clock.now());
    const outbox = new Outbox(new MemoryStore(), () => clock.now(), { queue });
    await outbox.enqueue(outboxItem('c1'));
    const transport = new ScriptedTransport();
    const sender = new Sender(outbox, transport, options(clock, queue));
    await sender.start();
    await drain([sender], queue);
    await sender.stop();
    assert.equal(transport.delivered.get('c1'), 1);
    assert.equal(transport.calls.length, 1);
    assert.equal(queue.stale, 2);
  });

  it('a retry goes back on the queue after its delay (Retry-After), then is sent once', async () => {
    const clock = new VirtualClock();
    const queue = new MemoryWorkQueue(() => clock.now());
    const outbox = new Outbox(new MemoryStore(), () => clock.now(), { queue });
    const stored = (await outbox.enqueue(outboxItem('c1')))!;
    const transport = new ScriptedTransport();
    transport.script('c1', { ok: false, status: 429, code: 'Throttled', retryAfterMs: 30_000, message: 'throttled' });
    const sender = new Sender(outbox, transport, { ...options(clock, queue), random: () => 0 });
    const started = clock.now();
    await sender.start();
    await drain([sender], queue);
    await sender.stop();
    assert.equal(transport.calls.length, 2);
    assert.equal(transport.delivered.get('c1'), 1);
    const final = (await outbox.get(stored.key))!;
    assert.deepEqual(
      final.results.map((r) => `${r.status}:${r.outcome}`),
      ['429:retry', '200:sent'],
    );
    assert.ok(final.results[1].at - started >= 30_000, 'not before Retry-After');
    assert.equal(sender.stats.throttled, 1);
  });

  it('loses nothing when a queue message is lost: the rescan (safety net) sends the item once it is quiet', async () => {
    const clock = new VirtualClock();
    const queue = new MemoryWorkQueue(() => clock.now());
    const store = new MemoryStore();
    // Stored without an announcement (the queue write failed, or the message expired).
    const stored = (await new Outbox(store, () => clock.now()).enqueue(outboxItem('c1')))!;
    const transport = new ScriptedTransport();
    const sender = new Sender(new Outbox(store, () => clock.now(), { queue }), transport, options(clock, queue));
    await sender.start();
    await sender.idle();
    assert.deepEqual(transport.calls, [], 'fresh items are left to the queue');
    clock.advance(15_000);
    assert.equal(await sender.rescan(), 1);
    await sender.idle();
    await sender.stop();
    assert.equal(transport.delivered.get('c1'), 1);
    assert.equal((await new Outbox(store).get(stored.key))!.status, 'sent');
  });

  it('refuses a visibility timeout not longer than the claim lease', () => {
    assert.throws(
      () =>
        new Sender(new Outbox(new MemoryStore()), new ScriptedTransport(), {
          queue: new MemoryWorkQueue(),
          leaseMs: 30_000,
          visibilityTimeoutSeconds: 30,
        }),
      RangeError,
    );
  });
});

describe('notifications: the service with a queue', () => {
  it('announces what sendTest stores and sends it from the queue, not from the local list; stop() closes the queue', async () => {
    const store = new MemoryStore();
    let closed = 0;
    const queue = new (class extends MemoryWorkQueue {
      override async close(): Promise<void> {
        closed++;
      }
    })();
    const transport = new ScriptedTransport();
    const service = new NotificationService({
      store,
      snapshots: {} as never,
      transport,
      tabUrl: 'https://example.test/tab/',
      watchIntervalMinutes: 0,
      queue,
      sender: { pollMs: 5 },
      logger: silentLogger,
    });
    const base = {
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
      recipient: { id: '28:bot' },
      from: { id: '29:u', name: 'Adele' },
    };
    await service.observe({
      ...base,
      type: 'installationUpdate',
      action: 'add',
      conversation: { id: 'a:p', conversationType: 'personal', tenantId: 't' },
    } as never);
    const subscribed = await service.subscribe({
      tenantId: 't',
      conversationId: 'a:p',
      kind: 'personal',
      actor: { id: '29:u', name: 'Adele' },
    });
    assert.equal(subscribed.outcome, 'subscribed');
    assert.equal(await service.sendTest('t', 'r1'), 1);
    assert.equal(service.delivery().held, 0, 'left to the queue');
    assert.equal(queueLength(queue), 1);
    await service.start();
    await drain([service], queue);
    await service.stop();
    assert.equal(transport.delivered.get('a:p'), 1);
    assert.equal(service.delivery().received, 1);
    assert.equal(closed, 1);
  });
});
