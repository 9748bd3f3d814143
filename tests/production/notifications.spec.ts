import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { adminActivity, eventually, NOTIFY_KEY, Rehearsal, TAB_ID, TENANT } from './rehearsal';

const PERSONAL = 'a:1personal-alerts';

const personal = (serviceUrl: string, fields: Record<string, unknown>) => adminActivity(serviceUrl, PERSONAL, fields);

/**
 * Proactive sync-health alerts in production: the watcher reads the tenant app-only (client
 * credentials of the tab app in Contoso), and the sender posts through the authenticated connector
 * with the bot's own token, keeping Teams' limits and honouring the connector's refusals.
 */
describe('production rehearsal: proactive alerts (app-only watcher, authenticated connector)', () => {
  let r: Rehearsal;
  const notify = (body: unknown) =>
    fetch(`${r.serverUrl}/api/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${NOTIFY_KEY}` },
      body: JSON.stringify(body),
    });
  const alertsSent = () =>
    r.connector.inner.sendsTo(PERSONAL).filter((s) => /sync/i.test(cardText((s.activity.attachments as any)?.[0]?.content ?? {})));

  before(async () => {
    r = await Rehearsal.cloud();
    await r.startServer();
    const added = await r.postActivity(personal(r.connector.url, { type: 'installationUpdate', action: 'add' }));
    assert.equal(added.status, 200);
    await r.postActivity(personal(r.connector.url, { type: 'message', text: 'subscribe' }));
    await eventually(() => r.connector.inner.sendsTo(PERSONAL).some((s) => /Subscribed/.test(String(s.activity.text))), 'the subscription');
  });
  after(async () => r?.stop());

  it('a healthy tenant: the watcher reads Graph app-only and sends nothing', async () => {
    const before = r.counts();
    const response = await notify({ tenantId: TENANT, action: 'check' });
    assert.equal(response.status, 200, await response.text());
    assert.ok(r.since(before).graph > 0);
    assert.ok(r.graph.calls.slice(before.graph).every((c) => c.kind === 'app' && c.tenantId === TENANT && c.status !== 401));
    assert.equal(r.since(before).connector, 0);
    assert.deepEqual(
      r.platform.tokenRequests.slice(before.tokens).map((t) => [t.tenant, t.clientId, t.grant, t.resource, t.status]),
      [[TENANT, TAB_ID, 'client_credentials', r.graph.url, 200]],
      'one client-credentials token for Graph, however many reads start at once',
    );
    r.report('watcher check, healthy tenant', r.since(before));
  });

  it('sync goes stale: the alert reaches the chat through the connector, signed with the bot’s token, after a 429 + Retry-After', async () => {
    r.devTenant.useScenario('stale-sync');
    r.connector.inner.script(PERSONAL, {
      status: 429,
      body: { error: { code: 'Throttled', message: 'Too many requests' } },
      headers: { 'retry-after': '1' },
    });
    const before = r.counts();
    const sentBefore = alertsSent().length;
    const response = await notify({ tenantId: TENANT, action: 'check' });
    assert.equal(response.status, 200, await response.text());
    const alert = await eventually(() => alertsSent()[sentBefore], 'the alert');
    assert.match(cardText((alert.activity.attachments as any)[0].content), /sync/i);
    assert.deepEqual(
      r.connector.calls.slice(before.connector).map((c) => c.auth),
      r.connector.calls.slice(before.connector).map(() => 'ok'),
    );
    // The inner connector records the send as it answers; the authenticated one writes down the status once that answer
    // is back, a moment later.
    const posts = await eventually(() => {
      const sent = r.connector.calls.slice(before.connector).filter((c) => c.method === 'POST');
      return sent.length >= 2 && sent.every((c) => c.status !== 0) ? sent : undefined;
    }, 'both sends answered');
    assert.deepEqual(
      posts.slice(0, 2).map((c) => c.status),
      [429, 200],
      'the throttled send was retried',
    );
    r.report('proactive alert (check + send, one 429)', r.since(before));
  });
});
