import assert from 'node:assert/strict';
import { ADMIN, DELEGATED, READER, Rehearsal, TAB_ID, TENANT } from './rehearsal';

/**
 * The tab's production path: a Teams SSO token (v2, aud = the tab app, scp access_as_user) →
 * /api/tab/* (keys from the authority's JWKS) → on-behalf-of through MSAL against the local
 * authority → Graph with the admin's own token.
 */
describe('production rehearsal: the tab API (Teams SSO token → on-behalf-of → Graph)', () => {
  let r: Rehearsal;
  let adminToken: string;

  /** What the tab's overview asks for on each load. */
  const load = async (token: string, refresh = false): Promise<Response[]> => {
    const get = (path: string) => fetch(`${r.serverUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return [await get('/api/tab/me'), await get(refresh ? '/api/tab/status?refresh=1' : '/api/tab/status')];
  };
  const obo = () => r.platform.requests({ grant: 'on_behalf_of' });

  before(async () => {
    r = await Rehearsal.cloud();
    await r.startServer();
    adminToken = await r.platform.ssoToken({ tenantId: TENANT, userOid: ADMIN.oid, clientId: TAB_ID });
  });
  after(async () => r?.stop());

  it('cold load: one on-behalf-of exchange for the admin, and Graph read with a delegated token of Contoso', async () => {
    const before = r.counts();
    const [me, status] = await load(adminToken);
    assert.equal(me.status, 200, await me.clone().text());
    assert.equal(((await me.json()) as { tenantId: string }).tenantId, TENANT);
    assert.equal(status.status, 200, await status.clone().text());
    const body = (await status.json()) as { tenantId: string; organization: string | null; connect: { state: string } };
    assert.deepEqual([body.tenantId, body.organization], [TENANT, 'Contoso']);
    // The admin is a Global Administrator and the tenant consented to what the manifest asks: Entra Connect details are read.
    assert.equal(body.connect.state, 'read', JSON.stringify(body.connect));
    assert.deepEqual(
      obo().map((t) => [t.tenant, t.clientId, t.resource, t.status]),
      [[TENANT, TAB_ID, r.graph.url, 200]],
    );
    const graph = r.graph.calls.slice(before.graph);
    assert.ok(graph.length > 0);
    assert.ok(
      graph.every((c) => c.kind === 'user' && c.tenantId === TENANT && c.status !== 401),
      JSON.stringify(graph),
    );
    r.report('tab load, cold', r.since(before));
  });

  it('warm load with the same sign-in: no token request (MSAL’s cache), no Graph call (the snapshot cache)', async () => {
    const before = r.counts();
    const answers = await load(adminToken);
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200],
    );
    assert.deepEqual(r.since(before), { tokens: 0, connector: 0, graph: 0 });
    r.report('tab load, warm', r.since(before));
  });

  it('a refresh reads Graph again with the cached Graph token: still no token request', async () => {
    const before = r.counts();
    const answers = await load(adminToken, true);
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200],
    );
    assert.equal(r.since(before).tokens, 0);
    assert.ok(r.since(before).graph > 0);
    r.report('tab load, refresh', r.since(before));
  });

  it('another admin gets an exchange of their own', async () => {
    const before = obo().length;
    const reader = await r.platform.ssoToken({ tenantId: TENANT, userOid: READER.oid, clientId: TAB_ID });
    const answers = await load(reader, true);
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200],
    );
    assert.equal(obo().length - before, 1);
  });

  it('renews a Graph token that is within 5 minutes of expiry before using it', async () => {
    r.platform.tokenLifetimeSeconds = 240;
    try {
      const token = await r.platform.ssoToken({ tenantId: TENANT, userOid: ADMIN.oid, clientId: TAB_ID, expiresIn: 3500 });
      const before = obo().length;
      await load(token, true);
      await load(token, true);
      assert.equal(obo().length - before, 2, 'a token about to expire is not reused');
    } finally {
      r.platform.tokenLifetimeSeconds = 3600;
    }
  });

  it('consent missing (AADSTS65001 on the exchange) → 403 consent_required, which the tab answers with its consent popup', async () => {
    r.platform.revokeConsent(TENANT, TAB_ID);
    try {
      const token = await r.platform.ssoToken({ tenantId: TENANT, userOid: ADMIN.oid, clientId: TAB_ID, expiresIn: 3000 });
      const status = await fetch(`${r.serverUrl}/api/tab/status?refresh=1`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(status.status, 403);
      const body = (await status.json()) as { error: { code: string; aadsts?: string } };
      assert.equal(body.error.code, 'consent_required');
      assert.equal(body.error.aadsts, 'AADSTS65001');
      assert.equal(obo().at(-1)?.aadsts, 65001);
    } finally {
      r.platform.grantConsent(TENANT, TAB_ID, DELEGATED);
    }
  });

  it('refuses an SSO token for another app or from another issuer before any exchange', async () => {
    const before = r.counts();
    const otherApp = await r.platform.ssoToken({
      tenantId: TENANT,
      userOid: ADMIN.oid,
      clientId: TAB_ID,
      audience: 'api://elsewhere/other',
    });
    const response = await fetch(`${r.serverUrl}/api/tab/status`, { headers: { authorization: `Bearer ${otherApp}` } });
    assert.equal(response.status, 401);
    assert.equal(r.since(before).tokens, 0);
  });
});
