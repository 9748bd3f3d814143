import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { certificateKeyPair } from '../../devtenant/certificate';
import { createGenerator, generateServicePrincipals, resolveGenerationContext } from '../../devtenant/generate';
import { answerGet, type GraphResponse } from '../../devtenant/graph';
import {
  isErrorEntry,
  loadScenario,
  materialise,
  parseScenario,
  SCENARIO_DIR,
  ScenarioError,
  type Scenario,
} from '../../devtenant/scenario';

type Item = Record<string, unknown>;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const INTEGRATED = 'WindowsAzureActiveDirectoryIntegratedApp';
const names = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

function get(scenario: Scenario, path: string, headers: Record<string, string> = {}): GraphResponse {
  const url = new URL(path.replace(/^https?:\/\/[^/]+\/(v1\.0\/)?/, ''), 'http://devtenant/');
  return answerGet(scenario, {
    path: decodeURIComponent(url.pathname.slice(1)),
    query: url.searchParams,
    headers,
    origin: 'http://devtenant',
  });
}

function values(scenario: Scenario, key: string): Item[] {
  const entry = scenario.entries.get(key);
  assert.ok(entry && !isErrorEntry(entry) && Array.isArray(entry.value), `${scenario.meta.name}: "${key}" is a collection`);
  return entry.value as Item[];
}

/** Every item of a collection, following @odata.nextLink. */
function everyPage(scenario: Scenario, first: string): { items: Item[]; pages: number } {
  const items: Item[] = [];
  let next: string | undefined = first;
  let pages = 0;
  while (next) {
    const response = get(scenario, next);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const body = response.body as { value: Item[]; '@odata.nextLink'?: string };
    items.push(...body.value);
    pages += 1;
    next = body['@odata.nextLink'];
  }
  return { items, pages };
}

const count = (scenario: Scenario, path: string): number => {
  const response = get(scenario, path, { consistencylevel: 'eventual' });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return Number(response.body);
};

const sometime = (): Date => new Date(Date.UTC(2026, 0, 1) + Math.floor(Math.random() * 400 * DAY) + Math.floor(Math.random() * 1000));

