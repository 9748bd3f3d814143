import assert from 'node:assert/strict';
import { abandonLease, MemoryLeaseManager } from '../../storage/lease';
import { MemoryWorkQueue, QueueReceiptError } from '../../storage/work-queue';

describe('memory lease manager (single instance, tests)', () => {
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => (now = 1_000_000));

  it('gives a lease to one holder at a time and hands it over on release', async () => {
    const leases = new MemoryLeaseManager(clock);
    const first = await leases.acquireLease('watcher/t1', 15);
    assert.ok(first?.held);
    assert.equal(await leases.acquireLease('watcher/t1', 15), undefined);
    assert.ok(await leases.acquireLease('watcher/t2', 15), 'other names are independent');
    await first.release();
    assert.equal(first.held, false);
    assert.ok(await leases.acquireLease('watcher/t1', 15));
    await leases.close();
  });

  it("hands a crashed holder's lease over once its ttl has passed", async () => {
    const leases = new MemoryLeaseManager(clock);
    const crashed = await leases.acquireLease('watcher/t1', 15);
    abandonLease(crashed!);
    now += 14_000;
    assert.equal(await leases.acquireLease('watcher/t1', 15), undefined);
    now += 1_001;
    assert.ok(await leases.acquireLease('watcher/t1', 15));
    await leases.close();
  });

  it('refuses ttls outside 15..60 s', async () => {
    await assert.rejects(new MemoryLeaseManager().acquireLease('x', 10), /15 to 60/);
  });
});

describe('memory work queue', () => {
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => (now = 1_000_000));

  it('hides received messages, redelivers undeleted ones after the timeout, and refuses a stale receipt', async () => {
    const queue = new MemoryWorkQueue(clock);
    await queue.enqueue('outbox/1');
    await queue.enqueue('outbox/2');
    await queue.enqueue('outbox/later', { delaySeconds: 60 });
    const first = await queue.receive(32, 30);
    assert.deepEqual(
      first.map((m) => m.id),
      ['outbox/1', 'outbox/2'],
    );
    assert.deepEqual(await queue.receive(32, 30), [], 'hidden while being worked on');
    await queue.delete(first[0]);
    now += 31_000;
    const again = await queue.receive(32, 30);
    assert.deepEqual(
      again.map((m) => [m.id, m.dequeueCount]),
      [['outbox/2', 2]],
    );
    await assert.rejects(queue.delete(first[1]), QueueReceiptError);
    await queue.delete(again[0]);
    now += 30_000;
    assert.deepEqual(
      (await queue.receive(32, 30)).map((m) => m.id),
      ['outbox/later'],
    );
  });

  it('checks receive arguments like Azure does', async () => {
    const queue = new MemoryWorkQueue();
    await assert.rejects(queue.receive(0, 30), RangeError);
    await assert.rejects(queue.receive(33, 30), RangeError);
    await assert.rejects(queue.receive(1, 0), RangeError);
  });
});
