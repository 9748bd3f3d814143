import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevTenant } from '../../devtenant/server';
import { SCENARIO_DIR } from '../../devtenant/scenario';
import type { TokenRequest } from '../../devtenant/tokens';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';
import { readSnapshot } from '../../identity/tenant/reader';
import { APP_ONLY } from '../../identity/tenant/snapshot';
import { createGraphPort } from '../../platform/graph/client';
import { useDevTenant } from '../support/dev-tenant';

const ADMIN = '00000000-0000-4000-8000-00000000ad01';
const globalAdmin: TokenRequest = { kind: 'user', userId: ADMIN, roles: [ENTRA_ROLES.globalAdministrator.id] };
const globalReader: TokenRequest = { kind: 'user', userId: ADMIN, roles: [ENTRA_ROLES.globalReader.id] };

/** The dev tenant answers each call by the permissions and roles Graph's reference gives it (docs/graph-permissions.md). */
describe('dev tenant: who may read what (the permission table)', () => {
  const dev = useDevTenant('healthy-hybrid');

  const { get } = dev;
  const codeOf = (body: Record<string, unknown>) => (body.error as { code: string } | undefined)?.code;

  it("refuses an app without the call's permission 403 Authorization_RequestDenied, and lets the same token read the rest", async () => {
    dev.tenant.setConsent({ application: ['Organization.Read.All'] });
    const domains = await get('v1.0/domains');
    assert.equal(domains.status, 403);
    assert.equal(codeOf(domains.body), 'Authorization_RequestDenied');
    assert.equal((await get('v1.0/organization?$select=id')).status, 200);
  });

  it('sync settings: no app-only access at all, a Global Administrator may, a Global Reader may not', async () => {
    const appOnly = await get('beta/directory/onPremisesSynchronization');
    assert.equal(appOnly.status, 403);
    assert.match((appOnly.body.error as { message: string }).message, /Application permissions are not supported/);
    assert.equal((await get('beta/directory/onPremisesSynchronization', globalAdmin)).status, 200);
    assert.equal((await get('beta/directory/onPremisesSynchronization', globalReader)).status, 403);
  });

  it("a signed-in user with only User.Read sees the organization's id, name and domains, every other property null", async () => {
    dev.tenant.setConsent({ delegated: ['User.Read'] });
    const basic = await get('v1.0/organization?$select=id,displayName,tenantType,onPremisesSyncEnabled', globalReader);
    assert.equal(basic.status, 200);
    const org = (basic.body.value as Array<Record<string, unknown>>)[0];
    assert.equal(org.displayName, 'Contoso');
    assert.equal(org.tenantType, null);
    assert.equal(org.onPremisesSyncEnabled, null);
  });

  it("federation settings need one of the page's roles besides Domain.Read.All", async () => {
    const noRole: TokenRequest = { kind: 'user', userId: ADMIN, roles: [] };
    assert.equal((await get('v1.0/domains', noRole)).status, 200, 'domains: no role documented');
    const federated = await startDevTenant({ scenario: 'federated-cert-expiring', port: 0 });
    try {
      const read = async (as: TokenRequest) =>
        (
          await fetch(`${federated.url}/v1.0/domains/contoso.com/federationConfiguration`, {
            headers: { authorization: `Bearer ${await federated.token(as).getToken()}` },
          })
        ).status;
      assert.equal(await read(noRole), 403);
      assert.equal(await read(globalReader), 200);
    } finally {
      await federated.close();
    }
  });

  it('refuses a call the table does not know, naming where to add it', async () => {
    const unknown = await get('v1.0/me/messages');
    assert.equal(unknown.status, 403);
    assert.match((unknown.body.error as { message: string }).message, /devtenant\/permissions\.ts/);
  });

  it('authorizes each request of a $batch on its own: a refused item does not fail its neighbours', async () => {
    dev.tenant.setConsent({ application: ['Domain.Read.All'] });
    const response = await fetch(`${dev.tenant.url}/v1.0/$batch`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await dev.tenant.token().getToken()}`,
      },
      body: JSON.stringify({
        requests: [
          { id: 'a', method: 'GET', url: '/domains' },
          { id: 'b', method: 'GET', url: '/subscribedSkus' },
        ],
      }),
    });
    assert.equal(response.status, 200);
    const { responses } = (await response.json()) as { responses: Array<{ id: string; status: number }> };
    assert.deepEqual(Object.fromEntries(responses.map((r) => [r.id, r.status])), { a: 200, b: 403 });
  });

  it('a tenant whose admin consented to less than the app asks: the reader says which section is not permitted and why', async () => {
    const scenario = JSON.parse(readFileSync(path.join(SCENARIO_DIR, 'healthy-hybrid.json'), 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    scenario['@scenario'].consent = {
      application: ['Organization.Read.All', 'User.Read.All', 'GroupMember.Read.All', 'ServiceHealth.Read.All', 'Application.Read.All'],
    };
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-consent-')), 'no-domains.json');
    writeFileSync(file, JSON.stringify(scenario));
    const narrowed = await startDevTenant({ scenario: file, port: 0 });
    try {
      const snapshot = await readSnapshot(createGraphPort({ endpoint: narrowed.url, token: narrowed.token() }), {
        now: new Date(),
        readAs: APP_ONLY,
      });
      assert.ok(
        snapshot.domains.status === 'unavailable' && /403 Authorization_RequestDenied.*Domain\.Read\.All/.test(snapshot.domains.reason),
      );
      assert.equal(snapshot.organization.status, 'ok');
    } finally {
      await narrowed.close();
    }
  });
});
