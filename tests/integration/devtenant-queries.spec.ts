import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { SCENARIO_DIR } from '../../devtenant/scenario';
import { ENTRA_ROLES, GraphRoleChecker } from '../../identity/tenant/admin-roles';
import { createGraphPort } from '../../platform/graph/client';

const USER = '6e7b768e-07e2-4810-8459-485f84f8f204';

/** healthy-hybrid plus one user's memberships: a group and the Hybrid Identity Administrator role. */
function scenarioWithMemberships(): string {
  const scenario = JSON.parse(readFileSync(path.join(SCENARIO_DIR, 'healthy-hybrid.json'), 'utf8')) as Record<string, unknown>;
  scenario[`users/${USER}/transitiveMemberOf`] = {
    value: [
      { '@odata.type': '#microsoft.graph.group', id: '2bd4a3a2-0b3c-4a5e-9f39-1f5f4c3f2a11', displayName: 'Helpdesk' },
      {
        '@odata.type': '#microsoft.graph.directoryRole',
        id: 'e6a2bd46-5b5d-4e0f-a3a4-4f8fd5d4f6c1',
        displayName: 'Hybrid Identity Administrator',
        roleTemplateId: ENTRA_ROLES.hybridIdentityAdministrator.id,
      },
    ],
  };
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-roles-')), 'memberships.json');
  writeFileSync(file, JSON.stringify(scenario));
  return file;
}

