import assert from 'node:assert/strict';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler } from 'botbuilder';
import type { Server } from 'restify';
import { createBotHost } from '../../bot/adapter';
import type { StatusResponse } from '../../contract/tab';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { DEV_TENANT_ID } from '../../devtenant/tokens';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { CachedSnapshots } from '../../identity/tenant/snapshot-cache';
import { loadConfig } from '../../platform/config';
import { createGraphPort } from '../../platform/graph/client';
import type { GraphCall, GraphPort } from '../../platform/graph/port';
import { silentLogger } from '../../platform/logger';
import { createApp } from '../../server/app';
import { TokenValidator } from '../../tab/api/token-validator';
import { issuerOf, TabTokens, TEST_AUDIENCE } from '../support/tab-tokens';

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
  let app: Server;
  let base: string;

  before(async () => {
    tokens = await TabTokens.create();
    devTenant = await startDevTenant({ scenario: 'sync-errors', port: 0 });
    const config = loadConfig({ PORT: '0', STORAGE_KIND: 'memory' });
    const appOnly = createGraphPort({ endpoint: devTenant.url, token: devTenant.token() });
    app = createApp({
      config,
      logger: silentLogger,
      botHost: createBotHost(config, silentLogger),
      bot: new ActivityHandler(),
      tabApi: {
        config,
        logger: silentLogger,
        snapshots: new CachedSnapshots(() => appOnly),
        validator: new TokenValidator({
          audiences: [TEST_AUDIENCE],
          issuerFor: issuerOf,
          keys: { jwks: tokens.jwks },
          requiredScope: 'access_as_user',
        }),
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
      },
    });
    await new Promise<void>((resolve) => (app.server as HttpServer).listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${((app.server as HttpServer).address() as AddressInfo).port}`;
  });
  after(async () => {
    (app.server as HttpServer).closeAllConnections();
    await new Promise<void>((resolve) => app.close(() => resolve()));
    await devTenant.close();
  });

  const statusAs = async (wids: string[], name: string): Promise<StatusResponse> => {
    const response = await fetch(`${base}/api/tab/status`, { headers: { authorization: `Bearer ${await tokens.mint({ wids, name })}` } });
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
    assert.match(syncSettings(reader)?.detail ?? '', /not checked, because .*403 Authorization_RequestDenied.*Global Administrator/);
    assert.equal(reader.sync.deletionPrevention, null);
    assert.ok(!reader.findings.some((f) => f.code === 'sync.deletionPreventionOff'));
    assert.equal(reader.readAs, "a signed-in user's access (Security Reader)");
  });

  it("and the reverse: a Global Administrator after a Security Reader is not served the reader's gaps", async () => {
    // Another tenant, so that neither read above is in the cache.
    const other = '99999999-8888-4777-8666-555555555555';
    const as = async (wids: string[]) =>
      (await (
        await fetch(`${base}/api/tab/status`, {
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
