import assert from 'node:assert/strict';
import type { Subscription } from '../../contract/notifications';
import type { Finding, FindingCode } from '../../identity/tenant/findings';
import { advanceAlerts, planDeliveries, type Delivery } from '../../notifications/alert-state';
import { CONSOLIDATE_ABOVE, consolidate } from '../../notifications/consolidate';
import type { AlertRecord } from '../../notifications/types';
import { subscription as sub } from '../support/subscriptions';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-01-15T12:00:00Z');

const credential = (app: number, code: FindingCode = 'app.credentialExpiring'): Finding => ({
  code,
  severity: 'warning',
  subject: `app-${app}`,
  title: `App ${app}: client secret "prod" ${code === 'app.credentialExpiring' ? 'expires in 9 days' : 'expired 2 days ago'}`,
  evidence: { appName: `App ${app}`, appId: `app-${app}`, 'client secret "prod" (app registration)': '2026-01-24T12:00:00.000Z' },
  action: 'Add a new secret.',
  link: 'https://learn.microsoft.com/x',
});
const apps = (count: number, code?: FindingCode, from = 0) => Array.from({ length: count }, (_, i) => credential(from + i, code));

/** One check: alert state advanced, deliveries planned, then consolidated as the watcher does. */
function check(alerts: AlertRecord[], findings: Finding[], now: number, subs: Subscription[]): { alerts: AlertRecord[]; sent: Delivery[] } {
  const step = advanceAlerts('tenant-a', alerts, { findings, unknownCodes: new Set(), now });
  const { deliveries } = planDeliveries(step.alerts, step.events, subs, now);
  const codes = new Map(step.alerts.map((a) => [a.id, a.code]));
  return { alerts: step.alerts, sent: consolidate(deliveries, (id) => codes.get(id)) };
}

describe(`consolidation: more than ${CONSOLIDATE_ABOVE} messages of one kind and code to one conversation in one check are one`, () => {
  it(`${CONSOLIDATE_ABOVE} new alerts of a code stay ${CONSOLIDATE_ABOVE} cards; ${CONSOLIDATE_ABOVE + 1} are one listing all, each alert still told on its own`, () => {
    const few = check([], apps(CONSOLIDATE_ABOVE), T0, [sub('a:ops')]);
    assert.deepEqual(
      few.sent.map((d) => [d.kind, d.batch]),
      Array.from({ length: CONSOLIDATE_ABOVE }, () => ['new', undefined]),
    );
    const many = check([], apps(CONSOLIDATE_ABOVE + 1), T0, [sub('a:ops')]);
    assert.equal(many.sent.length, 1);
    const [batch] = many.sent;
    assert.equal(batch.batch, 'app.credentialExpiring');
    assert.deepEqual(new Set(batch.alertIds), new Set(many.alerts.map((a) => a.id)));
    assert.match(batch.eventKey, /^batch\.app\.credentialExpiring\.new\.[0-9a-f]{16}$/);
    for (const alert of many.alerts) assert.deepEqual(alert.notified['a:ops'], { episode: 1, lastAt: T0, reminders: 0 });
  });

  it('counts each code and each conversation apart: 3 expiring and 3 expired are six cards, 5 and 5 to two chats are one card per code per chat', () => {
    const mixed = check([], [...apps(3), ...apps(3, 'app.credentialExpired', 10)], T0, [sub('a:ops')]);
    assert.equal(mixed.sent.length, 6);
    assert.ok(mixed.sent.every((d) => d.batch === undefined));
    const two = check([], [...apps(5), ...apps(5, 'app.credentialExpired', 10)], T0, [sub('a:ops'), sub('a:sec')]);
    assert.deepEqual(two.sent.map((d) => `${d.conversationId} ${d.batch} ${d.alertIds?.length}`).sort(), [
      'a:ops app.credentialExpired 5',
      'a:ops app.credentialExpiring 5',
      'a:sec app.credentialExpired 5',
      'a:sec app.credentialExpiring 5',
    ]);
  });

  it('names the same event whatever order the alerts come in (a re-plan after a crash, a second instance)', () => {
    const one = check([], apps(8), T0, [sub('a:ops')]).sent[0];
    const other = check([], apps(8).reverse(), T0, [sub('a:ops')]).sent[0];
    assert.equal(one.eventKey, other.eventKey);
    assert.notEqual(check([], apps(9), T0, [sub('a:ops')]).sent[0].eventKey, one.eventKey, 'another set, another event');
  });

  it('holds back what the plan holds back: a subscription above warning, without the apps category, or on the digest gets no batch', () => {
    const subs = [
      sub('a:critical', { minimumSeverity: 'critical' }),
      sub('a:sync', { categories: ['sync'] }),
      sub('a:digest', { digest: true, digestHour: 8 }),
    ];
    const { sent } = check([], apps(20), T0, subs);
    assert.deepEqual(
      sent.map((d) => [d.conversationId, d.kind, d.alertIds?.length]),
      [['a:digest', 'digest', 20]],
    );
  });

  it('after a batch: one more new alert is an ordinary card; the reminder a day later is one batch, without the acknowledged; their resolution one summary', () => {
    const first = check([], apps(6), T0, [sub('a:ops')]);
    const later = check(first.alerts, [...apps(6), credential(99)], T0 + HOUR, [sub('a:ops')]);
    assert.deepEqual(
      later.sent.map((d) => [d.kind, d.batch, d.alertId]),
      [['new', undefined, later.alerts.find((a) => a.subject === 'app-99')!.id]],
    );
    const acknowledged = later.alerts.find((a) => a.subject === 'app-0')!;
    acknowledged.acknowledged = { by: 'Adele', at: T0 + HOUR };
    const reminded = check(later.alerts, [...apps(6), credential(99)], T0 + 24 * HOUR, [sub('a:ops')]);
    assert.deepEqual(
      reminded.sent.map((d) => [d.kind, d.batch, d.alertIds?.length]),
      [['reminder', 'app.credentialExpiring', 5]],
      'app-1…app-5 are due; app-99 (told an hour later) and the acknowledged app-0 are not',
    );
    assert.ok(!reminded.sent[0].alertIds!.includes(acknowledged.id));
    let state = reminded.alerts;
    let sent: Delivery[] = [];
    for (const at of [T0 + 25 * HOUR, T0 + 26 * HOUR]) ({ alerts: state, sent } = check(state, [], at, [sub('a:ops')]));
    assert.deepEqual(
      sent.map((d) => [d.kind, d.batch, d.alertIds?.length]),
      [['resolved', 'app.credentialExpiring', 7]],
    );
  });
});
