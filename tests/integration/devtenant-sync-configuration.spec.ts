import assert from 'node:assert/strict';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import type { TokenRequest } from '../../devtenant/tokens';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';

const USER = '00000000-0000-4000-8000-00000000ad02';
const SCOPE = 'OnPremDirectorySynchronization.Read.All';
const globalAdmin: TokenRequest = { kind: 'user', userId: USER, roles: [ENTRA_ROLES.globalAdministrator.id] };
const hybridAdmin: TokenRequest = { kind: 'user', userId: USER, roles: [ENTRA_ROLES.hybridIdentityAdministrator.id] };

type Body = Record<string, unknown> & { error?: { code: string; message: string }; value?: Array<Record<string, unknown>> };

/**
 * GET /beta/directory/onPremisesSynchronization as its reference page has it
 * (https://learn.microsoft.com/en-us/graph/api/onpremisesdirectorysynchronization-get?view=graph-rest-beta,
 * the same permissions as v1.0; beta's configuration adds the client version and intervals): delegated
 * OnPremDirectorySynchronization.Read.All only, application permissions "Not supported", Global
 * Administrator the only role supported, and `$select` the only query option.
 */
describe('dev tenant: the Entra Connect sync configuration (directory/onPremisesSynchronization)', () => {
  let tenant: RunningDevTenant;
  before(async () => {
    tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
  });
  after(() => tenant.close());

  const get = async (query: string, as: TokenRequest, path = 'beta/directory/onPremisesSynchronization') => {
    const response = await fetch(`${tenant.url}/${path}${query}`, {
      headers: { authorization: `Bearer ${await tenant.token(as).getToken()}` },
    });
    return { status: response.status, body: (await response.json()) as Body };
  };

  it('answers a Global Administrator holding the scope with the beta configuration (client version, intervals) and the features', async () => {
    const { status, body } = await get('', { ...globalAdmin, scopes: [SCOPE] });
    assert.equal(status, 200);
    const [sync] = body.value!;
    assert.equal(sync.id, '84841066-274d-4ec0-a5c1-276be684bdd3');
    assert.deepEqual(sync.configuration, {
      synchronizationClientVersion: '2.5.79.0',
      synchronizationInterval: 'PT30M',
      customerRequestedSynchronizationInterval: null,
      accidentalDeletionPrevention: { synchronizationPreventionType: 'enabledForCount', alertThreshold: 500 },
    });
    assert.equal(Object.keys(sync.features as object).length, 19, 'the 19 booleans of onPremisesDirectorySynchronizationFeature (v1.0)');
  });

  it('refuses an app-only token 403 Authorization_RequestDenied, whatever application permissions it holds', async () => {
    const { status, body } = await get('', {
      kind: 'app',
      roles: ['Directory.Read.All', 'Organization.Read.All', 'OnPremDirectorySynchronization.Read.All'],
    });
    assert.equal(status, 403);
    assert.equal(body.error?.code, 'Authorization_RequestDenied');
    assert.match(body.error!.message, /Application permissions are not supported/);
  });

  it('refuses a Global Administrator whose token lacks the scope', async () => {
    const { status, body } = await get('', { ...globalAdmin, scopes: ['User.Read', 'Directory.Read.All', 'Organization.Read.All'] });
    assert.equal(status, 403);
    assert.equal(body.error?.code, 'Authorization_RequestDenied');
  });

  it('refuses every other admin role, even Hybrid Identity Administrator with the scope', async () => {
    for (const role of ['hybridIdentityAdministrator', 'globalReader', 'securityReader'] as const) {
      const { status, body } = await get('', { kind: 'user', userId: USER, roles: [ENTRA_ROLES[role].id], scopes: [SCOPE] });
      assert.equal(status, 403, role);
      assert.equal(body.error?.code, 'Authorization_RequestDenied', role);
    }
    assert.equal(
      (await get('', { ...hybridAdmin, roles: [...hybridAdmin.roles!, ENTRA_ROLES.globalAdministrator.id], scopes: [SCOPE] })).status,
      200,
    );
  });

  it('supports $select (of id, configuration, features) and refuses the nested and unknown properties', async () => {
    const selected = await get('?$select=features', { ...globalAdmin, scopes: [SCOPE] });
    assert.equal(selected.status, 200);
    assert.deepEqual(Object.keys(selected.body.value![0]), ['features']);
    for (const property of ['synchronizationClientVersion', 'synchronizationInterval', 'passwordSyncEnabled']) {
      const { status, body } = await get(`?$select=id,${property}`, { ...globalAdmin, scopes: [SCOPE] });
      assert.equal(status, 400, property);
      assert.equal(body.error?.code, 'BadRequest');
      assert.match(body.error!.message, new RegExp(`'${property}' on type 'microsoft.graph.onPremisesDirectorySynchronization'`));
    }
  });

  it('refuses every other query option 400 Request_UnsupportedQuery, naming it', async () => {
    for (const query of [
      "?$filter=id eq '1'",
      '?$top=1',
      '?$expand=features',
      '?$orderby=id',
      '?$count=true',
      '?$search="x"',
      '?$select=id&$skip=1',
    ]) {
      const { status, body } = await get(encodeURI(query), { ...globalAdmin, scopes: [SCOPE] });
      assert.equal(status, 400, query);
      assert.equal(body.error?.code, 'Request_UnsupportedQuery', query);
      assert.match(body.error!.message, /only \$select is/, query);
    }
  });

  it('a tenant that never synced answers the documented shape: configuration null, every feature off', async () => {
    tenant.useScenario('cloud-only');
    try {
      const { status, body } = await get('', { ...globalAdmin, scopes: [SCOPE] });
      assert.equal(status, 200);
      const [sync] = body.value!;
      assert.equal(sync.configuration, null);
      assert.ok(Object.values(sync.features as object).every((on) => on === false));
    } finally {
      tenant.useScenario('healthy-hybrid');
    }
  });
});
