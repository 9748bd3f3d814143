import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { readSnapshot } from '../../identity/tenant/reader';
import { APP_ONLY, type ReadIdentity } from '../../identity/tenant/snapshot';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { SCENARIO_DIR } from '../../devtenant/scenario';
import { createGraphPort } from '../../platform/graph/client';
import { STATUS_SECTIONS } from '../../identity/tenant/coverage';

/** A copy of healthy-hybrid with some keys replaced, written to a temp file. */
function variant(changes: Record<string, unknown>): string {
  const scenario = JSON.parse(readFileSync(path.join(SCENARIO_DIR, 'healthy-hybrid.json'), 'utf8')) as Record<string, unknown>;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-scenario-')), 'variant.json');
  writeFileSync(file, JSON.stringify({ ...scenario, ...changes }));
  return file;
}

/** The tab's reader with the most access: a signed-in Global Administrator (the only role that may read sync settings). */
const GLOBAL_ADMIN: ReadIdentity = { kind: 'user', roles: [ENTRA_ROLES.globalAdministrator.id] };
const GLOBAL_ADMIN_TOKEN = {
  kind: 'user',
  userId: '00000000-0000-4000-8000-00000000ad01',
  roles: [ENTRA_ROLES.globalAdministrator.id],
} as const;

const denied = (message: string) => ({ '@status': 403, error: { code: 'Authorization_RequestDenied', message } });

describe('tenant reader against the dev tenant over HTTP (graph-client, no mocks)', () => {
  let tenant: RunningDevTenant;
  /** Sync settings are readable only by a signed-in Global Administrator (delegated), never app-only. */
  const globalAdmin = () => ({ token: tenant.token(GLOBAL_ADMIN_TOKEN), readAs: GLOBAL_ADMIN });
  const appOnly = () => ({ token: tenant.token(), readAs: APP_ONLY });
  /** Reads with a token and says whose access it carries, as the app's callers do. */
  const read = (includeApps = false, access = appOnly()) =>
    readSnapshot(createGraphPort({ endpoint: tenant.url, token: access.token, sleep: async () => undefined }), {
      now: new Date(),
      includeApps,
      readAs: access.readAs,
    });

  afterEach(() => tenant?.close());

  it('reads the status of a healthy hybrid tenant in one round trip', async () => {
    tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    const appOnly = await read();
    assert.equal(tenant.stats().requests, 2, 'the v1.0 $batch and the beta password-sync read, in parallel');
    assert.ok(appOnly.syncSettings.status === 'unavailable' && /Global Administrator/.test(appOnly.syncSettings.reason));
    const snapshot = await read(false, globalAdmin());
    assert.equal(snapshot.tenantId, '84841066-274d-4ec0-a5c1-276be684bdd3');
    assert.ok(snapshot.organization.status === 'ok' && snapshot.organization.data.onPremisesSyncEnabled === true);
    assert.ok(snapshot.syncSettings.status === 'ok' && snapshot.syncSettings.data.passwordHashSyncEnabled);
    assert.deepEqual(snapshot.syncSettings.status === 'ok' && snapshot.syncSettings.data.accidentalDeletionPrevention, {
      type: 'enabledForCount',
      threshold: 500,
    });
    assert.ok(snapshot.licensing.status === 'ok' && snapshot.licensing.data.edition === 'P1');
    assert.ok(snapshot.passwordSync.status === 'ok' && snapshot.passwordSync.data.lastPasswordSyncDateTime);
    assert.ok(snapshot.syncedObjects.status === 'ok' && snapshot.syncedObjects.data.users === 3);
  });

  it('resolves application permissions to names and keeps consent types', async () => {
    tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    const snapshot = await read(true);
    assert.ok(snapshot.apps?.status === 'ok');
    const hr = snapshot.apps.data.find((a) => a.displayName === 'Contoso HR Portal');
    assert.deepEqual(
      hr?.applicationPermissions.map((p) => [p.resourceName, p.permission]),
      [['Microsoft Graph', 'User.Read.All']],
    );
    assert.equal(hr?.ownedByThisTenant, true);
    assert.equal(hr?.credentials.find((c) => c.source === 'application')?.kind, 'password');
    const dropbox = snapshot.apps.data.find((a) => a.displayName === 'Dropbox Business');
    assert.deepEqual(
      dropbox?.delegatedGrants.map((g) => [g.consentType, g.scopes.join(' ')]),
      [['AllPrincipals', 'openid profile User.Read Files.Read']],
    );
    assert.equal(dropbox?.verifiedPublisher, 'Dropbox, Inc.');
  });

  it('marks a section the token may not read as unavailable with the reason, never as off', async () => {
    tenant = await startDevTenant({
      scenario: variant({
        'beta/directory/onPremisesSynchronization': denied('Insufficient privileges to complete the operation.'),
        subscribedSkus: denied('Insufficient privileges to complete the operation.'),
      }),
      port: 0,
    });
    // A Global Administrator's read, so that sync settings are asked for and Graph's refusal is what is read.
    const snapshot = await read(false, globalAdmin());
    assert.equal(snapshot.syncSettings.status, 'unavailable');
    assert.match(
      snapshot.syncSettings.status === 'unavailable' ? snapshot.syncSettings.reason : '',
      /403 Authorization_RequestDenied.*Global Administrator/,
    );
    assert.equal(snapshot.licensing.status, 'unavailable');
    assert.equal(snapshot.organization.status, 'ok', 'other sections are unaffected');
  });

  it('completes correctly when Graph throttles a share of calls with 429 and Retry-After', async () => {
    tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0, faults: { throttleShare: 0.3, retryAfterSeconds: 1 } });
    const snapshot = await read(true, globalAdmin());
    assert.ok(tenant.stats().throttled > 0, 'some calls were throttled');
    for (const key of STATUS_SECTIONS) {
      assert.equal(snapshot[key].status, 'ok', `${key}: ${JSON.stringify(snapshot[key])}`);
    }
    assert.ok(snapshot.apps?.status === 'ok' && snapshot.apps.data.length === 3);
  });

  it('reports a Graph that does not answer in time instead of hanging', async () => {
    tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0, faults: { latencyMs: 500 } });
    const graph = createGraphPort({ endpoint: tenant.url, token: tenant.token(GLOBAL_ADMIN_TOKEN), timeoutMs: 100, maxRetries: 0 });
    const snapshot = await readSnapshot(graph, { now: new Date(), readAs: GLOBAL_ADMIN });
    assert.equal(snapshot.organization.status, 'unavailable');
    assert.match(snapshot.organization.status === 'unavailable' ? snapshot.organization.reason : '', /did not answer within 100 ms|abort/i);
  });

  it('refuses to follow a nextLink to another host (no token leaves the endpoint)', async () => {
    tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    const graph = createGraphPort({ endpoint: tenant.url, token: tenant.token() });
    const reply = await graph.get({ url: 'https://evil.example/v1.0/users' });
    assert.equal(reply.status, 0);
    assert.match(JSON.stringify(reply.body), /refusing to follow a link outside/);
  });
});
