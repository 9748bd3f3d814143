import assert from 'node:assert/strict';
import { DEMO_TENANT_ID } from '../../tab/api';
import { startTestApp, type TestApp } from '../support/app';

describe("POST /api/notify accepts an admin SSO token for the admin's own tenant", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.stop());

  const token = (persona: 'admin' | 'reader') => app.signIn(persona);
  const notify = (auth: string | undefined, body: unknown) =>
    fetch(`${app.server.url}/api/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    });

  it("runs the check for the admin's tenant", async () => {
    const response = await notify(`Bearer ${await token('admin')}`, { action: 'check' });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { results: Array<{ tenantId?: string }> };
    assert.equal(body.results.length, 1);
  });

  it('refuses another tenant, a non-admin, a forged token and no token', async () => {
    assert.equal(
      (await notify(`Bearer ${await token('admin')}`, { action: 'check', tenantId: 'ffffffff-ffff-4fff-8fff-ffffffffffff' })).status,
      403,
    );
    assert.equal((await notify(`Bearer ${await token('reader')}`, { action: 'check', tenantId: DEMO_TENANT_ID })).status, 403);
    assert.equal((await notify('Bearer eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ4In0.c2ln', { action: 'check' })).status, 401);
    assert.equal((await notify(undefined, { action: 'check' })).status, 401);
  });
});
