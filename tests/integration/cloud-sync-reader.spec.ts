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
import { APP_ONLY, type ReadIdentity } from '../../identity/tenant/snapshot';
import { createGraphPort } from '../../platform/graph/client';

/** A shipped scenario with `@scenario` fields laid over, written to a temp file. */
function variantOf(name: string, meta: Record<string, unknown>): string {
  const scenario = JSON.parse(readFileSync(path.join(SCENARIO_DIR, `${name}.json`), 'utf8')) as Record<string, Record<string, unknown>>;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-cloudsync-')), 'variant.json');
  writeFileSync(file, JSON.stringify({ ...scenario, '@scenario': { ...scenario['@scenario'], ...meta } }));
  return file;
}

const user = (role: keyof typeof ENTRA_ROLES) => ({
  token: { kind: 'user', userId: '00000000-0000-4000-8000-00000000ad01', roles: [ENTRA_ROLES[role].id] } as const,
  readAs: { kind: 'user', roles: [ENTRA_ROLES[role].id] } as ReadIdentity,
});

describe('Cloud Sync jobs read from the dev tenant over HTTP (graph-client, Graph shapes, no mocks)', () => {
  let tenant: RunningDevTenant;
  afterEach(() => tenant?.close());

  const read = (readAs: ReadIdentity = APP_ONLY, token = tenant.token()) =>
    readSnapshot(createGraphPort({ endpoint: tenant.url, token, sleep: async () => undefined }), { now: new Date(), readAs });

  it('a tenant without Cloud Sync asks for its configurations in the first batch and nothing more', async () => {
    tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    const snapshot = await read();
    assert.equal(tenant.stats().requests, 2, 'the v1.0 $batch and the beta password-sync read, in parallel');
    assert.deepEqual(snapshot.cloudSync, { status: 'ok', data: { configurations: 0, jobs: [], unread: [] } });
    assert.equal(sectionReadings(snapshot).find((r) => r.section === 'cloudSync')?.state, 'read');
  });

  it('cloud-sync-healthy: both jobs active, last runs a minute ago, no findings; the jobs come in one more batch', async () => {
    tenant = await startDevTenant({ scenario: 'cloud-sync-healthy', port: 0 });
    const snapshot = await read();
    assert.equal(tenant.stats().requests, 3, 'first round (batch + beta read), then one batch of job reads');
    assert.ok(snapshot.cloudSync.status === 'ok');
    const { configurations, jobs } = snapshot.cloudSync.data;
    assert.equal(configurations, 1);
    assert.deepEqual(
      jobs.map((j) => [j.configuration, j.templateId, j.statusCode, j.interval]),
      [
        ['contoso.com', 'AD2AADProvisioning', 'Active', 'PT2M'],
        ['contoso.com', 'AD2AADPasswordHash', 'Active', 'PT2M'],
      ],
    );
    const ended = Date.parse(jobs[0].lastExecution!.timeEnded!);
    assert.ok(Date.now() - ended < 5 * 60_000, 'the last run keeps its distance from now');
    assert.deepEqual(evaluateHealth(snapshot, new Date()).findings, []);
  });

  it('cloud-sync-quarantined: the provisioning job is quarantined with its reason and since when', async () => {
    tenant = await startDevTenant({ scenario: 'cloud-sync-quarantined', port: 0 });
    const report = evaluateHealth(await read(), new Date());
    const quarantined = report.findings.filter((f) => f.code === 'cloudSync.quarantined');
    assert.equal(quarantined.length, 1);
    assert.equal(quarantined[0].severity, 'warning');
    assert.match(
      quarantined[0].title,
      /^Cloud Sync contoso\.com \(users, groups and contacts\) is in quarantine for 5 hours \(EncounteredEscrowProportionThreshold\)$/,
    );
    assert.equal(quarantined[0].evidence.lastRunEscrowed, 306);
    assert.ok(
      report.findings.some((f) => f.code === 'sync.stale'),
      'the directory sync it feeds is late too',
    );
    assert.ok(!report.findings.some((f) => f.code === 'cloudSync.failing'), 'the password hash job still runs');
  });

  it('connect-and-cloud-sync: Connect Sync stays fresh while the Cloud Sync forest is failing; both show', async () => {
    tenant = await startDevTenant({ scenario: 'connect-and-cloud-sync', port: 0 });
    const snapshot = await read();
    const report = evaluateHealth(snapshot, new Date());
    assert.ok(snapshot.organization.status === 'ok' && snapshot.organization.data.onPremisesSyncEnabled);
    assert.ok(!report.findings.some((f) => f.code === 'sync.stale'), 'Connect Sync ran 19 minutes ago');
    const failing = report.findings.filter((f) => f.code === 'cloudSync.failing');
    assert.deepEqual(failing.map((f) => [f.severity, f.evidence.configuration, f.evidence.template]).sort(), [
      ['warning', 'fabrikam.com', 'AD2AADPasswordHash'],
      ['warning', 'fabrikam.com', 'AD2AADProvisioning'],
    ]);
    const provisioning = failing.find((f) => f.evidence.template === 'AD2AADProvisioning')!;
    assert.equal(provisioning.evidence.lastRunError, 'No active provisioning agent is available for fabrikam.com.');
  });

  it("connect-and-cloud-sync with apps: Entra Connect Sync's own application and its unrotated certificate are a sync-outage risk", async () => {
    tenant = await startDevTenant({ scenario: 'connect-and-cloud-sync', port: 0 });
    const snapshot = await readSnapshot(createGraphPort({ endpoint: tenant.url, token: tenant.token(), sleep: async () => undefined }), {
      now: new Date(),
      readAs: APP_ONLY,
      includeApps: true,
    });
    const [finding] = evaluateHealth(snapshot, new Date()).findings.filter((f) => f.code === 'app.credentialExpiring');
    assert.equal(finding.subject, 'c5a10000-0000-4000-8000-00000000a0d1');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.evidence.usedBy, 'Microsoft Entra Connect Sync');
    assert.match(
      finding.title,
      /^Entra Connect Sync \(AADC01\): certificate "CN=Entra Connect Sync AADC01" expires in (19|20) days: a sync-outage risk/,
    );
  });

  it('without Synchronization.Read.All consented, Cloud Sync reads "not checked, because …" and the rest is read', async () => {
    const requested = requestedPermissions();
    const without = (list: string[]) => list.filter((p) => p !== 'Synchronization.Read.All');
    const consent = { application: without(requested.application), delegated: without(requested.delegated) };
    tenant = await startDevTenant({ scenario: variantOf('cloud-sync-quarantined', { consent }), port: 0 });
    const snapshot = await read();
    assert.equal(snapshot.cloudSync.status, 'unavailable');
    const reading = sectionReadings(snapshot).find((r) => r.section === 'cloudSync')!;
    assert.equal(reading.state, 'notChecked');
    assert.equal(
      reading.detail,
      'not checked, because not permitted (403 Authorization_RequestDenied): needs the application permission Synchronization.Read.All',
    );
    const report = evaluateHealth(snapshot, new Date());
    assert.ok(!report.findings.some((f) => f.code.startsWith('cloudSync.')));
    assert.ok(report.unknown.some((u) => u.code === 'cloudSync.quarantined' && /Synchronization\.Read\.All/.test(u.reason)));
    assert.ok(
      report.findings.some((f) => f.code === 'sync.stale'),
      'the other sections still judged',
    );
  });

  it('delegated: a Hybrid Identity Administrator reads the jobs; a Global Reader is told which roles may', async () => {
    tenant = await startDevTenant({ scenario: 'cloud-sync-quarantined', port: 0 });
    const hybrid = user('hybridIdentityAdministrator');
    const asHybrid = await read(hybrid.readAs, tenant.token(hybrid.token));
    assert.ok(asHybrid.cloudSync.status === 'ok' && asHybrid.cloudSync.data.jobs.length === 2);
    const reader = user('globalReader');
    const asReader = await read(reader.readAs, tenant.token(reader.token));
    assert.ok(asReader.cloudSync.status === 'unavailable');
    assert.match(asReader.cloudSync.reason, /403 Authorization_RequestDenied.*Synchronization\.Read\.All.*Hybrid Identity Administrator/);
  });
});
