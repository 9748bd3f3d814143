import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { certificateKeyPair } from '../../devtenant/certificate';
import { materialise } from '../../devtenant/materialise';
import { loadScenario, type Scenario } from '../../devtenant/scenario';
import { count, DAY, everyPage, get, HOUR, INTEGRATED, sometime, values, type Item } from '../support/served-scenario';

/** Each hand-written scenario stages the situation its description names, whenever it is served. */
describe('dev tenant scenarios, one by one', () => {
  const served = new Map<string, Scenario>();
  const now = new Date();
  before(() => {
    for (const name of ['federated-cert-expiring', 'cloud-only', 'sync-errors']) served.set(name, materialise(loadScenario(name), now));
  });

  it('stale-sync: last directory and password sync are 7 hours before now whenever loaded', () => {
    const base = loadScenario('stale-sync');
    for (let i = 0; i < 5; i += 1) {
      const at = sometime();
      const s = materialise(base, at);
      const org = values(s, 'organization')[0];
      const beta = values(s, 'beta/organization')[0];
      assert.equal(org.onPremisesSyncEnabled, true);
      // Shifted "…:SSZ" timestamps keep whole seconds, so "now" may be up to 999 ms past the exact 7 hours.
      const ago = (iso: unknown): number => at.getTime() - Date.parse(iso as string);
      assert.ok(
        ago(org.onPremisesLastSyncDateTime) >= 7 * HOUR && ago(org.onPremisesLastSyncDateTime) < 7 * HOUR + 1000,
        `at ${at.toISOString()}`,
      );
      assert.ok(ago(beta.onPremisesLastPasswordSyncDateTime) >= 7 * HOUR && ago(beta.onPremisesLastPasswordSyncDateTime) < 7 * HOUR + 1000);
      const whole = new Date(Math.floor(at.getTime() / 1000) * 1000);
      const exact = values(materialise(base, whole), 'organization')[0];
      assert.equal(whole.getTime() - Date.parse(exact.onPremisesLastSyncDateTime as string), 7 * HOUR);
      const features = values(s, 'beta/directory/onPremisesSynchronization')[0].features as Item;
      assert.equal(features.passwordSyncEnabled, true);
    }
  });

  it('federated-cert-expiring: the signing certificate parses, verifies and expires in 12 days whenever loaded', () => {
    const base = loadScenario('federated-cert-expiring');
    for (const at of [new Date(), sometime(), new Date('2049-12-20T00:00:00Z')]) {
      const s = materialise(base, at);
      const [federation] = values(s, 'domains/contoso.com/federationConfiguration');
      assert.equal(federation['@odata.type'], '#microsoft.graph.internalDomainFederation');
      assert.equal(typeof federation.signingCertificate, 'string');
      assert.equal(federation.nextSigningCertificate, null);
      const cert = new X509Certificate(Buffer.from(federation.signingCertificate as string, 'base64'));
      assert.equal(cert.subject, 'CN=ADFS Signing - sts.contoso.com');
      assert.equal(cert.verify(certificateKeyPair().publicKey), true);
      const left = Date.parse(cert.validTo) - at.getTime();
      assert.ok(Math.abs(left - 12 * DAY) <= 60_000, `expires in ${left / DAY} days at ${at.toISOString()}`);
      assert.ok(Date.parse(cert.validFrom) < at.getTime());
    }
    const s = served.get('federated-cert-expiring')!;
    assert.equal((values(s, 'organization')[0].verifiedDomains as Item[]).find((d) => d.name === 'contoso.com')?.type, 'Federated');
    assert.equal(values(s, 'domains').find((d) => d.id === 'contoso.com')?.authenticationType, 'Federated');
    assert.equal(
      (values(s, 'beta/directory/onPremisesSynchronization')[0].features as Item).passwordSyncEnabled,
      true,
      'PHS stays on as a backup',
    );
    const response = get(s, 'domains/contoso.com/federationConfiguration?$select=id,signingCertificate');
    assert.equal(response.status, 200);
  });

  it('cloud-only: never synced, no sync configuration (every feature off), Free edition', () => {
    const s = served.get('cloud-only')!;
    const org = values(s, 'organization')[0];
    assert.equal(org.onPremisesSyncEnabled, null);
    assert.equal(org.onPremisesLastSyncDateTime, null);
    const [sync] = values(s, 'beta/directory/onPremisesSynchronization');
    assert.equal(sync.id, org.id);
    assert.equal(sync.configuration, null);
    assert.deepEqual(Object.values(sync.features as Item).filter(Boolean), []);
    assert.equal(count(s, 'users/$count?$filter=onPremisesSyncEnabled eq true'), 0);
    const premium = new Set(['41781fb2-bc02-4b7c-bd55-b576c07bb09d', 'eec0eb4f-6444-4f95-aba0-50c24d67f998']);
    for (const sku of values(s, 'subscribedSkus'))
      for (const plan of sku.servicePlans as Item[]) assert.ok(!premium.has(plan.servicePlanId as string));
    for (const plan of org.assignedPlans as Item[]) assert.ok(!premium.has(plan.servicePlanId as string));
    assert.ok(values(s, 'servicePrincipals').filter((sp) => (sp.tags as string[]).includes(INTEGRATED)).length >= 2);
  });

  it('sync-errors: provisioning errors, deletion prevention off, expiring secrets, a high-privilege app, an Entra incident', () => {
    const s = served.get('sync-errors')!;
    const filter = "$filter=onPremisesProvisioningErrors/any(o:o/category eq 'PropertyConflict')";
    assert.equal(count(s, `users/$count?${filter}`), 3);
    assert.equal(count(s, `groups/$count?${filter}`), 1);
    const errored = values(s, 'users').flatMap((u) => u.onPremisesProvisioningErrors as Item[]);
    assert.deepEqual(errored.map((e) => e.propertyCausingError).sort(), ['ProxyAddress', 'ProxyAddress', 'UserPrincipalName']);
    const sync = values(s, 'beta/directory/onPremisesSynchronization')[0] as { configuration: { accidentalDeletionPrevention: Item } };
    assert.equal(sync.configuration.accidentalDeletionPrevention.synchronizationPreventionType, 'disabled');
    const ends = values(s, 'applications')
      .flatMap((a) => a.passwordCredentials as Item[])
      .map((c) => Math.round((Date.parse(c.endDateTime as string) - now.getTime()) / DAY));
    assert.ok(ends.includes(-3) && ends.includes(10), `secret expiries in days: ${ends.join(', ')}`);
    const graphSp = get(s, "servicePrincipals(appId='00000003-0000-0000-c000-000000000000')").body as Item;
    const assignedTo = everyPage(s, `servicePrincipals/${String(graphSp.id)}/appRoleAssignedTo`).items;
    const high = assignedTo.filter((a) => a.appRoleId === '19dbc75e-c2e2-444c-a770-ec69d8559fc7');
    assert.equal(high.length, 1);
    const holder = values(s, 'servicePrincipals').find((sp) => sp.id === high[0].principalId)!;
    assert.notEqual(holder.appOwnerOrganizationId, values(s, 'organization')[0].id, 'a third-party app');
    assert.equal(
      (graphSp.appRoles as Item[]).find((r) => r.id === '19dbc75e-c2e2-444c-a770-ec69d8559fc7')?.value,
      'Directory.ReadWrite.All',
    );
    const [issue] = values(s, 'admin/serviceAnnouncement/issues');
    assert.equal(issue.isResolved, false);
    assert.equal(issue.service, 'Identity Service');
    assert.equal(issue.classification, 'incident');
    const entra = values(s, 'admin/serviceAnnouncement/healthOverviews').find((o) => o.id === 'OrgLiveID')!;
    assert.notEqual(entra.status, 'serviceOperational');
  });

  it('throttled: healthy-hybrid with 30% 429s of 1 second', () => {
    assert.deepEqual(loadScenario('throttled').meta.faults, {
      throttleShare: 0.3,
      retryAfterSeconds: 1,
      unavailableShare: undefined,
      latencyMs: undefined,
    });
  });
});
