import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TokenRequest } from '../../devtenant/tokens';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { V1_SYNC_FEATURES } from '../support/graph-v1-sync-features';
import { useDevTenant } from '../support/dev-tenant';

const USER = '00000000-0000-4000-8000-00000000ad02';
const globalAdmin: TokenRequest = { kind: 'user', userId: USER, roles: [ENTRA_ROLES.globalAdministrator.id] };
const hybridAdmin: TokenRequest = { kind: 'user', userId: USER, roles: [ENTRA_ROLES.hybridIdentityAdministrator.id] };

const SCENARIOS = fileURLToPath(new URL('../../devtenant/scenarios', import.meta.url));
const TENANT_ID = '84841066-274d-4ec0-a5c1-276be684bdd3';
const V1 = 'v1.0/directory/onPremisesSynchronization';
const BETA = 'beta/directory/onPremisesSynchronization';
type Body = Record<string, unknown> & { error?: { code: string; message: string }; value?: Array<Record<string, unknown>> };

/**
 * GET /{v1.0,beta}/directory/onPremisesSynchronization as its reference pages have it
 * (https://learn.microsoft.com/en-us/graph/api/onpremisesdirectorysynchronization-get, views
 * graph-rest-1.0 and graph-rest-beta): on both versions delegated OnPremDirectorySynchronization.Read.All
 * only, application permissions "Not supported", Global Administrator the only role supported, and
 * `$select` the only query option. Beta's configuration adds the client version and intervals to
 * v1.0's accidentalDeletionPrevention, and beta's features add one boolean to v1.0's 19.
 */
