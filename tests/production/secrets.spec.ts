import assert from 'node:assert/strict';
import { ADMIN, BOT_ID, eventually, NOTIFY_KEY, Rehearsal, TAB_ID, TENANT } from './rehearsal';

/**
 * Both apps' client secrets have passed their end date (Entra: AADSTS7000222). The server starts and
 * stays up, every failure names the code in the log, the tab hears "misconfigured" (not a 401 that
 * would send it back to sign-in), and nothing retries in a loop against the authority.
 */
describe('production rehearsal: expired client secrets (AADSTS7000222)', () => {
  let r: Rehearsal;

  before(async () => {
    r = await Rehearsal.cloud();
    r.platform.expireSecret(BOT_ID);
    r.platform.expireSecret(TAB_ID);
    await r.startServer();
  });
  after(async () => r?.stop());

  const healthy = async (): Promise<number> => (await fetch(`${r.serverUrl}/healthz`)).status;

  it('the tab API answers 503 not_available naming the code, one token request per call', async () => {
    const before = r.counts();
    const token = await r.platform.ssoToken({ tenantId: TENANT, userOid: ADMIN.oid, clientId: TAB_ID });
    const response = await fetch(`${r.serverUrl}/api/tab/status`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 503);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'not_available');
    assert.match(body.error.message, /AADSTS7000222/);
    assert.equal(r.since(before).tokens, 1);
    assert.match(r.logs, /AADSTS7000222/);
    assert.equal(await healthy(), 200);
  });

  it("the watcher's check fails without a token loop, and the server stays up", async () => {
    const before = r.counts();
    await fetch(`${r.serverUrl}/api/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${NOTIFY_KEY}` },
      body: JSON.stringify({ tenantId: TENANT, action: 'check' }),
    });
    assert.ok(r.since(before).tokens <= 1, `${r.since(before).tokens} token requests for one check`);
    assert.equal(r.since(before).graph, 0, 'no Graph call without a token');
    assert.equal(await healthy(), 200);
  });

  it('a turn whose reply cannot be signed: no connector call, the code in the log, the server up', async () => {
    const before = r.counts();
    await r.postActivity({
      type: 'message',
      id: 'f:expired',
      channelId: 'msteams',
      serviceUrl: r.connector.url,
      from: { id: '29:1adele', aadObjectId: ADMIN.oid },
      recipient: { id: `28:${BOT_ID}` },
      conversation: { id: 'a:1expired', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      text: 'help',
    });
    await eventually(() => r.platform.requests({ clientId: BOT_ID }).length > 0 && true, 'the bot token request');
    assert.equal(r.since(before).connector, 0);
    assert.ok(r.platform.requests({ clientId: BOT_ID }).length <= 2, 'the reply and the error notice at most');
    assert.ok(r.platform.requests({ clientId: BOT_ID }).every((t) => t.aadsts === 7000222));
    assert.equal(await healthy(), 200);
    assert.ok(r.running);
  });
});