describe('dev tenant scenarios', () => {
  const served = new Map<string, Scenario>();
  const now = new Date();
  before(function () {
    this.timeout(60_000);
    for (const name of names) served.set(name, materialise(loadScenario(name), now));
  });

  it('ships the six scenarios of the design next to healthy-hybrid', () => {
    for (const name of ['healthy-hybrid', 'stale-sync', 'federated-cert-expiring', 'cloud-only', 'sync-errors', 'large', 'throttled'])
      assert.ok(names.includes(name), name);
  });

  it('each loads with its own name, a now and a description, and materialises without forms left', () => {
    for (const name of names) {
      const scenario = loadScenario(name);
      assert.equal(scenario.meta.name, name);
      assert.ok(scenario.meta.description && scenario.meta.description.length > 40, `${name} describes itself`);
      const out = served.get(name)!;
      assert.equal(out.meta.now, now.toISOString());
      assert.equal(out.meta.generate, undefined);
      for (const [key, entry] of out.entries) assert.ok(!JSON.stringify(entry).includes('"@certificate"'), `${name} ${key}`);
    }
  });

  it('each is consistent across keys, as Graph would be', () => {
    for (const [name, s] of served) {
      const org = values(s, 'organization')[0];
      const beta = values(s, 'beta/organization')[0];
      assert.equal(beta.id, org.id, `${name}: beta organization is the same tenant`);
      assert.equal(beta.onPremisesLastSyncDateTime, org.onPremisesLastSyncDateTime, `${name}: same last sync in v1.0 and beta`);
      const domains = new Map(values(s, 'domains').map((d) => [d.id, d]));
      for (const verified of org.verifiedDomains as Item[]) {
        assert.equal(
          domains.get(verified.name)?.authenticationType,
          verified.type,
          `${name}: ${String(verified.name)} type in organization and domains`,
        );
        const federation = s.entries.get(`domains/${String(verified.name)}/federationConfiguration`);
        if (verified.type === 'Federated')
          assert.ok(federation && !isErrorEntry(federation), `${name}: federated ${String(verified.name)} has a federationConfiguration`);
      }
      const sps = new Map(values(s, 'servicePrincipals').map((sp) => [sp.id, sp]));
      assert.equal(sps.size, values(s, 'servicePrincipals').length, `${name}: service principal ids are unique`);
      const appIds = new Set([...sps.values()].map((sp) => sp.appId));
      for (const app of values(s, 'applications'))
        assert.ok(appIds.has(app.appId), `${name}: application ${String(app.displayName)} has its service principal`);
      const users = new Set(values(s, 'users').map((u) => u.id));
      for (const grant of values(s, 'oauth2PermissionGrants')) {
        assert.ok(sps.has(grant.clientId) && sps.has(grant.resourceId), `${name}: grant ${String(grant.id)} refers to service principals`);
        assert.equal(
          grant.principalId === null,
          grant.consentType === 'AllPrincipals',
          `${name}: grant ${String(grant.id)} principal matches its consent type`,
        );
        if (grant.principalId !== null) assert.ok(users.has(grant.principalId), `${name}: grant ${String(grant.id)} is a user's`);
      }
      for (const [key, entry] of s.entries) {
        const match = /^servicePrincipals\/([^/]+)\/appRoleAssignments$/.exec(key);
        if (!match) continue;
        assert.ok(sps.has(match[1]), `${name}: ${key} belongs to a service principal`);
        for (const assignment of (entry as { value: Item[] }).value) {
          assert.equal(assignment.principalId, match[1]);
          const resource = sps.get(assignment.resourceId);
          assert.ok(resource, `${name}: ${key} resource exists`);
          assert.ok(
            (resource.appRoles as Item[]).some((role) => role.id === assignment.appRoleId),
            `${name}: ${key} role ${String(assignment.appRoleId)} resolves to a name`,
          );
        }
      }
      assert.ok(Array.isArray(values(s, 'admin/serviceAnnouncement/issues')));
      assert.ok(
        values(s, 'admin/serviceAnnouncement/healthOverviews').some((o) => o.id === 'OrgLiveID'),
        `${name}: Entra (OrgLiveID) health`,
      );
    }
  });

  it('each counts synced users and groups with $count and the onPremisesSyncEnabled filter', () => {
    for (const [name, s] of served) {
      const users = count(s, 'users/$count?$filter=onPremisesSyncEnabled eq true');
      const synced = values(s, 'organization')[0].onPremisesSyncEnabled === true;
      assert.equal(users > 0, synced, `${name}: synced users exactly when the tenant syncs`);
      if (name !== 'healthy-hybrid')
        assert.equal(count(s, 'groups/$count?$filter=onPremisesSyncEnabled eq true') > 0, synced, `${name}: synced groups`);
      if (synced) assert.equal(values(s, 'directory/onPremisesSynchronization').length, 1, `${name}: sync settings where sync exists`);
    }
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
      const features = values(s, 'directory/onPremisesSynchronization')[0].features as Item;
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
      (values(s, 'directory/onPremisesSynchronization')[0].features as Item).passwordSyncEnabled,
      true,
      'PHS stays on as a backup',
    );
    const response = get(s, 'domains/contoso.com/federationConfiguration?$select=id,signingCertificate');
    assert.equal(response.status, 200);
  });

  it('cloud-only: never synced, no sync configuration, Free edition', () => {
    const s = served.get('cloud-only')!;
    const org = values(s, 'organization')[0];
    assert.equal(org.onPremisesSyncEnabled, null);
    assert.equal(org.onPremisesLastSyncDateTime, null);
    assert.deepEqual(values(s, 'directory/onPremisesSynchronization'), []);
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
    const sync = values(s, 'directory/onPremisesSynchronization')[0] as { configuration: { accidentalDeletionPrevention: Item } };
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

  it('large: 20,000 generated integrated apps, paged at 999 with @odata.nextLink (100 by default)', () => {
    const s = served.get('large')!;
    const handWritten = loadScenario('large');
    const ownIntegrated = values(handWritten, 'servicePrincipals').filter((sp) => (sp.tags as string[]).includes(INTEGRATED)).length;
    const { items, pages } = everyPage(
      s,
      `servicePrincipals?$filter=tags/any(t:t eq '${INTEGRATED}')&$select=id,appId,displayName,tags&$top=999`,
    );
    assert.equal(items.length, 20_000 + ownIntegrated);
    assert.equal(pages, Math.ceil(items.length / 999));
    assert.equal(new Set(items.map((i) => i.id)).size, items.length, 'ids are unique');
    assert.deepEqual(Object.keys(items[10]).sort(), ['appId', 'displayName', 'id', 'tags']);
    const first = get(s, 'servicePrincipals').body as { value: Item[]; '@odata.nextLink'?: string };
    assert.equal(first.value.length, 100);
    assert.ok(first['@odata.nextLink']);
    assert.equal(get(s, 'servicePrincipals?$top=1000').status, 400);

    const generated = values(s, 'servicePrincipals').slice(-20_000);
    const share = (predicate: (sp: Item) => boolean): number => generated.filter(predicate).length / generated.length;
    const tenantId = values(s, 'organization')[0].id;
    assert.ok(Math.abs(share((sp) => sp.appOwnerOrganizationId === tenantId) - 0.25) < 0.02, 'about a quarter registered here');
    assert.ok(share((sp) => (sp.verifiedPublisher as Item).verifiedPublisherId !== null) > 0.3);
    assert.ok(share((sp) => sp.accountEnabled === false) > 0.01);
    const grants = values(s, 'oauth2PermissionGrants');
    assert.ok(grants.filter((g) => g.consentType === 'AllPrincipals').length > 2_500);
    const now = Date.parse(s.meta.now);
    const secretEnds = values(s, 'applications').flatMap((a) =>
      (a.passwordCredentials as Item[]).map((c) => Date.parse(c.endDateTime as string) - now),
    );
    assert.ok(secretEnds.some((ms) => ms < 0) && secretEnds.some((ms) => ms > 0 && ms < 30 * DAY), 'some secrets expired, some expiring');
    const graphSpId = (get(s, "servicePrincipals(appId='00000003-0000-0000-c000-000000000000')").body as Item).id;
    const assigned = everyPage(s, `servicePrincipals/${String(graphSpId)}/appRoleAssignedTo?$top=999`).items;
    assert.ok(
      assigned.some(
        (a) => a.appRoleId === '19dbc75e-c2e2-444c-a770-ec69d8559fc7' || a.appRoleId === '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
      ),
    );
    assert.deepEqual(get(s, `servicePrincipals/${String(generated[0].id)}/appRoleAssignments`).status, 200);
  });

  it('the generator is deterministic and keeps its timestamps at their distance from now', () => {
    const base = loadScenario('large');
    const at = new Date('2026-03-01T08:00:00.000Z');
    const a = materialise(base, at);
    const b = materialise(loadScenario('large'), at);
    for (const key of ['servicePrincipals', 'applications', 'oauth2PermissionGrants'])
      assert.equal(JSON.stringify(a.entries.get(key)), JSON.stringify(b.entries.get(key)), key);

    const spec = base.meta.generate!.servicePrincipals!;
    const context = resolveGenerationContext(spec, base.entries);
    const small = { ...spec, count: 300 };
    const early = generateServicePrincipals(small, context, at);
    const later = createGenerator(small, context).at(new Date(at.getTime() + 90 * DAY));
    const unshift = (value: unknown): string =>
      JSON.stringify(value).replace(
        /"(\d{4}-\d\d-\d\dT[\d:]+Z)"/g,
        (_, iso: string) => `"${new Date(Date.parse(iso) - 90 * DAY).toISOString().replace('.000Z', 'Z')}"`,
      );
    assert.equal(unshift(later), JSON.stringify(early), 'served 90 days later, every timestamp moved by 90 days');
    assert.deepEqual(
      generateServicePrincipals({ ...spec, count: 10 }, context, at).servicePrincipals,
      early.servicePrincipals.slice(0, 10),
      'item i does not depend on count',
    );
    assert.notDeepEqual(generateServicePrincipals({ ...small, seed: 'other' }, context, at).servicePrincipals, early.servicePrincipals);
    for (const sp of early.servicePrincipals) {
      assert.ok((sp.tags as string[]).includes(INTEGRATED));
      assert.match(sp.id as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('generator and certificate problems name the file and the key', () => {
    const org = { value: [{ id: '84841066-274d-4ec0-a5c1-276be684bdd3', displayName: 'Contoso' }] };
    const graph = {
      value: [
        {
          id: 'g',
          appId: '00000003-0000-0000-c000-000000000000',
          displayName: 'Microsoft Graph',
          appRoles: [{ id: 'df021288-bdef-4463-88db-98f22de89214', value: 'User.Read.All', allowedMemberTypes: ['Application'] }],
        },
      ],
    };
    const scenario = (generate: unknown, extra: Item = {}): string =>
      JSON.stringify({
        '@scenario': { name: 't', now: '2026-01-15T12:00:00Z', generate },
        organization: org,
        servicePrincipals: graph,
        ...extra,
      });
    const cases: Array<[string, RegExp]> = [
      [
        scenario({ servicePrincipals: { count: 0 } }),
        /^Scenario big\.json, key "@scenario\.generate\.servicePrincipals\.count": must be an integer between 1 and 200000, got 0$/,
      ],
      [
        scenario({ servicePrincipals: { count: 10, colour: 'red' } }),
        /key "@scenario\.generate\.servicePrincipals\.colour": is not an option/,
      ],
      [
        scenario({ servicePrincipals: { count: 10, ownedShare: 1.5 } }),
        /key "@scenario\.generate\.servicePrincipals\.ownedShare": must be a number between 0 and 1/,
      ],
      [scenario({ users: { count: 10 } }), /key "@scenario\.generate\.users": is not a generator/],
      [
        scenario({ servicePrincipals: { count: 10, tenantWideConsentShare: 0.7, userConsentShare: 0.7 } }),
        /key "@scenario\.generate\.servicePrincipals\.userConsentShare": tenantWideConsentShare \+ userConsentShare/,
      ],
      [
        scenario({ servicePrincipals: { count: 10, resourceAppId: '11111111-2222-3333-4444-555555555555' } }),
        /key "@scenario\.generate\.servicePrincipals\.resourceAppId": no service principal with appId 11111111/,
      ],
      [
        scenario({ servicePrincipals: { count: 10 } }),
        /key "@scenario\.generate\.servicePrincipals\.highPrivilegeShare": the resource "Microsoft Graph" defines no high-privilege application role/,
      ],
      [
        scenario(
          { servicePrincipals: { count: 10, highPrivilegeShare: 0 } },
          { applications: { '@status': 403, error: { code: 'x', message: 'y' } } },
        ),
        /key "applications": must be a collection/,
      ],
      [
        scenario(undefined, {
          'domains/contoso.com/federationConfiguration': {
            value: [
              {
                id: 'f',
                signingCertificate: { '@certificate': { subject: 'CN=x', notBefore: '2025-01-01T00:00:00Z', notAfter: 'next year' } },
              },
            ],
          },
        }),
        /^Scenario big\.json, key "domains\/contoso\.com\/federationConfiguration": @certificate at value\[0\]\.signingCertificate: "notAfter" must be an ISO 8601 date-time/,
      ],
      [
        scenario(undefined, {
          'domains/contoso.com/federationConfiguration': {
            value: [
              {
                signingCertificate: {
                  '@certificate': { subject: 'CN=x', notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z' },
                  kind: 'x',
                },
              },
            ],
          },
        }),
        /key "domains\/contoso\.com\/federationConfiguration": @certificate at value\[0\]\.signingCertificate: "@certificate" must be the only property/,
      ],
    ];
    for (const [text, expected] of cases) {
      assert.throws(
        () => parseScenario(text, 'big.json'),
        (error: Error) => error instanceof ScenarioError && expected.test(error.message),
        `expected ${expected}`,
      );
    }
    const fine = parseScenario(scenario({ servicePrincipals: { count: 5, highPrivilegeShare: 0, seed: 7 } }), 'small.json');
    const out = materialise(fine, new Date());
    assert.equal(values(out, 'servicePrincipals').length, 6);
    assert.equal(materialise(out, new Date()).entries.get('servicePrincipals') !== undefined, true);
    assert.equal(values(materialise(out, new Date()), 'servicePrincipals').length, 6, 'materialising again does not generate again');
  });
});
