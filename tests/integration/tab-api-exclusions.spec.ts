import assert from 'node:assert/strict';
import type { AlertsResponse, Exclusion } from '../../contract/alert-rules';
import type { AppsResponse, StatusResponse } from '../../contract/tab';
import { alertIdOf } from '../../notifications/keys';
import { DEMO_TENANT_ID } from '../../tab/api';
import { botAddedActivity, messageActivity } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { ConnectorDouble } from '../support/connector';
import { eventually } from '../support/eventually';

const CHAT = { conversationId: 'a:exclusions', tenantId: DEMO_TENANT_ID };
const KEY = 'exclusions-notify-key';

/** Exclusions set, listed and revoked in the tab API over loopback; the watcher honours them; the overview marks them. */
describe('tab API over loopback: exclusions of an app or a finding, with who, when, why and an expiry', () => {
  let app: TestApp;
  let connector: ConnectorDouble;
  const tokens: Record<string, string> = {};
  let appSubject: string;
  let appName: string;
  let syncErrors: StatusResponse['findings'][number];
  let exclusion: Exclusion;
  let findingExclusion: Exclusion;

  const call = (method: string, path: string, body?: unknown, persona = 'admin') =>
    fetch(`${app.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[persona]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const check = () => app.checkNow(DEMO_TENANT_ID);
  /** The alert ids of the alert cards (new or reminder) sent to the chat so far. */
  const alerted = () =>
    connector
      .sendsTo(CHAT.conversationId)
      .map((r) => JSON.stringify(r.activity).match(/"verb":"alert\.ack","alertId":"([0-9a-f]+)"/)?.[1])
      .filter((id): id is string => Boolean(id));

  before(async () => {
    connector = await new ConnectorDouble().start();
    app = await startTestApp({ NOTIFY_API_KEY: KEY, WATCH_INTERVAL_MINUTES: '0', DEV_TENANT_SCENARIO: 'sync-errors' });
    await app.post(botAddedActivity(connector.url, CHAT));
    await app.post(messageActivity(connector.url, 'subscribe info', CHAT));
    for (const persona of ['admin', 'reader'] as const) tokens[persona] = await app.signIn(persona);
    const apps = (await (await call('GET', '/api/tab/apps?expiring=true')).json()) as AppsResponse;
    assert.ok(apps.items.length > 0, 'sync-errors has apps with expiring or expired credentials');
    appSubject = apps.items[0].appId;
    appName = apps.items[0].displayName;
    const status = (await (await call('GET', '/api/tab/status')).json()) as StatusResponse;
    syncErrors = status.findings.find((f) => f.code === 'sync.errors')!;
    assert.ok(syncErrors, 'sync-errors has provisioning errors');
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
  });

  it('answers a malformed exclusion with 400 naming the field, and stores nothing', async () => {
    const good = { scope: 'app', subject: appSubject, reason: 'vendor app, the vendor rotates its secret', expiresInDays: 30 };
    const cases: Array<[unknown, RegExp]> = [
      [{ ...good, expiresInDays: undefined }, /expiresInDays/],
      [{ ...good, expiresInDays: 0 }, /expiresInDays/],
      [{ ...good, expiresInDays: 3650 }, /expiresInDays: at most 90 days/],
      [{ ...good, reason: '' }, /reason: say why/],
      [{ ...good, scope: 'tenant' }, /scope/],
      [{ ...good, scope: 'finding' }, /code: which finding/],
      [{ ...good, scope: 'finding', code: 'app.madeUp' }, /code: not a finding code/],
      [{ ...good, scope: 'app', code: 'sync.stale' }, /scope: only an app finding/],
      [{ ...good, subject: '' }, /subject/],
      [{ ...good, permanent: true }, /permanent/],
      ['{"scope": "app",', /./],
    ];
    for (const [body, field] of cases) {
      const response = await call('POST', '/api/tab/exclusions', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.match(((await response.json()) as { error: { message: string } }).error.message, field, JSON.stringify(body));
    }
    const listed = (await (await call('GET', '/api/tab/alerts')).json()) as AlertsResponse;
    assert.deepEqual(listed.exclusions, []);
    assert.equal((await call('GET', '/api/tab/status')).status, 200, 'the rest keeps working');
  });

  it('refuses a reader (403 role_required) and lets an admin exclude an app for 30 days, and one finding for 7', async () => {
    const body = { scope: 'app', subject: appSubject, reason: 'vendor app, the vendor rotates its secret', expiresInDays: 30 };
    assert.equal((await call('POST', '/api/tab/exclusions', body, 'reader')).status, 403);
    const response = await call('POST', '/api/tab/exclusions', body);
    assert.equal(response.status, 201);
    exclusion = (await response.json()) as Exclusion;
    const me = (await (await call('GET', '/api/tab/me')).json()) as { name: string };
    assert.equal(exclusion.createdBy.name, me.name);
    assert.equal(Date.parse(exclusion.expiresAt) - Date.parse(exclusion.createdAt), 30 * 86_400_000);
    const one = {
      scope: 'finding',
      code: 'sync.errors',
      subject: syncErrors.subject,
      reason: 'duplicates cleaned up this week',
      expiresInDays: 7,
    };
    const second = await call('POST', '/api/tab/exclusions', one);
    assert.equal(second.status, 201);
    findingExclusion = (await second.json()) as Exclusion;
    assert.ok(findingExclusion.title.length > 0, 'titled');
  });

  it('the watcher sends every other alert but none about the excluded app or finding; the overview still lists them, marked excluded', async () => {
    await check();
    const first = (await (await call('GET', '/api/tab/alerts')).json()) as AlertsResponse;
    const held = first.alerts.filter((a) => a.excludedBy).map((a) => a.id);
    const others = first.alerts.filter((a) => !a.excludedBy).map((a) => a.id);
    assert.ok(others.length > 0);
    assert.ok(held.includes(alertIdOf('sync.errors', syncErrors.subject)));
    // App findings alert once the watcher reads apps: the app exclusion holds back every one of that app.
    for (const alert of first.alerts.filter((a) => a.code.startsWith('app.') && a.subject === appSubject)) {
      assert.equal(alert.excludedBy, exclusion.id, alert.code);
    }
    await eventually(() => others.every((id) => alerted().includes(id)), 'the other alerts');
    assert.deepEqual(
      alerted().filter((id) => held.includes(id)),
      [],
      'nothing about what is excluded',
    );

    const status = (await (await call('GET', '/api/tab/status')).json()) as StatusResponse;
    const mark = status.excluded.find((m) => m.code === 'sync.errors');
    assert.ok(mark, 'the excluded finding is marked');
    assert.ok(
      status.findings.some((f) => f.code === 'sync.errors'),
      'and still listed',
    );
    assert.deepEqual([mark.exclusionId, mark.reason, mark.scope], [findingExclusion.id, findingExclusion.reason, 'finding']);
    assert.equal(first.canEdit, true);
    assert.deepEqual(
      first.exclusions.map((e) => e.state),
      ['active', 'active'],
    );
    // Set by app id before the app had an alert: listed by the app's display name, learnt from its alerts since.
    assert.notEqual(appName, appSubject);
    assert.equal(first.exclusions.find((e) => e.id === exclusion.id)?.appName, appName);
    assert.equal(first.exclusions.find((e) => e.id === findingExclusion.id)?.appName, undefined, 'a finding exclusion names no app');
  });

  it('revoking the finding exclusion lists it as revoked by whom, and the next check alerts about that finding', async () => {
    assert.equal((await call('DELETE', `/api/tab/exclusions/${findingExclusion.id}`, undefined, 'reader')).status, 403);
    const response = await call('DELETE', `/api/tab/exclusions/${findingExclusion.id}`);
    assert.equal(response.status, 200);
    const revoked = (await response.json()) as Exclusion;
    const me = (await (await call('GET', '/api/tab/me')).json()) as { name: string };
    assert.equal(revoked.revokedBy?.name, me.name);
    assert.ok(revoked.revokedAt);
    const listed = (await (await call('GET', '/api/tab/alerts')).json()) as AlertsResponse;
    assert.deepEqual(
      listed.exclusions.map((e) => [e.id, e.state]),
      [
        [exclusion.id, 'active'],
        [findingExclusion.id, 'revoked'],
      ],
    );
    const syncErrorsAlert = alertIdOf('sync.errors', syncErrors.subject);
    assert.equal(listed.alerts.find((a) => a.id === syncErrorsAlert)?.excludedBy, undefined);
    assert.ok(!alerted().includes(syncErrorsAlert));
    await check();
    await eventually(() => alerted().includes(syncErrorsAlert), 'the sync-errors alert after the revocation');
    assert.equal(
      ((await (await call('GET', '/api/tab/status')).json()) as StatusResponse).excluded.filter((m) => m.code === 'sync.errors').length,
      0,
    );
  });

  it('answers a revocation of an unknown or already ended exclusion with 404, and a malformed id with 400', async () => {
    assert.equal((await call('DELETE', `/api/tab/exclusions/${findingExclusion.id}`)).status, 404, 'already revoked');
    assert.equal((await call('DELETE', '/api/tab/exclusions/00000000-0000-4000-8000-000000000000')).status, 404);
    const bad = await call('DELETE', '/api/tab/exclusions/not-an-id');
    assert.equal(bad.status, 400);
  });
});
