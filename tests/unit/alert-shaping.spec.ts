import assert from 'node:assert/strict';
import type { Finding } from '../../identity/tenant/findings';
import { digestDueDate, isTimeZone, localDateHour } from '../../identity/alerts/digest-time';
import { appNameOf, covers, exclusionFor, type ExclusionRule } from '../../identity/alerts/exclusions';
import { advanceAlerts, planDeliveries } from '../../notifications/alert-state';
import { ExclusionRequest, SnoozeRequest } from '../../contract/alert-rules';
import { SubscriptionPatch, type Subscription } from '../../contract/notifications';
import type { AlertRecord } from '../../notifications/types';
import { subscription as sub } from '../support/subscriptions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-01-15T12:00:00Z');

const finding = (code: Finding['code'], subject: string, severity: Finding['severity'] = 'warning'): Finding => ({
  code,
  severity,
  subject,
  title: `${code} on ${subject}`,
  evidence: {},
  action: 'Fix it.',
  link: 'https://learn.microsoft.com/x',
});

const exclusion = (rule: Partial<ExclusionRule> & Pick<ExclusionRule, 'scope' | 'subject'>, days = 7, from = T0): ExclusionRule => ({
  expiresAt: new Date(from + days * DAY).toISOString(),
  ...rule,
});

/** One check: the alerts after it and what went where ("kind:conversation:code"). */
function check(alerts: AlertRecord[], findings: Finding[], now: number, subs: Subscription[], rules: ExclusionRule[] = []) {
  const step = advanceAlerts('t', alerts, { findings, unknownCodes: new Set(), now });
  const plan = planDeliveries(step.alerts, step.events, subs, now, rules);
  const codeOf = new Map(step.alerts.map((a) => [a.id, a.code]));
  return {
    alerts: step.alerts,
    plan,
    sent: plan.deliveries.map((d) => `${d.kind}:${d.conversationId}:${d.alertId ? codeOf.get(d.alertId) : d.eventKey}`),
  };
}

