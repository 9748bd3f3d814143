import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requestedPermissions } from '../../devtenant/app-registration';
import { SCENARIO_DIR } from '../../devtenant/scenario';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { sectionReadings } from '../../identity/tenant/coverage';
import { readSnapshot } from '../../identity/tenant/reader';
import { evaluateHealth } from '../../identity/tenant/rules';
import { APP_ONLY, type ReadIdentity, type TenantSnapshot } from '../../identity/tenant/snapshot';
import { createGraphPort } from '../../platform/graph/client';

const HYBRID_ADMIN = [ENTRA_ROLES.hybridIdentityAdministrator.id];
const asHybridAdmin: ReadIdentity = { kind: 'user', roles: HYBRID_ADMIN };

/** A shipped scenario with `@scenario` fields laid over (here: what the admin consented to), written to a temp file. */
function variantOf(name: string, meta: Record<string, unknown>): string {
  const scenario = JSON.parse(readFileSync(path.join(SCENARIO_DIR, `${name}.json`), 'utf8')) as Record<string, Record<string, unknown>>;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-agents-')), 'variant.json');
  writeFileSync(file, JSON.stringify({ ...scenario, '@scenario': { ...scenario['@scenario'], ...meta } }));
  return file;
}

/**
 * Cloud Sync's provisioning agents read from the dev tenant over HTTP (graph-client, Graph's shapes):
 * for a signed-in admin, in the beta $batch the status view already sends, so no request is added;
 * app-only never asked, and said so.
 */
describe('Cloud Sync provisioning agents read from the dev tenant (delegated only)', () => {
  let tenant: RunningDevTenant;
  afterEach(() => tenant?.close());

  const read = async (readAs: ReadIdentity): Promise<TenantSnapshot> => {
    const token =
      readAs.kind === 'app'
        ? tenant.token()
        : tenant.token({ kind: 'user', userId: '00000000-0000-4000-8000-00000000ad01', roles: HYBRID_ADMIN });
    return readSnapshot(createGraphPort({ endpoint: tenant.url, token, sleep: async () => undefined }), { now: new Date(), readAs });
  };
  const agentsOf = (snapshot: TenantSnapshot) => (snapshot.cloudSync.status === 'ok' ? snapshot.cloudSync.data.agents : undefined);

  it('cloud-sync-failing as a Hybrid Identity Administrator: both agents, one inactive, in as many requests as app-only', async () => {
    tenant = await startDevTenant({ scenario: 'cloud-sync-failing', port: 0 });
    await read(APP_ONLY);
    const appOnly = tenant.stats();
    const snapshot = await read(asHybridAdmin);
    const delegated = tenant.stats();
    assert.equal(delegated.requests - appOnly.requests, appOnly.requests, 'the same requests: the agents ride in the beta $batch');
    const agents = agentsOf(snapshot);
    assert.ok(agents?.status === 'ok');
    assert.deepEqual(
      agents.data.map((a) => [a.machineName, a.externalIp, a.status]),
      [
        ['CONTOSO-SYNC01.contoso.com', '203.0.113.10', 'active'],
        ['CONTOSO-SYNC02.contoso.com', '203.0.113.11', 'inactive'],
      ],
    );
    const [finding] = evaluateHealth(snapshot, new Date()).findings.filter((f) => f.code === 'cloudSync.agentRedundancy');
    assert.equal(finding.severity, 'warning');
    assert.equal(sectionReadings(snapshot).find((r) => r.section === 'cloudSync')?.state, 'read');
  });

  it('connect-and-cloud-sync: its only agent inactive is critical cloudSync.noActiveAgent', async () => {
    tenant = await startDevTenant({ scenario: 'connect-and-cloud-sync', port: 0 });
    const report = evaluateHealth(await read(asHybridAdmin), new Date());
    const [finding] = report.findings.filter((f) => f.code === 'cloudSync.noActiveAgent');
    assert.equal(finding.severity, 'critical');
    assert.equal(finding.evidence.inactiveMachines, 'FABRIKAM-SYNC01.fabrikam.com');
  });

  it('cloud-sync-healthy: three active agents, no agent finding', async () => {
    tenant = await startDevTenant({ scenario: 'cloud-sync-healthy', port: 0 });
    const snapshot = await read(asHybridAdmin);
    const agents = agentsOf(snapshot);
    assert.ok(agents?.status === 'ok');
    assert.deepEqual(new Set(agents.data.map((a) => a.status)), new Set(['active']));
    assert.equal(agents.data.length, 3);
    assert.deepEqual(evaluateHealth(snapshot, new Date()).findings, []);
  });

  it('app-only: not asked; Cloud Sync reads partial, "provisioning agents not checked, because …", both checks unknown', async () => {
    tenant = await startDevTenant({ scenario: 'cloud-sync-healthy', port: 0 });
    const snapshot = await read(APP_ONLY);
    const reading = sectionReadings(snapshot).find((r) => r.section === 'cloudSync')!;
    assert.equal(reading.state, 'partial');
    assert.match(
      reading.detail,
      /; provisioning agents not checked, because Graph gives Cloud Sync's provisioning agents only to a signed-in admin \(delegated Policy\.Read\.HybridAuthentication; application permissions are not supported\)/,
    );
    const report = evaluateHealth(snapshot, new Date());
    assert.deepEqual(report.findings, [], 'no agent finding, and no false one');
    assert.deepEqual(
      report.unknown.filter((u) => u.code.startsWith('cloudSync.')).map((u) => u.code),
      ['cloudSync.agentRedundancy', 'cloudSync.noActiveAgent'],
    );
  });

  it('delegated without Policy.Read.HybridAuthentication consented: "not checked, because" Graph refused, naming the permission', async () => {
    const requested = requestedPermissions();
    const consent = {
      application: requested.application,
      delegated: requested.delegated.filter((p) => p !== 'Policy.Read.HybridAuthentication'),
    };
    tenant = await startDevTenant({ scenario: variantOf('cloud-sync-failing', { consent }), port: 0 });
    const snapshot = await read(asHybridAdmin);
    const agents = agentsOf(snapshot);
    assert.ok(agents?.status === 'unavailable');
    assert.match(
      agents.reason,
      /^not permitted \(403 Authorization_RequestDenied\): needs the delegated permission Policy\.Read\.HybridAuthentication/,
    );
    const report = evaluateHealth(snapshot, new Date());
    assert.ok(
      !report.findings.some((f) => f.code === 'cloudSync.agentRedundancy'),
      'the inactive agent is not seen, and not called healthy',
    );
    assert.ok(report.unknown.some((u) => u.code === 'cloudSync.agentRedundancy'));
    assert.ok(
      report.findings.some((f) => f.code === 'cloudSync.failing'),
      'the jobs are still judged',
    );
  });

  it('a tenant without Cloud Sync keeps no agents section (no agent needed), even though the batch asked', async () => {
    tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    const snapshot = await read(asHybridAdmin);
    assert.deepEqual(snapshot.cloudSync, { status: 'ok', data: { configurations: 0, jobs: [], unread: [] } });
  });
});