describe('dev tenant: the query rules Graph applies (advanced queries, $select per version, paging, $batch)', () => {
  let tenant: RunningDevTenant;
  let auth: Record<string, string>;
  before(async () => {
    tenant = await startDevTenant({ scenario: scenarioWithMemberships(), port: 0 });
    auth = { authorization: `Bearer ${await tenant.token().getToken()}` };
  });
  after(() => tenant.close());

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url.startsWith('http') ? url : `${tenant.url}/${url}`, { headers: { ...auth, ...headers } });
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      body: (type.includes('json') ? await response.json() : await response.text()) as Record<string, unknown>,
    };
  };
  const code = (body: Record<string, unknown>) => (body.error as { code?: string } | undefined)?.code;
  const EVENTUAL = { ConsistencyLevel: 'eventual' };

  it('an OData cast on transitiveMemberOf needs ConsistencyLevel: eventual and $count=true, or 400 Request_UnsupportedQuery', async () => {
    const cast = `v1.0/users/${USER}/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId,displayName`;
    const bare = await get(cast);
    assert.equal(bare.status, 400);
    assert.equal(code(bare.body), 'Request_UnsupportedQuery');
    assert.equal((await get(cast, EVENTUAL)).status, 400, 'the header alone is not enough');
    assert.equal((await get(`${cast}&$count=true`)).status, 400, '$count alone is not enough');
    const both = await get(`${cast}&$count=true`, EVENTUAL);
    assert.equal(both.status, 200);
    assert.deepEqual(both.body.value, [
      {
        '@odata.type': '#microsoft.graph.directoryRole',
        roleTemplateId: ENTRA_ROLES.hybridIdentityAdministrator.id,
        displayName: 'Hybrid Identity Administrator',
      },
    ]);
  });

  it('$search and the advanced-only filters (ne, not, endsWith, eq null) need both too', async () => {
    for (const query of ['$search="displayName:Adele"', "$filter=userType ne 'Guest'", '$filter=onPremisesSyncEnabled eq null']) {
      const answer = await get(`v1.0/users?${query}`);
      assert.equal(answer.status, 400, query);
      assert.equal(code(answer.body), 'Request_UnsupportedQuery', query);
    }
    assert.equal((await get('v1.0/users?$filter=onPremisesSyncEnabled eq true')).status, 200, 'a default filter needs neither');
  });

  it('refuses a $select of a property the version lacks: onPremisesLastPasswordSyncDateTime is beta-only', async () => {
    const v1 = await get('v1.0/organization?$select=id,onPremisesLastPasswordSyncDateTime');
    assert.equal(v1.status, 400);
    assert.match(JSON.stringify(v1.body), /onPremisesLastPasswordSyncDateTime/);
    assert.equal((await get('beta/organization?$select=id,onPremisesLastPasswordSyncDateTime')).status, 200);
    assert.equal((await get('v1.0/servicePrincipals?$select=id,publisherName')).status, 400, 'publisherName: beta model only');
  });

  it("pages by the collection's default; a nextLink works as given and refuses any edit to it", async () => {
    const first = await get('v1.0/users?$top=1&$select=id');
    const next = String(first.body['@odata.nextLink']);
    assert.ok(new URL(next).searchParams.has('$skiptoken'), next);
    assert.equal((await get(next)).status, 200);
    assert.equal((await get(next.replace('%24top=1', '%24top=2'))).status, 400, 'the query around the token changed');
    const token = new URL(next).searchParams.get('$skiptoken')!;
    const forged = new URL(next);
    forged.searchParams.set('$skiptoken', `${Buffer.from('{"o":0,"q":"x"}').toString('base64url')}.${token.split('.')[1]}`);
    assert.equal((await get(forged.toString())).status, 400, 'a token it did not sign');
  });

  it("an advanced query's nextLink keeps $count=true and still needs the header resent (Graph does not carry it)", async () => {
    const first = await get(
      "v1.0/users?$filter=onPremisesProvisioningErrors/any(o:o/category eq 'PropertyConflict')&$count=true&$top=1",
      EVENTUAL,
    );
    assert.equal(first.status, 200);
    const next = first.body['@odata.nextLink'];
    if (typeof next === 'string') {
      assert.ok(new URL(next).searchParams.get('$count') === 'true');
      assert.equal((await get(next, EVENTUAL)).status, 200);
    }
  });

  it('$batch: duplicate ids fail the whole batch; answers come in another order than asked, and the client matches them by id', async () => {
    const duplicate = await fetch(`${tenant.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({
        requests: [
          { id: '1', method: 'GET', url: '/domains' },
          { id: '1', method: 'GET', url: '/organization' },
        ],
      }),
    });
    assert.equal(duplicate.status, 400);
    const raw = await fetch(`${tenant.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({
        requests: [
          { id: 'a', method: 'GET', url: '/domains' },
          { id: 'b', method: 'GET', url: '/organization' },
        ],
      }),
    });
    const { responses } = (await raw.json()) as { responses: Array<{ id: string }> };
    assert.deepEqual(
      responses.map((r) => r.id),
      ['b', 'a'],
    );
    const port = createGraphPort({ endpoint: tenant.url, token: tenant.token() });
    const [domains, organization] = await port.batch([{ url: 'domains' }, { url: 'organization?$select=displayName' }]);
    assert.equal((domains.body as { value: Array<{ id: string }> }).value[0].id, 'contoso.com');
    assert.equal((organization.body as { value: Array<{ displayName: string }> }).value[0].displayName, 'Contoso');
  });

  it('$count inside a $batch comes base64-encoded (a non-JSON body); the client hands the reader the number', async () => {
    const raw = await fetch(`${tenant.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({
        requests: [{ id: '1', method: 'GET', url: '/users/$count?$filter=onPremisesSyncEnabled eq true', headers: EVENTUAL }],
      }),
    });
    const { responses } = (await raw.json()) as { responses: Array<{ body: string }> };
    assert.equal(Buffer.from(responses[0].body, 'base64').toString(), '3');
    const port = createGraphPort({ endpoint: tenant.url, token: tenant.token() });
    const [count] = await port.batch([{ url: 'users/$count?$filter=onPremisesSyncEnabled eq true', headers: EVENTUAL }]);
    assert.equal(count.body, '3');
  });

  it("the bot's role check reads the user's directory roles from a strict tenant; with User.Read.All alone the role has no template id and nobody is let in", async () => {
    const checker = () => new GraphRoleChecker(() => createGraphPort({ endpoint: tenant.url, token: tenant.token() }));
    assert.deepEqual(await checker().canManage('t', { id: '29:x', aadObjectId: USER }), {
      allowed: true,
      reason: 'Hybrid Identity Administrator',
    });
    tenant.setConsent({ application: ['User.Read.All'] });
    try {
      const limited = await checker().canManage('t', { id: '29:x', aadObjectId: USER });
      assert.equal(limited.allowed, false);
      assert.match(limited.reason, /RoleManagement\.Read\.Directory/);
    } finally {
      tenant.setConsent(undefined);
    }
  });
});