describe('alerts admins shape: categories, exclusions, digest hour (pure)', () => {
  it('routes by category and minimum severity: the apps team hears app findings, the sync team sync and federation', () => {
    const subs = [
      sub('apps-team', { categories: ['apps'] }),
      sub('sync-team', { categories: ['sync', 'federation'], minimumSeverity: 'critical' }),
    ];
    const { sent } = check(
      [],
      [
        finding('app.credentialExpiring', 'app-1'),
        finding('sync.stale', 'tenant', 'critical'),
        finding('federation.certExpiring', 'contoso.com'),
      ],
      T0,
      subs,
    );
    assert.deepEqual(sent.sort(), ['new:apps-team:app.credentialExpiring', 'new:sync-team:sync.stale']);
  });

  it('an exclusion of an app holds back all of its app findings, not other apps or other kinds of finding with the same subject', () => {
    const rule = exclusion({ scope: 'app', subject: 'app-1' });
    assert.equal(covers(rule, { code: 'app.credentialExpired', subject: 'app-1' }), true);
    assert.equal(covers(rule, { code: 'app.highPrivilege', subject: 'app-1' }), true);
    assert.equal(covers(rule, { code: 'app.highPrivilege', subject: 'app-2' }), false);
    assert.equal(covers(rule, { code: 'service.incident', subject: 'app-1' }), false);
    const { sent } = check([], [finding('app.credentialExpiring', 'app-1'), finding('app.highPrivilege', 'app-2')], T0, [sub('p')], [rule]);
    assert.deepEqual(sent, ['new:p:app.highPrivilege']);
  });

  it('an exclusion of one finding covers that code and subject only', () => {
    const rule = exclusion({ scope: 'finding', code: 'app.credentialExpiring', subject: 'app-1' });
    const { sent } = check([], [finding('app.credentialExpiring', 'app-1'), finding('app.highPrivilege', 'app-1')], T0, [sub('p')], [rule]);
    assert.deepEqual(sent, ['new:p:app.highPrivilege']);
  });

  it('an alert excluded from the start fires as new when its exclusion expires; one excluded after it was told fires a reminder when revoked', () => {
    const expiring = exclusion({ scope: 'finding', code: 'sync.stale', subject: 'tenant' }, 1);
    const first = check([], [finding('sync.stale', 'tenant')], T0, [sub('p')], [expiring]);
    assert.deepEqual(first.sent, []);
    const during = check(first.alerts, [finding('sync.stale', 'tenant')], T0 + 12 * HOUR, [sub('p')], [expiring]);
    assert.deepEqual(during.sent, []);
    const after = check(during.alerts, [finding('sync.stale', 'tenant')], T0 + DAY + HOUR, [sub('p')], [expiring]);
    assert.deepEqual(after.sent, ['new:p:sync.stale']);

    // Told, then excluded for a week (no reminders), then revoked after two days: it fires again at once.
    const rule = exclusion({ scope: 'finding', code: 'sync.stale', subject: 'tenant' }, 7, T0 + DAY + 2 * HOUR);
    const quiet = check(after.alerts, [finding('sync.stale', 'tenant')], T0 + 2 * DAY + 2 * HOUR, [sub('p', { reminderHours: 0 })], [rule]);
    assert.deepEqual(quiet.sent, []);
    const revoked = { ...rule, revokedAt: new Date(T0 + 3 * DAY).toISOString() };
    const back = check(quiet.alerts, [finding('sync.stale', 'tenant')], T0 + 3 * DAY + HOUR, [sub('p', { reminderHours: 0 })], [revoked]);
    assert.deepEqual(back.sent, ['reminder:p:sync.stale']);
    const next = check(
      back.alerts,
      [finding('sync.stale', 'tenant')],
      T0 + 3 * DAY + 2 * HOUR,
      [sub('p', { reminderHours: 0 })],
      [revoked],
    );
    assert.deepEqual(next.sent, [], 'once');
  });

  it('picks the exclusion lasting longest, and none that is revoked or expired', () => {
    const short = exclusion({ scope: 'app', subject: 'a' }, 1);
    const long = exclusion({ scope: 'finding', code: 'app.highPrivilege', subject: 'a' }, 30);
    const revoked = { ...exclusion({ scope: 'app', subject: 'a' }, 90), revokedAt: new Date(T0).toISOString() };
    assert.equal(exclusionFor({ code: 'app.highPrivilege', subject: 'a' }, [short, long, revoked], T0 + HOUR), long);
    assert.equal(exclusionFor({ code: 'app.credentialExpired', subject: 'a' }, [short, long, revoked], T0 + 2 * DAY), undefined);
  });

  it('names an app exclusion after the display name its app findings carry, and no name for other findings', () => {
    assert.equal(appNameOf({ code: 'app.credentialExpiring', evidence: { appName: 'Contoso HR', appId: 'a' } }), 'Contoso HR');
    assert.equal(appNameOf({ code: 'app.highPrivilege', evidence: { appId: 'a' } }), undefined, 'not known: the id is shown');
    assert.equal(appNameOf({ code: 'app.highPrivilege', evidence: { appName: ' ' } }), undefined);
    assert.equal(appNameOf({ code: 'sync.errors', evidence: { appName: 'not an app finding' } }), undefined);
  });

  it("sends the digest once per local day at or after the subscriber's hour, in their time zone, and never twice for a date", () => {
    const berlin = { digestHour: 9, timeZone: 'Europe/Berlin' };
    // 07:30 UTC is 08:30 in Berlin in January: not yet; 08:10 UTC is 09:10: due.
    assert.equal(digestDueDate(berlin, Date.parse('2026-01-15T07:30:00Z')), undefined);
    assert.equal(digestDueDate(berlin, Date.parse('2026-01-15T08:10:00Z')), '2026-01-15');
    assert.equal(digestDueDate({ ...berlin, lastDigestDate: '2026-01-15' }, Date.parse('2026-01-15T20:00:00Z')), undefined);
    // 23:30 UTC on the 15th is already the 16th in Berlin.
    assert.equal(
      digestDueDate({ ...berlin, lastDigestDate: '2026-01-15' }, Date.parse('2026-01-15T23:30:00Z')),
      undefined,
      'before 09:00 on the 16th',
    );
    assert.equal(digestDueDate({ ...berlin, lastDigestDate: '2026-01-15' }, Date.parse('2026-01-16T08:00:00Z')), '2026-01-16');
    // Moving to a zone whose date is behind never sends a date again.
    assert.equal(
      digestDueDate({ digestHour: 0, timeZone: 'America/Los_Angeles', lastDigestDate: '2026-01-16' }, Date.parse('2026-01-16T09:00:00Z')),
      undefined,
    );
    assert.deepEqual(localDateHour(Date.parse('2026-07-01T22:30:00Z'), 'Asia/Tokyo'), { date: '2026-07-02', hour: 7 });
  });

  it('a digest lists the open alerts it wants, counts the excluded ones, and records the day as served even with nothing to list', () => {
    const digest = sub('d', { digest: true, digestHour: 6 });
    const rule = exclusion({ scope: 'app', subject: 'app-1' });
    const { plan, sent } = check([], [finding('sync.stale', 'tenant'), finding('app.credentialExpired', 'app-1')], T0, [digest], [rule]);
    assert.deepEqual(sent, ['digest:d:digest.2026-01-15']);
    assert.equal(plan.deliveries[0].alertIds?.length, 1);
    assert.equal(plan.deliveries[0].excluded, 1);
    const none = check([], [], T0, [digest]);
    assert.deepEqual(none.sent, []);
    assert.deepEqual(none.plan.digestServed, [{ conversationId: 'd', date: '2026-01-15' }]);
  });

  it('refuses bad settings, snoozes and exclusions naming the field', () => {
    const issue = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
      result.success ? 'ok' : result.error!.issues.map((i) => i.path.join('.')).join(',');
    assert.equal(issue(SubscriptionPatch.safeParse({ categories: '' })), 'categories');
    assert.equal(issue(SubscriptionPatch.safeParse({ categories: 'sync,billing' })), 'categories.1');
    assert.equal(issue(SubscriptionPatch.safeParse({ digestHour: '24' })), 'digestHour');
    assert.equal(issue(SubscriptionPatch.safeParse({ timeZone: 'Mars/Olympus' })), 'timeZone');
    assert.deepEqual(SubscriptionPatch.parse({ categories: 'sync, apps', digestHour: '7', timeZone: 'Europe/Berlin' }), {
      categories: ['sync', 'apps'],
      digestHour: 7,
      timeZone: 'Europe/Berlin',
    });
    assert.equal(isTimeZone('UTC'), true);
    assert.equal(issue(SnoozeRequest.safeParse({ hours: 169, reason: 'planned maintenance' })), 'hours');
    assert.equal(issue(SnoozeRequest.safeParse({ hours: 8, reason: ' ' })), 'reason');
    const good = { scope: 'finding', code: 'app.highPrivilege', subject: 'app-1', reason: 'approved by security', expiresInDays: 30 };
    assert.equal(issue(ExclusionRequest.safeParse(good)), 'ok');
    assert.equal(issue(ExclusionRequest.safeParse({ ...good, expiresInDays: 365 })), 'expiresInDays', 'never permanent');
    assert.equal(issue(ExclusionRequest.safeParse({ ...good, expiresInDays: undefined })), 'expiresInDays', 'an expiry is required');
    assert.equal(issue(ExclusionRequest.safeParse({ ...good, code: undefined })), 'code');
    assert.equal(issue(ExclusionRequest.safeParse({ ...good, code: 'app.nonsense' })), 'code');
    assert.equal(issue(ExclusionRequest.safeParse({ ...good, scope: 'app', code: 'sync.stale' })), 'scope');
    assert.equal(issue(ExclusionRequest.safeParse({ ...good, reason: '' })), 'reason');
  });
});
