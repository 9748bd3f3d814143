import assert from 'node:assert/strict';
import { answerGet, type GraphRequest } from '../../devtenant/graph';
import { parseScenario } from '../../devtenant/scenario';

const items = Array.from({ length: 250 }, (_, i) => ({ id: `sp-${i}`, displayName: `App ${i}`, accountEnabled: i % 2 === 0, tags: [] }));
const scenario = parseScenario(
  JSON.stringify({
    '@scenario': { name: 't', now: '2026-01-15T12:00:00Z' },
    servicePrincipals: { value: items },
    users: {
      value: [
        {
          id: 'u1',
          onPremisesSyncEnabled: true,
          onPremisesProvisioningErrors: [{ category: 'PropertyConflict', propertyCausingError: 'ProxyAddress' }],
        },
        { id: 'u2', onPremisesSyncEnabled: true, onPremisesProvisioningErrors: [] },
        { id: 'u3', onPremisesSyncEnabled: null, onPremisesProvisioningErrors: [] },
      ],
    },
    'beta/directory/onPremisesSynchronization': {
      '@status': 403,
      error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' },
    },
  }),
  't.json',
);

const get = (path: string, headers: Record<string, string> = {}): ReturnType<typeof answerGet> => {
  const url = new URL(path, 'http://devtenant/');
  const request: GraphRequest = { path: url.pathname.slice(1), query: url.searchParams, headers, origin: 'http://devtenant' };
  return answerGet(scenario, request);
};

describe('dev tenant answers like Graph', () => {
  it('pages collections with $top and @odata.nextLink until the end', () => {
    let next: string | undefined = 'servicePrincipals?$top=100&$select=id';
    const seen: string[] = [];
    while (next) {
      const response = get(next.replace('http://devtenant/v1.0/', ''));
      assert.equal(response.status, 200);
      const body = response.body as { value: Array<{ id: string }>; '@odata.nextLink'?: string };
      seen.push(...body.value.map((v) => v.id));
      next = body['@odata.nextLink'];
    }
    assert.equal(seen.length, 250);
    assert.equal(new Set(seen).size, 250);
  });

  it('uses the default page size of 100 and refuses $top over 999', () => {
    assert.equal((get('servicePrincipals').body as { value: unknown[] }).value.length, 100);
    assert.equal(get('servicePrincipals?$top=1000').status, 400);
  });

  it('returns only the $select fields', () => {
    const body = get('servicePrincipals?$select=id,displayName&$top=1').body as { value: object[] };
    assert.deepEqual(body.value[0], { id: 'sp-0', displayName: 'App 0' });
  });

  it("reads one item of a collection by id, and 404s an unknown one with Graph's error body", () => {
    assert.equal((get('servicePrincipals/sp-7').body as { displayName: string }).displayName, 'App 7');
    const missing = get('servicePrincipals/nope');
    assert.equal(missing.status, 404);
    assert.equal((missing.body as { error: { code: string } }).error.code, 'Request_ResourceNotFound');
  });

  it('serves an error entry with its status and code', () => {
    const response = get('beta/directory/onPremisesSynchronization');
    assert.equal(response.status, 403);
    assert.deepEqual(response.body, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } });
  });

  it('filters with eq and any(), and counts only with ConsistencyLevel: eventual', () => {
    const errors = get("users?$filter=onPremisesProvisioningErrors/any(o:o/category eq 'PropertyConflict')&$count=true", {
      consistencylevel: 'eventual',
    });
    assert.deepEqual(errors.body, {
      '@odata.count': 1,
      value: [scenario.entries.get('users') && (scenario.entries.get('users') as { value: object[] }).value[0]],
    });
    assert.equal(get('users/$count?$filter=onPremisesSyncEnabled eq true', { consistencylevel: 'eventual' }).body, '2');
    const withoutHeader = get('users/$count');
    assert.equal(withoutHeader.status, 400);
    assert.equal((withoutHeader.body as { error: { code: string } }).error.code, 'Request_BadRequest');
  });

  it('answers a filter it does not understand with 400, never with everything', () => {
    const response = get("users?$filter=startswith(displayName,'A')");
    assert.equal(response.status, 400);
    assert.equal((response.body as { error: { code: string } }).error.code, 'Request_UnsupportedQuery');
  });
});

describe('dev tenant: the lookups the integrated-apps reader uses', () => {
  const apps = parseScenario(
    JSON.stringify({
      '@scenario': { name: 't', now: '2026-01-15T12:00:00Z' },
      servicePrincipals: {
        value: [
          { id: 'graph-sp', appId: '00000003-0000-0000-c000-000000000000', tags: [] },
          { id: 'app-1', appId: 'a1', tags: ['WindowsAzureActiveDirectoryIntegratedApp'] },
        ],
      },
      'servicePrincipals/app-1/appRoleAssignments': { value: [{ id: 'x', principalId: 'app-1', resourceId: 'graph-sp', appRoleId: 'r' }] },
    }),
    'apps.json',
  );
  const getApps = (path: string) => {
    const url = new URL(path, 'http://devtenant/');
    return answerGet(apps, {
      path: decodeURIComponent(url.pathname.slice(1)),
      query: url.searchParams,
      headers: {},
      origin: 'http://devtenant',
    });
  };

  it("filters a string collection with tags/any(t:t eq '…')", () => {
    const body = getApps("servicePrincipals?$filter=tags/any(t:t eq 'WindowsAzureActiveDirectoryIntegratedApp')").body as {
      value: Array<{ id: string }>;
    };
    assert.deepEqual(
      body.value.map((v) => v.id),
      ['app-1'],
    );
  });

  it("finds a service principal by alternate key appId='…'", () => {
    assert.equal((getApps("servicePrincipals(appId='00000003-0000-0000-c000-000000000000')").body as { id: string }).id, 'graph-sp');
  });

  it("derives appRoleAssignedTo on a resource from the apps' appRoleAssignments", () => {
    const body = getApps('servicePrincipals/graph-sp/appRoleAssignedTo').body as { value: Array<{ principalId: string }> };
    assert.deepEqual(
      body.value.map((v) => v.principalId),
      ['app-1'],
    );
  });
});
