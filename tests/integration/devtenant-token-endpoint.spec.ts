import assert from 'node:assert/strict';
import { requestedPermissions } from '../../devtenant/app-registration';
import { startDevTenant } from '../../devtenant/server';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { DEV_TENANT_APP, DEV_TENANT_USER_GRANT, devTenantTokenPath } from '../../platform/graph/dev-tenant';
import { useDevTenant } from '../support/dev-tenant';

const ADMIN = '00000000-0000-4000-8000-00000000ad01';
const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';
const REQUESTED = requestedPermissions();

type Answer = Record<string, unknown> & { access_token?: string; error?: string; error_description?: string; error_codes?: number[] };

/**
 * The dev tenant's token endpoint is as strict as Entra's (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
 * a token carries what the tenant's admin consented to, whatever the request asks, and a request
 * Entra refuses is refused with Entra's error body and AADSTS code.
 */
describe('dev tenant: the token endpoint (client credentials and the signed-in user)', () => {
  const dev = useDevTenant('healthy-hybrid');

  const post = async (
    fields: Record<string, string>,
    tenantId: string = DEV_TENANT_APP.tenantId,
  ): Promise<{ status: number; body: Answer }> => {
    const response = await fetch(`${dev.tenant.url}${devTenantTokenPath(tenantId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  const client = { client_id: DEV_TENANT_APP.clientId, client_secret: DEV_TENANT_APP.clientSecret };
  const appOnly = (scope = GRAPH_DEFAULT) => post({ grant_type: 'client_credentials', ...client, scope });
  const signedIn = (scope = GRAPH_DEFAULT) =>
    post({ grant_type: DEV_TENANT_USER_GRANT, ...client, scope, user_id: ADMIN, wids: ENTRA_ROLES.globalAdministrator.id });
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
  const graph = (token: string, path = 'v1.0/organization?$select=displayName') =>
    fetch(`${dev.tenant.url}/${path}`, { headers: { authorization: `Bearer ${token}` } });
  /** Entra's error body: the OAuth error, "AADSTSnnnn: …" with trace and correlation ids, the code again, a link. */
  const assertRefused = (answer: { status: number; body: Answer }, status: number, error: string, code: number) => {
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.error, error);
    assert.match(
      answer.body.error_description!,
      new RegExp(`^AADSTS${code}: .+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}`),
    );
    assert.deepEqual(answer.body.error_codes, [code]);
    assert.equal(answer.body.error_uri, `https://login.microsoftonline.com/error?code=${code}`);
    assert.equal(answer.body.access_token, undefined);
  };

  it("client credentials: the token's roles are the application permissions the tenant consented to (the manifest's), which read Graph", async () => {
    const { status, body } = await appOnly();
    assert.equal(status, 200);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.scope, GRAPH_DEFAULT);
    assert.ok(Number(body.expires_in) > 3000);
    const claims = claimsOf(body.access_token!);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(claims.idtyp, 'app');
    assert.deepEqual([...(claims.roles as string[])].sort(), [...REQUESTED.application].sort());
    assert.equal((await graph(body.access_token!)).status, 200);
  });

  it('a permission the request asks for beyond the consent is not in the token; a narrower consent narrows it', async () => {
    const asked = await post({ grant_type: 'client_credentials', ...client, scope: GRAPH_DEFAULT, roles: 'Directory.ReadWrite.All' });
    assert.ok(!(claimsOf(asked.body.access_token!).roles as string[]).includes('Directory.ReadWrite.All'));
    dev.tenant.setConsent({ application: ['Organization.Read.All'] });
    const narrowed = await appOnly();
    assert.deepEqual(claimsOf(narrowed.body.access_token!).roles, ['Organization.Read.All']);
    assert.equal((await graph(narrowed.body.access_token!, 'v1.0/domains')).status, 403);
  });

  it("the scenario's consent is the tenant's: missing-permission's app holds no ServiceHealth.Read.All", async () => {
    const narrowed = await startDevTenant({ scenario: 'missing-permission', port: 0 });
    try {
      const token = await narrowed.token().getToken();
      const roles = claimsOf(token).roles as string[];
      assert.ok(roles.includes('Organization.Read.All') && !roles.includes('ServiceHealth.Read.All'), roles.join(' '));
    } finally {
      await narrowed.close();
    }
  });

  it('refuses a client-credentials scope that is not <resource>/.default: AADSTS1002012 invalid_scope', async () => {
    for (const scope of [
      'https://graph.microsoft.com/User.Read.All',
      'User.Read.All',
      `${GRAPH_DEFAULT} https://graph.microsoft.com/Mail.Read`,
    ])
      assertRefused(await appOnly(scope), 400, 'invalid_scope', 1002012);
    assertRefused(await appOnly('https://unknown.example/.default'), 400, 'invalid_resource', 500011);
  });

  it('authenticates the client: AADSTS700016 for an unknown app, AADSTS7000215 / AADSTS7000218 (invalid_client, 401) for a wrong or missing secret', async () => {
    const scope = GRAPH_DEFAULT;
    assertRefused(
      await post({ grant_type: 'client_credentials', client_id: '11111111-1111-4111-8111-111111111111', client_secret: 'x', scope }),
      400,
      'unauthorized_client',
      700016,
    );
    const wrong = await post({ grant_type: 'client_credentials', client_id: DEV_TENANT_APP.clientId, client_secret: 'guessed', scope });
    assertRefused(wrong, 401, 'invalid_client', 7000215);
    assert.match(wrong.body.error_description!, /client secret value, not the client secret ID/);
    assertRefused(
      await post({ grant_type: 'client_credentials', client_id: DEV_TENANT_APP.clientId, scope }),
      401,
      'invalid_client',
      7000218,
    );
    assertRefused(await post({ grant_type: 'password', ...client, scope }), 400, 'unsupported_grant_type', 70003);
    assertRefused(
      await post({ grant_type: 'client_credentials', ...client, scope }, '11111111-1111-4111-8111-111111111111'),
      400,
      'invalid_request',
      90002,
    );
  });

  it('reads only a form, as Entra does: a JSON body has no grant_type (AADSTS900144)', async () => {
    const response = await fetch(`${dev.tenant.url}${devTenantTokenPath()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', ...client, scope: GRAPH_DEFAULT }),
    });
    const body = (await response.json()) as Answer;
    assertRefused({ status: response.status, body }, 400, 'invalid_request', 900144);
    assert.match(body.error_description!, /'grant_type'/);
  });

  it("a token for the app's own API is not Graph's: Graph refuses it 401 InvalidAuthenticationToken, invalid audience", async () => {
    const { status, body } = await appOnly(`api://${DEV_TENANT_APP.clientId}/.default`);
    assert.equal(status, 200);
    assert.equal(claimsOf(body.access_token!).aud, `api://${DEV_TENANT_APP.clientId}`);
    const refused = await graph(body.access_token!);
    assert.equal(refused.status, 401);
    assert.deepEqual(((await refused.json()) as { error: unknown }).error, {
      code: 'InvalidAuthenticationToken',
      message: 'Access token validation failure. Invalid audience.',
    });
  });

  it("a signed-in user's token carries the consented delegated permissions; asking for an unconsented one is AADSTS65001 consent_required", async () => {
    const { status, body } = await signedIn();
    assert.equal(status, 200);
    const claims = claimsOf(body.access_token!);
    assert.equal(claims.idtyp, 'user');
    assert.equal(claims.oid, ADMIN);
    assert.deepEqual(claims.wids, [ENTRA_ROLES.globalAdministrator.id]);
    assert.deepEqual(String(claims.scp).split(' ').sort(), [...REQUESTED.delegated].sort());
    assert.equal((await graph(body.access_token!)).status, 200);

    const unconsented = await signedIn('https://graph.microsoft.com/Directory.ReadWrite.All');
    assertRefused(unconsented, 400, 'invalid_grant', 65001);
    assert.equal(unconsented.body.suberror, 'consent_required');

    dev.tenant.setConsent({ delegated: ['User.Read'] });
    assert.equal(claimsOf((await signedIn()).body.access_token!).scp, 'User.Read');
    assertRefused(await signedIn('https://graph.microsoft.com/Organization.Read.All'), 400, 'invalid_grant', 65001);
    dev.tenant.setConsent({ delegated: [] });
    assertRefused(await signedIn(), 400, 'invalid_grant', 65001);
  });

  it('a consent withdrawn after a token was issued counts at once (a switched scenario is another tenant): the token reads no more than the tenant grants now', async () => {
    const token = await dev.tenant.token().getToken();
    assert.equal((await graph(token, 'v1.0/domains')).status, 200);
    dev.tenant.setConsent({ application: ['Organization.Read.All'] });
    assert.equal((await graph(token, 'v1.0/domains')).status, 403);
  });
});
