import assert from 'node:assert/strict';
import type { StatusResponse } from '../../contract/tab';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { DEV_TENANT_ID } from '../../devtenant/tokens';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { CachedSnapshots } from '../../identity/tenant/snapshot-cache';
import { createGraphPort } from '../../platform/graph/client';
import type { GraphCall, GraphPort } from '../../platform/graph/port';
import { startTabApiServer, type TabApiServer } from '../support/tab-api-server';
import { issuerOf, TabTokens } from '../support/tab-tokens';

const GLOBAL_ADMIN = ENTRA_ROLES.globalAdministrator.id;
const SECURITY_READER = ENTRA_ROLES.securityReader.id;

/**
 * Graph with a delegated user's rights: Global Administrator is the only role Graph lets read
 * directory/onPremisesSynchronization (onpremisesdirectorysynchronization-get); anyone else gets
 * Graph's 403 there, and the rest of the dev tenant as it is.
 */
function delegatedAs(port: GraphPort, roles: readonly string[]): GraphPort {
  const refused = (call: GraphCall) => call.url.startsWith('directory/onPremisesSynchronization') && !roles.includes(GLOBAL_ADMIN);
  const denied = {
    status: 403,
    body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } },
  };
  return {
    get: (call) => (refused(call) ? Promise.resolve(denied) : port.get(call)),
    batch: async (calls) => {
      const answers = await port.batch(calls);
      return answers.map((answer, i) => (refused(calls[i]) ? denied : answer));
    },
  };
}

describe('tab API: two admins of one tenant each see what their own access can read', () => {
  let tokens: TabTokens;
  let devTenant: RunningDevTenant;
  let app: TabApiServer;

  before(async () => {
    tokens = await TabTokens.create();
    devTenant = await startDevTenant({ scenario: 'sync-errors', port: 0 });
    const appOnly = createGraphPort({ endpoint: devTenant.url, token: devTenant.token() });
    app = await startTabApiServer(tokens, {
      snapshots: new CachedSnapshots(() => appOnly),
      // Each user reads with a delegated token of their own, as on-behalf-of gives them.
      graph: async (principal) =>
        delegatedAs(
          createGraphPort({
            endpoint: devTenant.url,
            token: devTenant.token({
              kind: 'user',
              tenantId: DEV_TENANT_ID,
              // The test tokens' oid is not a GUID; the dev tenant wants one, as Entra's are.
              userId: '00000000-0000-4000-8000-0000000000a1',
              roles: principal.roles,
            }),
          }),
          principal.roles,
        ),
    });
  });
  after(async () => {
    await app.close();
    await devTenant.close();
  });

  const statusAs = async (wids: string[], name: string): Promise<StatusResponse> => {
    const response = await fetch(`${app.url}/api/tab/status`, {
      headers: { authorization: `Bearer ${await tokens.mint({ wids, name })}` },
    });
    assert.equal(response.status, 200);
    return (await response.json()) as StatusResponse;
  };
  const syncSettings = (status: StatusResponse) => status.sections.find((s) => s.section === 'syncSettings');

  it("a Security Reader right after a Global Administrator is not served the administrator's sync settings", async () => {
    const admin = await statusAs([GLOBAL_ADMIN], 'Adele Vance');
    assert.equal(admin.sync.deletionPrevention?.type, 'disabled');
    assert.ok(admin.findings.some((f) => f.code === 'sync.deletionPreventionOff'));
    assert.equal(syncSettings(admin)?.state, 'read');

    const reader = await statusAs([SECURITY_READER], 'Megan Bowen');
    assert.equal(reader.sync.deletionPrevention, null, "the administrator's reading is not the reader's");
    assert.equal(syncSettings(reader)?.state, 'notChecked');
    assert.match(
      syncSettings(reader)?.detail ?? '',
      /^not checked, because only a Global Administrator may read the sync configuration, and the signed-in admin is not one \(Graph answered 403 Authorization_RequestDenied\)$/,
    );
    assert.equal(reader.sync.deletionPrevention, null);
    assert.ok(!reader.findings.some((f) => f.code === 'sync.deletionPreventionOff'));
    assert.equal(reader.readAs, "a signed-in user's access (Security Reader)");
  });

  it("and the reverse: a Global Administrator after a Security Reader is not served the reader's gaps", async () => {
    // Another tenant, so that neither read above is in the cache.
    const other = '99999999-8888-4777-8666-555555555555';
    const as = async (wids: string[]) =>
      (await (
        await fetch(`${app.url}/api/tab/status`, {
          headers: { authorization: `Bearer ${await tokens.mint({ wids, tid: other, iss: issuerOf(other) })}` },
        })
      ).json()) as StatusResponse;
    assert.equal(syncSettings(await as([SECURITY_READER]))?.state, 'notChecked');
    assert.equal(syncSettings(await as([GLOBAL_ADMIN]))?.state, 'read');
  });

  it('two admins with the same roles share one read', async () => {
    const before = devTenant.stats().requests;
    await statusAs([SECURITY_READER], 'Megan Bowen');
    await statusAs([SECURITY_READER], 'Isaiah Langer');
    assert.equal(devTenant.stats().requests, before, 'both served from the Security Reader read above');
  });
});
