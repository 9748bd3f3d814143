import assert from 'node:assert/strict';
import type { StatusResponse } from '../../contract/tab';
import { requestedPermissions } from '../../devtenant/app-registration';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { startDelegatedTabApi, type TabApiServer } from '../support/tab-api-server';
import { TabTokens } from '../support/tab-tokens';

const HYBRID_ADMIN = ENTRA_ROLES.hybridIdentityAdministrator.id;

/**
 * GET /api/tab/status's Cloud Sync agents through the real routes, read on behalf of the signed-in
 * admin from the dev tenant (which answers them delegated only, to Policy.Read.HybridAuthentication):
 * listed when the tenant consented to the scope, "not checked, because …" when it did not.
 */
describe('tab API: Cloud Sync provisioning agents in the status view', () => {
  let tokens: TabTokens;
  let devTenant: RunningDevTenant;
  let app: TabApiServer;

  before(async () => {
    tokens = await TabTokens.create();
    devTenant = await startDevTenant({ scenario: 'cloud-sync-failing', port: 0 });
    app = await startDelegatedTabApi(tokens, devTenant);
  });
  after(async () => {
    await app.close();
    await devTenant.close();
  });
  afterEach(() => devTenant.setConsent(undefined));

  const status = async (): Promise<StatusResponse> => {
    const response = await fetch(`${app.url}/api/tab/status?refresh=1`, {
      headers: { authorization: `Bearer ${await tokens.mint({ wids: [HYBRID_ADMIN] })}` },
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as StatusResponse;
  };

  it('lists each agent (machine, external IP, status) beside the jobs, and the warning for the inactive one', async () => {
    const view = await status();
    assert.deepEqual(view.cloudSync?.agents, {
      state: 'read',
      agents: [
        {
          id: '7b2e4c6a-3d9f-4e5b-9c83-2f4a0d5e9c31',
          machineName: 'CONTOSO-SYNC01.contoso.com',
          externalIp: '203.0.113.10',
          status: 'active',
        },
        {
          id: '7b2e4c6a-3d9f-4e5b-9c83-2f4a0d5e9c32',
          machineName: 'CONTOSO-SYNC02.contoso.com',
          externalIp: '203.0.113.11',
          status: 'inactive',
        },
      ],
    });
    assert.deepEqual(
      view.findings.filter((f) => f.code === 'cloudSync.agentRedundancy').map((f) => f.severity),
      ['warning'],
    );
  });

  it('a tenant that never consented to Policy.Read.HybridAuthentication: "not checked, because" the permission, no agent finding', async () => {
    const requested = requestedPermissions();
    devTenant.setConsent({
      application: requested.application,
      delegated: requested.delegated.filter((p) => p !== 'Policy.Read.HybridAuthentication'),
    });
    const view = await status();
    assert.ok(view.cloudSync?.agents?.state === 'notChecked');
    assert.match(
      view.cloudSync.agents.reason,
      /^not checked, because not permitted \(403 Authorization_RequestDenied\): needs the delegated permission Policy\.Read\.HybridAuthentication/,
    );
    assert.ok(!view.findings.some((f) => f.code === 'cloudSync.agentRedundancy' || f.code === 'cloudSync.noActiveAgent'));
    assert.deepEqual(
      view.unknown.filter((u) => u.code.startsWith('cloudSync.')).map((u) => u.code),
      ['cloudSync.agentRedundancy', 'cloudSync.noActiveAgent'],
    );
    assert.equal(view.sections.find((s) => s.section === 'cloudSync')?.state, 'partial');
  });
});
