import assert from 'node:assert/strict';
import type { TokenRequest } from '../../devtenant/tokens';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { useDevTenant } from '../support/dev-tenant';

const USER = '00000000-0000-4000-8000-00000000ad02';
const SCOPE = 'Policy.Read.HybridAuthentication';
const AGENTS = 'beta/onPremisesPublishingProfiles/provisioning/agents';
const hybridAdmin: TokenRequest = { kind: 'user', userId: USER, roles: [ENTRA_ROLES.hybridIdentityAdministrator.id] };
type Body = { error?: { code: string; message: string }; value?: Array<Record<string, unknown>> } & Record<string, unknown>;

/**
 * GET /beta/onPremisesPublishingProfiles/provisioning/agents as the onPremisesAgent reference pages
 * have it (https://learn.microsoft.com/en-us/graph/api/onpremisesagent-list?view=graph-rest-beta and
 * onpremisesagent-get): Cloud Sync's provisioning agents as onPremisesAgent objects (id, machineName,
 * externalIp, status active or inactive, supportedPublishingTypes); delegated only, least privileged
 * Policy.Read.HybridAuthentication, application permissions not supported.
 */
describe('dev tenant: Cloud Sync provisioning agents (beta onPremisesPublishingProfiles/provisioning/agents)', () => {
  const dev = useDevTenant('cloud-sync-failing');

  const get = (query: string, as: TokenRequest) => dev.get<Body>(`${AGENTS}${query}`, as);

  it("lists the scenario's agents in Graph's shape to a signed-in admin holding the scope", async () => {
    dev.tenant.setConsent({ delegated: [SCOPE] });
    const { status, body } = await get('', hybridAdmin);
    assert.equal(status, 200);
    assert.deepEqual(
      body.value!.map((a) => [a.machineName, a.externalIp, a.status, a.supportedPublishingTypes]),
      [
        ['CONTOSO-SYNC01.contoso.com', '203.0.113.10', 'active', ['provisioning']],
        ['CONTOSO-SYNC02.contoso.com', '203.0.113.11', 'inactive', ['provisioning']],
      ],
    );
    const id = String(body.value![1].id);
    const item = await get(`/${id}`, hybridAdmin);
    assert.equal(item.status, 200);
    assert.equal(item.body.machineName, 'CONTOSO-SYNC02.contoso.com', 'one agent by id, as onpremisesagent-get reads it');
  });

  it('accepts the higher permissions the page names, and a user with no admin role (the page names none)', async () => {
    for (const scope of ['Directory.ReadWrite.All', 'Policy.ReadWrite.HybridAuthentication']) {
      dev.tenant.setConsent({ delegated: [scope] });
      assert.equal((await get('', hybridAdmin)).status, 200, scope);
    }
    dev.tenant.setConsent({ delegated: [SCOPE] });
    assert.equal((await get('', { kind: 'user', userId: USER, roles: [] })).status, 200);
  });

  it('refuses an app-only token 403 Authorization_RequestDenied, whatever application permissions it holds', async () => {
    dev.tenant.setConsent({
      application: ['Directory.Read.All', 'Directory.ReadWrite.All', 'Policy.Read.All', 'Synchronization.Read.All'],
    });
    const { status, body } = await get('', { kind: 'app' });
    assert.equal(status, 403);
    assert.equal(body.error?.code, 'Authorization_RequestDenied');
    assert.match(body.error!.message, /Application permissions are not supported/);
  });

  it('refuses a Global Administrator in a tenant that did not consent to the scope (Directory.Read.All is not enough)', async () => {
    dev.tenant.setConsent({
      delegated: ['User.Read', 'Directory.Read.All', 'Synchronization.Read.All', 'OnPremDirectorySynchronization.Read.All'],
    });
    const { status, body } = await get('', { kind: 'user', userId: USER, roles: [ENTRA_ROLES.globalAdministrator.id] });
    assert.equal(status, 403);
    assert.equal(body.error?.code, 'Authorization_RequestDenied');
    assert.match(body.error!.message, /Insufficient privileges/);
  });

  it('takes $select of the resource’s properties and refuses other query options and unknown properties 400', async () => {
    dev.tenant.setConsent({ delegated: [SCOPE] });
    const selected = await get('?$select=machineName,status', hybridAdmin);
    assert.equal(selected.status, 200);
    assert.deepEqual(Object.keys(selected.body.value![0]), ['machineName', 'status']);
    for (const query of ["?$filter=status eq 'active'", '?$top=1', '?$expand=agentGroups']) {
      const { status, body } = await get(query, hybridAdmin);
      assert.equal(status, 400, query);
      assert.equal(body.error?.code, 'Request_UnsupportedQuery', query);
    }
    const unknown = await get('?$select=id,version', hybridAdmin);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error?.code, 'BadRequest');
    assert.match(unknown.body.error!.message, /'version' on type 'microsoft\.graph\.onPremisesAgent'/);
  });
});
