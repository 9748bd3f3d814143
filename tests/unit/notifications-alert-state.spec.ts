import assert from 'node:assert/strict';
import type { Finding } from '../../identity/tenant/findings';
import { advanceAlerts, planDeliveries, type AlertPolicy } from '../../notifications/alert-state';
import type { Subscription } from '../../contract/notifications';
import type { AlertRecord } from '../../notifications/types';
import { subscription as sub } from '../support/subscriptions';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-01-15T12:00:00Z');
const POLICY: AlertPolicy = { resolveAfterAbsentChecks: 2, reopenCooldownMs: 6 * HOUR };

const stale = (severity: Finding['severity'] = 'warning'): Finding => ({
  code: 'sync.stale',
  severity,
  subject: 'tenant-a',
  title: 'Directory sync last ran 7 hours ago',
  evidence: { lastSync: '2026-01-15T05:00:00Z' },
  action: 'Check the sync server.',
  link: 'https://learn.microsoft.com/x',
});

/** Runs one check and plans; returns the stored alerts and what was delivered. */
function check(alerts: AlertRecord[], findings: Finding[], now: number, subs: Subscription[]) {
  const step = advanceAlerts('tenant-a', alerts, { findings, unknownCodes: new Set(), now }, POLICY);
  const plan = planDeliveries(step.alerts, step.events, subs, now);
  return {
    alerts: step.alerts,
    events: step.events,
    deliveries: plan.deliveries.map((d) => `${d.kind}:${d.conversationId}:${d.eventKey.replace(/^[0-9a-f]{16}/, 'A')}`),
  };
}

describe('notifications: alert state (pure)', () => {
  it('a new finding alerts each subscription once; the next check with the same finding sends nothing (dedupe by code + subject)', () => {
    const first = check([], [stale()], T0, [sub('p'), sub('c')]);
    assert.deepEqual(first.deliveries, ['new:p:A.1.new', 'new:c:A.1.new']);
    const second = check(first.alerts, [stale(), stale()], T0 + 10 * 60_000, [sub('p'), sub('c')]);
    assert.deepEqual(second.deliveries, []);
  });

  it('honours the minimum severity, and an escalation reaches a "critical only" subscription as new', () => {
    const subs = [sub('p'), sub('crit', { minimumSeverity: 'critical' })];
    const first = check([], [stale('warning')], T0, subs);
    assert.deepEqual(first.deliveries, ['new:p:A.1.new']);
    const second = check(first.alerts, [stale('critical')], T0 + HOUR, subs);
    assert.deepEqual(second.deliveries, ['new:crit:A.1.new']);
  });

  it('reminds every reminderHours while open (injected clock), and not when acknowledged or snoozed', () => {
    let state = check([], [stale()], T0, [sub('p', { reminderHours: 4 })]);
    assert.deepEqual(check(state.alerts, [stale()], T0 + 4 * HOUR - 1, [sub('p', { reminderHours: 4 })]).deliveries, []);
    state = check(state.alerts, [stale()], T0 + 4 * HOUR, [sub('p', { reminderHours: 4 })]);
    assert.deepEqual(state.deliveries, ['reminder:p:A.1.reminder1']);
    state = check(state.alerts, [stale()], T0 + 8 * HOUR, [sub('p', { reminderHours: 4 })]);
    assert.deepEqual(state.deliveries, ['reminder:p:A.1.reminder2']);
    const snoozed = state.alerts.map((a) => ({ ...a, snoozed: { by: 'x', until: T0 + 30 * HOUR } }));
    assert.deepEqual(check(snoozed, [stale()], T0 + 20 * HOUR, [sub('p', { reminderHours: 4 })]).deliveries, []);
    assert.deepEqual(check(snoozed, [stale()], T0 + 31 * HOUR, [sub('p', { reminderHours: 4 })]).deliveries, ['reminder:p:A.1.reminder3']);
    const acked = state.alerts.map((a) => ({ ...a, acknowledged: { by: 'x', at: T0 } }));
    assert.deepEqual(check(acked, [stale()], T0 + 40 * HOUR, [sub('p', { reminderHours: 4 })]).deliveries, []);
    assert.deepEqual(check(state.alerts, [stale()], T0 + 40 * HOUR, [sub('p', { reminderHours: 0 })]).deliveries, []);
  });

  it('flapping: one absent check does not resolve; two do; back within the cool-down is a reminder, not a new alert', () => {
    let state = check([], [stale()], T0, [sub('p')]);
    state = check(state.alerts, [], T0 + 10 * 60_000, [sub('p')]);
    assert.deepEqual(state.deliveries, []);
    state = check(state.alerts, [stale()], T0 + 20 * 60_000, [sub('p')]);
    assert.deepEqual(state.deliveries, [], 'present again before resolving: silence');
    state = check(state.alerts, [], T0 + 30 * 60_000, [sub('p')]);
    state = check(state.alerts, [], T0 + 40 * 60_000, [sub('p')]);
    assert.deepEqual(state.deliveries, ['resolved:p:A.1.resolved']);
    state = check(state.alerts, [stale()], T0 + 50 * 60_000, [sub('p')]);
    assert.deepEqual(state.deliveries, ['reminder:p:A.1.reopen1']);
    state = check(state.alerts, [], T0 + 60 * 60_000, [sub('p')]);
    state = check(state.alerts, [], T0 + 70 * 60_000, [sub('p')]);
    assert.deepEqual(
      state.deliveries,
      ['resolved:p:A.1.resolved'],
      'same idempotency key: the outbox sends the second "resolved" of an episode never',
    );
    state = check(state.alerts, [stale()], T0 + 70 * 60_000 + 7 * HOUR, [sub('p')]);
    assert.deepEqual(state.deliveries, ['new:p:A.2.new'], 'after the cool-down: a new episode');
  });

  it('an unknown check (data unavailable) is not absence', () => {
    let alerts = check([], [stale()], T0, [sub('p')]).alerts;
    for (let i = 1; i <= 3; i++)
      alerts = advanceAlerts(
        'tenant-a',
        alerts,
        { findings: [], unknownCodes: new Set(['sync.stale']), now: T0 + i * HOUR },
        POLICY,
      ).alerts;
    assert.equal(alerts[0].status, 'open');
  });

  it('digest mode: one digest per day (08:00 UTC by default) instead of each alert', () => {
    const digest = sub('d', { digest: true });
    const first = planDeliveries(
      advanceAlerts('tenant-a', [], { findings: [stale()], unknownCodes: new Set(), now: T0 }).alerts,
      [],
      [digest],
      T0,
    );
    assert.deepEqual(
      first.deliveries.map((d) => d.eventKey),
      ['digest.2026-01-15'],
    );
    assert.deepEqual(first.digestServed, [{ conversationId: 'd', date: '2026-01-15' }]);
  });
});
