import assert from 'node:assert/strict';
import { DEMO_TENANT_ID } from '../../tab/api';
import { messageActivity } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { ConnectorDouble } from '../support/connector';

interface Settings {
  subscriptions: Array<Record<string, unknown> & { conversationId: string }>;
  thresholds: Record<string, number>;
  canEdit: boolean;
}

describe('tab API over loopback: per-subscription categories and digest hour', () => {
  let app: TestApp;
  let connector: ConnectorDouble;
  let token: string;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${app.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  before(async () => {
    connector = await new ConnectorDouble().start();
    app = await startTestApp({ WATCH_INTERVAL_MINUTES: '0' });
    for (const id of ['a:ops', 'a:apps'])
      assert.equal(
        (await app.post(messageActivity(connector.url, 'subscribe', { conversationId: id, tenantId: DEMO_TENANT_ID }))).status,
        200,
      );
    token = await app.signIn();
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
  });

  it('lists each subscription with every category, warnings and up, and a digest hour of 08:00 UTC', async () => {
    const settings = (await (await call('GET', '/api/tab/settings')).json()) as Settings;
    assert.equal(settings.subscriptions.length, 2);
    for (const s of settings.subscriptions) {
      assert.deepEqual(
        [s.categories, s.minimumSeverity, s.digestHour, s.timeZone],
        [['sync', 'federation', 'apps', 'service'], 'warning', 8, 'UTC'],
      );
    }
  });

  it('saves one chat as "apps only, daily digest at 07:00 Berlin time" and leaves the other as it was', async () => {
    const settings = (await (await call('GET', '/api/tab/settings')).json()) as Settings;
    const changed = settings.subscriptions.map((s) =>
      s.conversationId === 'a:apps' ? { ...s, categories: ['apps'], digest: true, digestHour: 7, timeZone: 'Europe/Berlin' } : s,
    );
    const put = await call('PUT', '/api/tab/settings', { subscriptions: changed, thresholds: settings.thresholds });
    assert.equal(put.status, 200);
    const saved = (await (await call('GET', '/api/tab/settings')).json()) as Settings;
    const apps = saved.subscriptions.find((s) => s.conversationId === 'a:apps')!;
    const ops = saved.subscriptions.find((s) => s.conversationId === 'a:ops')!;
    assert.deepEqual([apps.categories, apps.digest, apps.digestHour, apps.timeZone], [['apps'], true, 7, 'Europe/Berlin']);
    assert.deepEqual([ops.categories, ops.digest], [['sync', 'federation', 'apps', 'service'], false]);
  });

  it('answers malformed settings with 400 naming the field, and changes nothing', async () => {
    const before = (await (await call('GET', '/api/tab/settings')).json()) as Settings;
    const withSub = (change: Record<string, unknown>) => ({
      subscriptions: before.subscriptions.map((s, i) => (i === 0 ? { ...s, ...change } : s)).map(({ ...s }) => s),
      thresholds: before.thresholds,
    });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ categories: [] }, /subscriptions\.0\.categories: choose at least one/],
      [{ categories: ['sync', 'billing'] }, /subscriptions\.0\.categories\.1/],
      [{ categories: ['sync', 'sync'] }, /subscriptions\.0\.categories: a category is listed twice/],
      [{ digestHour: 25 }, /subscriptions\.0\.digestHour/],
      [{ digestHour: 7.5 }, /subscriptions\.0\.digestHour/],
      [{ timeZone: 'Berlin' }, /subscriptions\.0\.timeZone: not a time zone/],
    ];
    for (const [change, field] of cases) {
      const response = await call('PUT', '/api/tab/settings', withSub(change));
      assert.equal(response.status, 400, JSON.stringify(change));
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'bad_request');
      assert.match(body.error.message, field);
    }
    const broken = await call('PUT', '/api/tab/settings', '{"subscriptions": [');
    assert.equal(broken.status, 400);
    assert.deepEqual((await (await call('GET', '/api/tab/settings')).json()) as Settings, before, 'nothing changed');
  });
});
