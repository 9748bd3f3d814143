import assert from 'node:assert/strict';
import { TenantSchedule, type ScheduledSend } from '../../notifications/schedule';

const T0 = Date.parse('2026-01-15T12:00:00Z');

function send(conversationId: string, tenantId = 'tenant-a', dueAt = T0): ScheduledSend {
  return { key: `${tenantId}/${conversationId}`, tenantId, conversationId, dueAt };
}

const conversations = (sends: ScheduledSend[]): string[] => sends.map((s) => s.conversationId);

describe('notifications: pacing per tenant (3 per second per tenant, 2 per second per conversation)', () => {
  const limits = { perTenant: [{ limit: 3, ms: 1_000 }], perConversation: [{ limit: 2, ms: 1_000 }] };

  it('starts each tenant’s sends in due order, no more than the room given', () => {
    const schedule = new TenantSchedule(limits);
    schedule.add(send('late', 'tenant-a', T0 + 500));
    schedule.add(send('first'));
    schedule.add(send('second'));
    assert.deepEqual(conversations(schedule.take(T0, 1).ready), ['first']);
    assert.deepEqual(conversations(schedule.take(T0 + 500, 10).ready), ['second', 'late'], 'the rest still waiting, in due order');
  });

  it('counts sends in flight: a tenant with 3 unanswered sends starts no fourth, and waits for an answer (Infinity)', () => {
    const schedule = new TenantSchedule(limits);
    for (const id of ['c1', 'c2', 'c3', 'c4']) schedule.add(send(id));
    const first = schedule.take(T0, 10);
    assert.deepEqual(conversations(first.ready), ['c1', 'c2', 'c3']);
    assert.equal(first.nextAt, Number.POSITIVE_INFINITY);
  });

  it('counts a send from its answer: the window frees a second after the answer, not after the start', () => {
    const schedule = new TenantSchedule(limits);
    for (const id of ['c1', 'c2', 'c3', 'c4']) schedule.add(send(id));
    const started = schedule.take(T0, 10).ready;
    // Answers arrive 200 ms after the start: Teams may have seen the requests as late as that.
    for (const s of started) schedule.answered(s, T0 + 200);
    const later = schedule.take(T0 + 999, 10);
    assert.deepEqual(later.ready, [], 'a second after the start is too early');
    assert.equal(later.nextAt, T0 + 1_200);
    assert.deepEqual(conversations(schedule.take(T0 + 1_200, 10).ready), ['c4']);
  });

  it('a send that never went out (the outbox said no) or that Teams refused with 429 counts against nothing', () => {
    const schedule = new TenantSchedule(limits);
    for (const id of ['c1', 'c2', 'c3', 'c4']) schedule.add(send(id));
    const started = schedule.take(T0, 10).ready;
    schedule.uncounted(started[0]);
    assert.deepEqual(conversations(schedule.take(T0, 10).ready), ['c4']);
  });

  it('holds a conversation whose limit its sends in flight fill, and lets the other conversations go first', () => {
    const schedule = new TenantSchedule({ perTenant: [{ limit: 100, ms: 1_000 }], perConversation: limits.perConversation });
    for (const id of ['busy', 'busy', 'busy', 'quiet']) schedule.add(send(id));
    const first = schedule.take(T0, 10).ready;
    assert.deepEqual(conversations(first), ['busy', 'busy', 'quiet']);
    schedule.answered(first[0], T0 + 100);
    const again = schedule.take(T0 + 100, 10);
    assert.deepEqual(again.ready, [], 'answered 100 ms ago: the conversation’s window is still full');
    assert.equal(again.nextAt, T0 + 1_100);
    assert.deepEqual(conversations(schedule.take(T0 + 1_100, 10).ready), ['busy']);
  });

  it('paces each tenant on its own: one tenant’s full window never holds up another', () => {
    const schedule = new TenantSchedule(limits);
    for (const id of ['a1', 'a2', 'a3', 'a4']) schedule.add(send(id, 'tenant-a'));
    schedule.add(send('b1', 'tenant-b'));
    assert.deepEqual(conversations(schedule.take(T0, 10).ready), ['a1', 'a2', 'a3', 'b1']);
  });

  it('a send not yet due says when to look again', () => {
    const schedule = new TenantSchedule(limits);
    schedule.add(send('retry', 'tenant-a', T0 + 30_000));
    const { ready, nextAt } = schedule.take(T0, 10);
    assert.deepEqual([ready, nextAt], [[], T0 + 30_000]);
  });
});
