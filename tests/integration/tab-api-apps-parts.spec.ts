import assert from 'node:assert/strict';
import type { AppsResponse } from '../../contract/tab';
import { startTestApp, type TestApp } from '../support/app';

describe('tab API integrated apps when Graph refuses one part of the apps reading', () => {
  let app: TestApp;
  before(async () => (app = await startTestApp({ DEV_TENANT_SCENARIO: 'apps-without-grants-permission' })));
  after(() => app.stop());

  it('lists the apps and marks delegated grants "not checked, because …"', async () => {
    const token = await app.signIn();
    const response = await fetch(`${app.server.url}/api/tab/apps?limit=200`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as AppsResponse;
    assert.ok(body.items.some((row) => row.displayName === 'Contoso Mail Archiver' && row.highPrivilege));
    assert.deepEqual(
      body.partial.map((p) => p.section),
      ['delegatedGrants'],
    );
    assert.match(
      body.partial[0].reason,
      /^not checked, because not permitted \(403 Authorization_RequestDenied\): needs Directory\.Read\.All/,
    );
  });
});
