import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSnapshot } from '../../identity/tenant/reader';
import { evaluateHealth } from '../../identity/tenant/rules';
import { APP_ONLY, type IntegratedApp, type TenantSnapshot } from '../../identity/tenant/snapshot';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { SCENARIO_DIR } from '../../devtenant/scenario';
import { createGraphPort } from '../../platform/graph/client';

/** A copy of a shipped scenario with some keys replaced, written to a temp file. */
function variant(name: string, changes: Record<string, unknown>): string {
  const scenario = JSON.parse(readFileSync(path.join(SCENARIO_DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-apps-')), 'variant.json');
  writeFileSync(file, JSON.stringify({ ...scenario, ...changes }));
  return file;
}

const refused = (status: number, code: string) => ({ '@status': status, error: { code, message: 'Refused by the scenario.' } });
const EXCHANGE_SP = 'b1d0c6a2-0000-4000-8000-0000000000e0';

describe('integrated apps as Graph really answers them (dev tenant over HTTP)', () => {
  let tenant: RunningDevTenant;
  let now: Date;
  const read = async (scenario: string): Promise<TenantSnapshot> => {
    tenant = await startDevTenant({ scenario, port: 0 });
    now = new Date();
    const graph = createGraphPort({ endpoint: tenant.url, token: tenant.token(), sleep: async () => undefined });
    return readSnapshot(graph, { now, includeApps: true, readAs: APP_ONLY });
  };
  const appsOf = (snapshot: TenantSnapshot): IntegratedApp[] => {
    assert.ok(snapshot.apps?.status === 'ok', JSON.stringify(snapshot.apps));
    return snapshot.apps.data;
  };
  const named = (snapshot: TenantSnapshot, name: string): IntegratedApp => {
    const app = appsOf(snapshot).find((a) => a.displayName === name);
    assert.ok(app, `${name} is listed`);
    return app;
  };

  afterEach(() => tenant?.close());

  it('lists service principals without the integrated-app tag that hold roles, grants or credentials', async () => {
    const snapshot = await read('consented-apps');
    const names = appsOf(snapshot).map((a) => a.displayName);
    for (const name of ['Contoso Mail Archiver', 'Fabrikam File Sync', 'contoso-automation', 'Workday', 'Contoso HR Portal'])
      assert.ok(names.includes(name), name);
    assert.ok(!names.includes('Northwind Survey (never used)'), 'an untagged app with nothing granted is not judged');
    assert.ok(!names.includes('Office 365 Exchange Online') && !names.includes('Microsoft Graph'), "Microsoft's resources are not listed");
  });

  it('names application permissions on every resource, not only Microsoft Graph', async () => {
    const snapshot = await read('consented-apps');
    const held = (name: string) => named(snapshot, name).applicationPermissions.map((p) => `${p.resourceName}: ${p.permission}`);
    assert.deepEqual(held('Contoso Mail Archiver').sort(), [
      'Microsoft Graph: Mail.Read',
      'Office 365 Exchange Online: full_access_as_app',
    ]);
    assert.deepEqual(held('Fabrikam File Sync'), ['Office 365 SharePoint Online: Sites.FullControl.All']);
    const grants = named(snapshot, 'Fabrikam File Sync').delegatedGrants.map(
      (g) => `${g.resourceName} ${g.consentType}: ${g.scopes.join(' ')}`,
    );
    assert.deepEqual(grants.sort(), [
      'Microsoft Graph AllPrincipals: openid offline_access Files.ReadWrite.All Sites.Read.All',
      'Office 365 Exchange Online Principal: EWS.AccessAsUser.All',
    ]);
  });

  it('warns about the untagged apps that hold high-privilege permissions on Exchange and SharePoint', async () => {
    const snapshot = await read('consented-apps');
    const titles = evaluateHealth(snapshot, now)
      .findings.filter((f) => f.code === 'app.highPrivilege' && f.severity === 'warning')
      .map((f) => f.title);
    assert.ok(titles.includes('Contoso Mail Archiver holds high-privilege permissions: full_access_as_app'), titles.join('\n'));
    assert.ok(
      titles.some((t) => t.startsWith('Fabrikam File Sync holds high-privilege permissions: Sites.FullControl.All')),
      titles.join('\n'),
    );
  });

  it('counts a SAML signing certificate (Sign and Verify keys and its password) once', async () => {
    const snapshot = await read('consented-apps');
    const workday = named(snapshot, 'Workday');
    assert.equal(workday.credentials.length, 1);
    assert.equal(workday.credentials[0].kind, 'certificate');
    const finding = evaluateHealth(snapshot, now).findings.find(
      (f) => f.code === 'app.credentialExpiring' && f.evidence.appName === 'Workday',
    );
    assert.equal(finding?.title, 'Workday: certificate "CN=Microsoft Azure Federated SSO Certificate" expires in 20 days');
  });

  it("reads Graph's seven-digit fractions as instants, in one text form", async () => {
    const snapshot = await read('consented-apps');
    const [secret] = named(snapshot, 'Contoso Mail Archiver').credentials;
    assert.match(secret.endDateTime ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const titles = evaluateHealth(snapshot, now).findings.map((f) => f.title);
    assert.ok(titles.includes('Contoso Mail Archiver: client secret "archiver job" expires in 10 days'), titles.join('\n'));
  });

  it("does not judge a managed identity's Azure-managed certificate, but does judge its permissions", async () => {
    const snapshot = await read('consented-apps');
    const identity = named(snapshot, 'contoso-automation');
    assert.deepEqual(identity.credentials, []);
    assert.deepEqual(
      identity.applicationPermissions.map((p) => p.permission),
      ['Directory.Read.All'],
    );
  });

  it('shows the verified publisher only when Graph names its Partner Center id', async () => {
    const snapshot = await read(
      variant('healthy-hybrid', {
        servicePrincipals: {
          value: [
            {
              id: '5f3e9a10-0000-4000-8000-000000000031',
              appId: '2a1b3c4d-0000-4000-8000-0000000000c1',
              displayName: 'Named but not verified',
              appOwnerOrganizationId: 'c0ffee00-0000-4000-8000-0000000000f3',
              verifiedPublisher: { displayName: 'Litware', verifiedPublisherId: null, addedDateTime: null },
              accountEnabled: true,
              servicePrincipalType: 'Application',
              tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
              keyCredentials: [],
              passwordCredentials: [],
              appRoles: [],
            },
          ],
        },
        oauth2PermissionGrants: { value: [] },
      }),
    );
    assert.equal(named(snapshot, 'Named but not verified').verifiedPublisher, null);
  });

  it('names the publisher of the tenant’s own apps, as v1.0 has no publisherName', async () => {
    const snapshot = await read('consented-apps');
    assert.equal(named(snapshot, 'Contoso Mail Archiver').publisherName, 'Contoso');
  });

  it('reads every app of the tenant in two requests beside the status reads', async () => {
    await read('consented-apps');
    assert.equal(tenant.stats().requests, 4, 'status batch + beta read, apps batch, one appRoleAssignedTo batch for the three resources');
  });

  it('a caller without the grants permission gets the apps, with delegated grants "not checked, because …"', async () => {
    const snapshot = await read('apps-without-grants-permission');
    assert.equal(snapshot.appParts?.delegatedGrants.status, 'unavailable');
    assert.match(
      snapshot.appParts?.delegatedGrants.status === 'unavailable' ? snapshot.appParts.delegatedGrants.reason : '',
      /403 Authorization_RequestDenied.*Directory\.Read\.All/,
    );
    assert.equal(snapshot.appParts?.applicationPermissions.status, 'ok');
    const report = evaluateHealth(snapshot, now);
    assert.ok(
      report.unknown.some(
        (u) => u.code === 'app.highPrivilege' && /^unknown for delegated grants and tenant-wide consent, because/.test(u.reason),
      ),
      JSON.stringify(report.unknown),
    );
    assert.ok(report.findings.some((f) => f.code === 'app.highPrivilege' && f.evidence.appName === 'Contoso Mail Archiver'));
  });

  it('app registrations Graph could not serve (503) make their credentials unknown; the service principals are still judged', async () => {
    const snapshot = await read(variant('consented-apps', { applications: refused(503, 'ServiceUnavailable') }));
    assert.equal(snapshot.appParts?.registrations.status, 'unavailable');
    const report = evaluateHealth(snapshot, now);
    assert.ok(
      report.unknown.some(
        (u) => u.code === 'app.credentialExpired' && /app registrations, because Microsoft Graph was unavailable \(503\)/.test(u.reason),
      ),
      JSON.stringify(report.unknown),
    );
    assert.ok(report.findings.some((f) => f.code === 'app.credentialExpiring' && f.evidence.appName === 'Workday'));
  });

  it('a resource whose role holders Graph refuses makes application permissions unknown, not absent', async () => {
    const snapshot = await read(
      variant('consented-apps', { [`servicePrincipals/${EXCHANGE_SP}/appRoleAssignedTo`]: refused(403, 'Authorization_RequestDenied') }),
    );
    assert.equal(snapshot.appParts?.applicationPermissions.status, 'unavailable');
    const report = evaluateHealth(snapshot, now);
    assert.ok(report.unknown.some((u) => u.code === 'app.highPrivilege' && /^unknown for application permissions, because/.test(u.reason)));
  });
});