describe('dev tenant: the Entra Connect sync configuration (directory/onPremisesSynchronization, v1.0 and beta)', () => {
  const dev = useDevTenant('healthy-hybrid');

  const get = (path: string, query: string, as: TokenRequest) => dev.get<Body>(`${path}${query}`, as);
  const admin = globalAdmin;

  it('answers a Global Administrator on beta with the client version, the intervals and the 20 features', async () => {
    const { status, body } = await get(BETA, '', admin);
    assert.equal(status, 200);
    const [sync] = body.value!;
    assert.equal(sync.id, TENANT_ID);
    assert.deepEqual(sync.configuration, {
      synchronizationClientVersion: '2.5.79.0',
      synchronizationInterval: 'PT30M',
      customerRequestedSynchronizationInterval: null,
      accidentalDeletionPrevention: { synchronizationPreventionType: 'enabledForCount', alertThreshold: 500 },
    });
    const features = sync.features as Record<string, boolean>;
    assert.equal(Object.keys(features).length, 20, 'the 20 booleans of onPremisesDirectorySynchronizationFeature (beta)');
    assert.equal(features.allowOnPremUpdateOfOnPremisesObjectIdentifierEnabled, false);
  });

  it('answers on v1.0 too, with v1.0’s smaller types: deletion prevention only in the configuration, 19 features', async () => {
    const [v1, beta] = [await get(V1, '', admin), await get(BETA, '', admin)];
    assert.equal(v1.status, 200);
    const [sync] = v1.body.value!;
    assert.equal(sync.id, TENANT_ID);
    assert.deepEqual(sync.configuration, {
      accidentalDeletionPrevention: { synchronizationPreventionType: 'enabledForCount', alertThreshold: 500 },
    });
    const features = sync.features as Record<string, boolean>;
    assert.deepEqual(Object.keys(features).sort(), V1_SYNC_FEATURES);
    const betaFeatures = beta.body.value![0].features as Record<string, boolean>;
    for (const name of V1_SYNC_FEATURES) assert.equal(features[name], betaFeatures[name], `${name}: the same tenant on both versions`);
    const item = await get(`${V1}/${TENANT_ID}`, '', admin);
    assert.equal(item.status, 200);
    assert.deepEqual(item.body, sync, 'the item by id, as the reference page’s example reads it');
  });

  for (const path of [V1, BETA]) {
    describe(path.split('/')[0], () => {
      it('refuses an app-only token 403 Authorization_RequestDenied, whatever application permissions it holds', async () => {
        dev.tenant.setConsent({ application: ['Directory.Read.All', 'Organization.Read.All', 'OnPremDirectorySynchronization.Read.All'] });
        const { status, body } = await get(path, '', { kind: 'app' });
        assert.equal(status, 403);
        assert.equal(body.error?.code, 'Authorization_RequestDenied');
        assert.match(body.error!.message, /Application permissions are not supported/);
      });

      it('refuses a Global Administrator in a tenant that did not consent to the scope', async () => {
        dev.tenant.setConsent({ delegated: ['User.Read', 'Directory.Read.All', 'Organization.Read.All'] });
        const { status, body } = await get(path, '', globalAdmin);
        assert.equal(status, 403);
        assert.equal(body.error?.code, 'Authorization_RequestDenied');
      });

      it('refuses every other admin role, even Hybrid Identity Administrator with the scope', async () => {
        for (const role of ['hybridIdentityAdministrator', 'globalReader', 'securityReader'] as const) {
          const { status, body } = await get(path, '', { kind: 'user', userId: USER, roles: [ENTRA_ROLES[role].id] });
          assert.equal(status, 403, role);
          assert.equal(body.error?.code, 'Authorization_RequestDenied', role);
        }
        const both = { ...hybridAdmin, roles: [...hybridAdmin.roles!, ENTRA_ROLES.globalAdministrator.id] };
        assert.equal((await get(path, '', both)).status, 200);
      });

      it('supports $select (of id, configuration, features) and refuses the nested and unknown properties', async () => {
        const selected = await get(path, '?$select=features', admin);
        assert.equal(selected.status, 200);
        assert.deepEqual(Object.keys(selected.body.value![0]), ['features']);
        for (const property of ['synchronizationClientVersion', 'synchronizationInterval', 'passwordSyncEnabled']) {
          const { status, body } = await get(path, `?$select=id,${property}`, admin);
          assert.equal(status, 400, property);
          assert.equal(body.error?.code, 'BadRequest');
          assert.match(body.error!.message, new RegExp(`'${property}' on type 'microsoft.graph.onPremisesDirectorySynchronization'`));
        }
      });

      it('refuses every other query option 400 Request_UnsupportedQuery, naming it', async () => {
        for (const query of [
          "?$filter=id eq '1'",
          '?$top=1',
          '?$expand=features',
          '?$orderby=id',
          '?$count=true',
          '?$search="x"',
          '?$select=id&$skip=1',
        ]) {
          const { status, body } = await get(path, encodeURI(query), admin);
          assert.equal(status, 400, query);
          assert.equal(body.error?.code, 'Request_UnsupportedQuery', query);
          assert.match(body.error!.message, /only \$select is/, query);
        }
      });
    });
  }

  it('a tenant that never synced answers the documented shape on both versions: configuration null, every feature off', async () => {
    dev.tenant.useScenario('cloud-only');
    try {
      for (const [path, count] of [
        [V1, 19],
        [BETA, 20],
      ] as const) {
        const { status, body } = await get(path, '', admin);
        assert.equal(status, 200, path);
        const [sync] = body.value!;
        assert.equal(sync.configuration, null, path);
        assert.equal(Object.keys(sync.features as object).length, count, path);
        assert.ok(
          Object.values(sync.features as object).every((on) => on === false),
          path,
        );
      }
    } finally {
      dev.tenant.useScenario('healthy-hybrid');
    }
  });

  it('passes a refusal the scenario holds for the sync configuration to both versions', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sync-refused-'));
    const file = path.join(dir, 'sync-refused.json');
    const scenario = JSON.parse(readFileSync(path.join(SCENARIOS, 'healthy-hybrid.json'), 'utf8')) as Record<string, unknown>;
    scenario[BETA] = {
      '@status': 403,
      error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
    };
    writeFileSync(file, JSON.stringify(scenario));
    dev.tenant.useScenario(file);
    try {
      const [v1, beta] = [await get(V1, '', admin), await get(BETA, '', admin)];
      assert.equal(beta.status, 403);
      assert.deepEqual(v1, beta);
    } finally {
      dev.tenant.useScenario('healthy-hybrid');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
