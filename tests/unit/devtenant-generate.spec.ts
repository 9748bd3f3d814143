import assert from 'node:assert/strict';
import { createGenerator, generateServicePrincipals, resolveGenerationContext } from '../../devtenant/generate';
import { materialise } from '../../devtenant/materialise';
import { loadScenario, parseScenario, ScenarioError, type Scenario } from '../../devtenant/scenario';
import { DAY, everyPage, get, INTEGRATED, values, type Item } from '../support/served-scenario';

/** The "@scenario".generate block: the large scenario it expands, its determinism, and its problems. */
describe('dev tenant generated apps', () => {
  const served = new Map<string, Scenario>();
  before(function () {
    this.timeout(60_000);
    served.set('large', materialise(loadScenario('large'), new Date()));
  });

  it('large: 20,000 generated integrated apps, paged at 999 with @odata.nextLink (100 by default)', () => {
    const s = served.get('large')!;
    const handWritten = values(loadScenario('large'), 'servicePrincipals').length;
    const { items, pages } = everyPage(s, `servicePrincipals?$select=id,appId,displayName,tags&$top=999`);
    assert.equal(items.length, 20_000 + handWritten);
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

  it('large: apps created by consent lack the integrated-app tag, as Graph creates them', () => {
    const s = served.get('large')!;
    const tenantId = values(s, 'organization')[0].id;
    const consented = new Set(values(s, 'oauth2PermissionGrants').map((g) => g.clientId));
    const generated = values(s, 'servicePrincipals').slice(-20_000);
    const untagged = generated.filter((sp) => !(sp.tags as string[]).includes(INTEGRATED));
    assert.ok(untagged.length > 1_000, `${untagged.length} untagged`);
    for (const sp of untagged) {
      assert.ok(consented.has(sp.id), `${String(sp.displayName)} was created by a consent grant`);
      assert.notEqual(sp.appOwnerOrganizationId, tenantId, 'a third-party app');
    }
  });

  it('large: a gallery SAML app holds its signing certificate as Entra stores it, with 7-digit times', () => {
    const s = served.get('large')!;
    const saml = values(s, 'servicePrincipals')
      .slice(-20_000)
      .filter((sp) => (sp.keyCredentials as Item[]).length > 0);
    assert.ok(saml.length > 100);
    for (const sp of saml.slice(0, 50)) {
      const keys = sp.keyCredentials as Item[];
      const passwords = sp.passwordCredentials as Item[];
      assert.deepEqual(
        keys.map((k) => k.usage),
        ['Sign', 'Verify'],
      );
      assert.equal(passwords.length, 1);
      assert.equal(new Set([...keys, ...passwords].map((c) => c.customKeyIdentifier)).size, 1, 'one customKeyIdentifier');
      assert.equal(passwords[0].keyId, keys[0].keyId, 'the PFX password and the private key share a keyId');
      assert.match(keys[0].endDateTime as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    }
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
        /"(\d{4}-\d\d-\d\dT[\d:]+)(\.\d{7})?Z"/g,
        (_, iso: string, fraction?: string) =>
          `"${new Date(Date.parse(`${iso}Z`) - 90 * DAY).toISOString().replace('.000Z', '')}${fraction ?? ''}Z"`,
      );
    assert.equal(unshift(later), JSON.stringify(early), 'served 90 days later, every timestamp moved by 90 days');
    assert.deepEqual(
      generateServicePrincipals({ ...spec, count: 10 }, context, at).servicePrincipals,
      early.servicePrincipals.slice(0, 10),
      'item i does not depend on count',
    );
    assert.notDeepEqual(generateServicePrincipals({ ...small, seed: 'other' }, context, at).servicePrincipals, early.servicePrincipals);
    for (const sp of early.servicePrincipals) {
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
