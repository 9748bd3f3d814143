import assert from 'node:assert/strict';
import { readSnapshot } from '../../identity/tenant/reader';
import { APP_ONLY } from '../../identity/tenant/snapshot';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { createGraphPort } from '../../platform/graph/client';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';

const DAY = 86_400_000;

/** The shipped scenarios served over HTTP and read by the app's own reader: what the app will see. */
describe('dev tenant scenarios served to the tenant reader', () => {
  let tenant: RunningDevTenant | undefined;
  const read = (includeApps = false, asGlobalAdministrator = false) =>
    readSnapshot(
      createGraphPort({
        endpoint: tenant!.url,
        // Sync settings are readable only by a signed-in Global Administrator, never app-only.
        token: asGlobalAdministrator
          ? tenant!.token({ kind: 'user', userId: '00000000-0000-4000-8000-00000000ad01', roles: [ENTRA_ROLES.globalAdministrator.id] })
          : tenant!.token(),
        sleep: async () => undefined,
      }),
      {
        now: new Date(),
        includeApps,
        readAs: asGlobalAdministrator ? { kind: 'user', roles: [ENTRA_ROLES.globalAdministrator.id] } : APP_ONLY,
      },
    );

  afterEach(async () => {
    await tenant?.close();
    tenant = undefined;
  });

  it('federated-cert-expiring: the federation certificate is served as base64 DER expiring in 12 days', async () => {
    tenant = await startDevTenant({ scenario: 'federated-cert-expiring', port: 0 });
    const response = await fetch(`${tenant.url}/v1.0/domains/contoso.com/federationConfiguration`, {
      headers: { authorization: `Bearer ${await tenant.token().getToken()}` },
    });
    const body = (await response.json()) as { value: Array<{ signingCertificate: string }> };
    assert.match(body.value[0].signingCertificate, /^MII[A-Za-z0-9+/]+=*$/);
    const snapshot = await read();
    assert.ok(snapshot.domains.status === 'ok');
    const contoso = snapshot.domains.data.find((d) => d.name === 'contoso.com');
    assert.equal(contoso?.authenticationType, 'Federated');
    assert.ok(contoso?.federation?.status === 'ok', JSON.stringify(contoso?.federation));
    const expiry = Date.parse(contoso.federation.data.signingCertificateExpiry ?? '');
    assert.ok(Math.abs(expiry - Date.now() - 12 * DAY) < 60_000);
  });

  it('stale-sync, cloud-only and sync-errors read as their descriptions say', async () => {
    tenant = await startDevTenant({ scenario: 'stale-sync', port: 0 });
    let snapshot = await read();
    assert.ok(snapshot.organization.status === 'ok');
    const ago = Date.now() - Date.parse(snapshot.organization.data.lastSyncDateTime ?? '');
    assert.ok(Math.abs(ago - 7 * 3_600_000) < 60_000);

    tenant.useScenario('cloud-only');
    snapshot = await read();
    assert.ok(snapshot.organization.status === 'ok' && snapshot.organization.data.onPremisesSyncEnabled === null);
    assert.ok(snapshot.licensing.status === 'ok' && snapshot.licensing.data.edition === 'Free');
    assert.ok(snapshot.syncedObjects.status === 'ok' && snapshot.syncedObjects.data.users === 0);

    tenant.useScenario('sync-errors');
    snapshot = await read(true, true);
    assert.ok(
      snapshot.provisioningErrors.status === 'ok' && snapshot.provisioningErrors.data.total === 4,
      JSON.stringify(snapshot.provisioningErrors),
    );
    assert.ok(snapshot.syncSettings.status === 'ok' && snapshot.syncSettings.data.accidentalDeletionPrevention?.type === 'disabled');
    assert.ok(snapshot.serviceHealth.status === 'ok' && snapshot.serviceHealth.data.some((issue) => !issue.isResolved));
    assert.ok(snapshot.apps?.status === 'ok');
    const acme = snapshot.apps.data.find((app) => app.displayName === 'Acme Directory Manager');
    assert.deepEqual(
      acme?.applicationPermissions.map((p) => p.permission),
      ['Directory.ReadWrite.All'],
    );
  });

  it('large: the app reads 20,000 generated apps through paging', async function () {
    this.timeout(60_000);
    tenant = await startDevTenant({ scenario: 'large', port: 0 });
    const snapshot = await read(true);
    assert.ok(snapshot.apps?.status === 'ok', JSON.stringify(snapshot.apps));
    assert.ok(snapshot.apps.data.length >= 20_000);
    assert.ok(
      snapshot.apps.data.some((app) =>
        app.applicationPermissions.some((p) => p.permission === 'Directory.ReadWrite.All' || p.permission === 'Application.ReadWrite.All'),
      ),
    );
    assert.ok(snapshot.apps.data.some((app) => app.delegatedGrants.some((g) => g.consentType === 'AllPrincipals')));
    const samlApps = snapshot.apps.data.filter((app) => app.credentials.some((c) => c.source === 'servicePrincipal'));
    assert.ok(samlApps.length > 100);
    for (const app of samlApps)
      assert.equal(app.credentials.length, 1, `${app.displayName}: the SAML signing certificate counts once (Sign, Verify, password)`);
  });
});
