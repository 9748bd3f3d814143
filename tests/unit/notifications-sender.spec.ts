import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../../notifications/clock';
import { Outbox } from '../../notifications/outbox';
import { Sender } from '../../notifications/sender';
import { outcomeOfError } from '../../notifications/transport';
import { verdictOf } from '../../notifications/verdict';
import type { OutboxItem } from '../../notifications/types';
import { MemoryStore } from '../../storage/memory';
import { SqliteStore } from '../../storage/sqlite';
import type { KeyValueStore } from '../../storage/store';
import { outboxItem } from '../support/outbox-items';
import { ScriptedTransport } from '../support/scripted-transport';

async function fill(outbox: Outbox, ids: string[]): Promise<OutboxItem[]> {
  const items: OutboxItem[] = [];
  for (const id of ids) items.push((await outbox.enqueue(outboxItem(id)))!);
  return items;
}

describe('notifications: outbox and sender', () => {
  it('stores each event once per conversation: a second enqueue of the same idempotency key is a no-op', async () => {
    const outbox = new Outbox(new MemoryStore());
    assert.ok(await outbox.enqueue(outboxItem('c1')));
    assert.equal(await outbox.enqueue(outboxItem('c1')), undefined);
    assert.ok(await outbox.enqueue(outboxItem('c1', 'abc.1.reminder1')));
    assert.equal((await outbox.unsent()).length, 2);
  });

  it('honours 429 Retry-After (virtual clock), retries 412/503, and records every result on the item', async () => {
    const clock = new VirtualClock();
    const outbox = new Outbox(new MemoryStore(), () => clock.now());
    const transport = new ScriptedTransport({ clock });
    transport.script(
      'c1',
      { ok: false, status: 429, code: 'Throttled', retryAfterMs: 30_000, message: 'throttled' },
      { ok: false, status: 412, message: 'precondition' },
      { ok: false, status: 503, message: 'unavailable' },
    );
    const sender = new Sender(outbox, transport, { clock, random: () => 0.5 });
    const [stored] = await fill(outbox, ['c1']);
    await sender.start();
    await sender.idle();
    await sender.stop();
    const calls = transport.calls.map((c) => c.at - transport.calls[0].at);
    assert.equal(calls.length, 4);
    assert.ok(calls[1] >= 30_000, `second attempt waited for Retry-After (after ${calls[1]} ms)`);
    assert.ok(calls[2] > calls[1] && calls[3] > calls[2], 'backed off between 412 and 503 retries');
    const final = (await outbox.get(stored.key))!;
    assert.equal(final.status, 'sent');
    assert.deepEqual(
      final.results.map((r) => `${r.status}:${r.outcome}`),
      ['429:retry', '412:retry', '503:retry', '200:sent'],
    );
    assert.equal(final.activityId, 'act-c1');
    assert.equal(sender.stats.throttled, 1);
  });

  it('isolates failures per target: a 404, a 403 BotNotInConversationRoster and a 400 never stop the others; gone ones are reported', async () => {
    const clock = new VirtualClock();
    const outbox = new Outbox(new MemoryStore(), () => clock.now());
    const transport = new ScriptedTransport({ clock });
    transport.script('gone404', { ok: false, status: 404, code: 'ConversationNotFound', message: '' });
    transport.script('roster', { ok: false, status: 403, code: 'BotNotInConversationRoster', message: '' });
    transport.script('disabled', { ok: false, status: 403, code: 'BotDisabledByAdmin', message: '' });
    transport.script('bad', { ok: false, status: 400, code: 'BadArgument', message: '' });
    const gone: string[] = [];
    const sender = new Sender(outbox, transport, { clock, onGone: async (i) => void gone.push(i.conversationId) });
    await fill(outbox, ['a', 'gone404', 'roster', 'disabled', 'bad', 'b']);
    await sender.start();
    await sender.idle();
    await sender.stop();
    assert.deepEqual([...transport.delivered.keys()].sort(), ['a', 'b']);
    assert.deepEqual(gone.sort(), ['gone404', 'roster']);
    const statuses = Object.fromEntries((await outbox.all()).map((i) => [i.conversationId, i.status]));
    assert.deepEqual(statuses, { a: 'sent', b: 'sent', gone404: 'dead', roster: 'dead', disabled: 'failed', bad: 'failed' });
  });

  it('keeps to Teams limits: at most 7 sends per second to one conversation and 50 per second per tenant', async () => {
    const clock = new VirtualClock();
    const outbox = new Outbox(new MemoryStore(), () => clock.now());
    const transport = new ScriptedTransport({ clock });
    const sender = new Sender(outbox, transport, { clock, concurrency: 64 });
    for (let i = 0; i < 20; i++) await outbox.enqueue(outboxItem('same', `e${i}.1.new`));
    await fill(
      outbox,
      Array.from({ length: 120 }, (_, i) => `c${i}`),
    );
    await sender.start();
    await sender.idle();
    await sender.stop();
    const inAnySecond = (calls: Array<{ at: number }>) =>
      Math.max(...calls.map((c) => calls.filter((o) => o.at >= c.at && o.at < c.at + 1000).length));
    assert.ok(inAnySecond(transport.calls.filter((c) => c.conversationId === 'same')) <= 7);
    assert.ok(inAnySecond(transport.calls) <= 50);
    assert.equal(transport.calls.length, 140);
  });

  it('after a restart, counts the sends the outbox recorded in the last window: no burst past the tenant limit', async () => {
    const clock = new VirtualClock();
    const store = new MemoryStore();
    const transport = new ScriptedTransport({ clock });
    const limits = { clock, perTenant: [{ limit: 5, ms: 1_000 }] };
    await fill(new Outbox(store, () => clock.now()), ['a0', 'a1', 'a2', 'a3', 'a4']);
    const before = new Sender(new Outbox(store, () => clock.now()), transport, limits);
    await before.start();
    await before.idle();
    await before.stop();
    const restartedAt = clock.now();
    await fill(new Outbox(store, () => clock.now()), ['b0', 'b1']);
    const after = new Sender(new Outbox(store, () => clock.now()), transport, limits);
    await after.start();
    await after.idle();
    await after.stop();
    const lastBefore = Math.max(...transport.calls.filter((c) => c.conversationId.startsWith('a')).map((c) => c.at));
    const firstAfter = Math.min(...transport.calls.filter((c) => c.conversationId.startsWith('b')).map((c) => c.at));
    assert.equal(lastBefore, restartedAt, 'the five went out just before the restart');
    assert.ok(firstAfter >= lastBefore + 1_000, `waited for the window (${firstAfter - lastBefore} ms)`);
  });

  it('reads the connector codes Teams uses, including MessageWritesBlocked inside the message', () => {
    const blocked = outcomeOfError({
      statusCode: 403,
      response: {
        status: 403,
        bodyAsText: JSON.stringify({ errorCode: 209, message: JSON.stringify({ subCode: 'MessageWritesBlocked' }) }),
      },
    });
    assert.deepEqual([verdictOf(blocked, 1).kind, !blocked.ok && blocked.code], ['dead', 'MessageWritesBlocked']);
    const blockedByUser = outcomeOfError({
      statusCode: 403,
      response: { parsedBody: { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } } },
    });
    assert.equal(verdictOf(blockedByUser, 1).kind, 'dead');
    const throttled = outcomeOfError({
      statusCode: 429,
      response: { headers: { get: (n: string) => (n === 'retry-after' ? '7' : undefined) } },
    });
    assert.deepEqual([verdictOf(throttled, 1).kind, !throttled.ok && throttled.retryAfterMs], ['retry', 7000]);
  });

  describe('restart recovery (SqliteStore in a temp dir)', () => {
    let dir: string;
    before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'notify-outbox-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('a sender stopped mid fan-out leaves the rest pending; a new sender on the same file sends each exactly once', async () => {
      const file = path.join(dir, 'store.sqlite');
      const transport = new ScriptedTransport();
      let store: KeyValueStore = new SqliteStore(file);
      const ids = Array.from({ length: 200 }, (_, i) => `conv-${i}`);
      await fill(new Outbox(store), ids);
      const first = new Sender(new Outbox(store), transport, { concurrency: 4, perTenant: [{ limit: 100_000, ms: 1000 }] });
      await first.start();
      while (transport.delivered.size < 50) await new Promise((resolve) => setImmediate(resolve));
      await first.stop();
      const afterStop = transport.delivered.size;
      assert.ok(afterStop < ids.length, 'stopped mid fan-out');
      await store.close();

      store = new SqliteStore(file);
      const outbox = new Outbox(store);
      assert.equal((await outbox.unsent()).length, ids.length - afterStop);
      const second = new Sender(outbox, transport, { concurrency: 4, perTenant: [{ limit: 100_000, ms: 1000 }] });
      await second.start();
      await second.idle();
      await second.stop();
      assert.equal(transport.delivered.size, ids.length, 'nothing lost');
      assert.ok(
        [...transport.delivered.values()].every((n) => n === 1),
        'nothing sent twice',
      );
      assert.equal((await outbox.all()).filter((i) => i.status === 'sent').length, ids.length);
      await store.close();
    });
  });
});
