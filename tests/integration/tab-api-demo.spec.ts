import assert from 'node:assert/strict';
import type { StatusResponse } from '../../contract/tab';
import { startTestApp, type TestApp } from '../support/app';

describe('tab API in demo mode: the local sign-in goes through the same validator', () => {
  let app: TestApp;
  let other: TestApp;
  before(async () => {
    app = await startTestApp();
    other = await startTestApp();
  });
  after(async () => {
    await app.stop();
    await other.stop();
  });

  it('an admin persona reads the dev tenant status in one round trip', async () => {
    const token = await app.signIn('admin');
    app.devTenant.resetStats();
    const response = await fetch(`${app.server.url}/api/tab/status`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as StatusResponse).organization, 'Contoso');
    assert.equal(app.devTenant.stats().requests, 2, 'the v1.0 $batch and the beta password-sync read, in parallel');
    const warm = await fetch(`${app.server.url}/api/tab/status`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(warm.status, 200);
    assert.equal(app.devTenant.stats().requests, 2, 'a warm load costs no Graph request');
  });

  it('a persona without an admin role is told why it sees nothing', async () => {
    const response = await fetch(`${app.server.url}/api/tab/status`, { headers: { authorization: `Bearer ${await app.signIn('user')}` } });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'role_required');
  });

  it("refuses another server's demo tokens (its own keys only)", async () => {
    const foreign = await other.signIn('admin');
    const response = await fetch(`${app.server.url}/api/tab/status`, { headers: { authorization: `Bearer ${foreign}` } });
    assert.equal(response.status, 401);
  });

  it('reports who is signed in', async () => {
    const me = await (
      await fetch(`${app.server.url}/api/tab/me`, { headers: { authorization: `Bearer ${await app.signIn('reader')}` } })
    ).json();
    assert.deepEqual(
      { roles: me.roles, canManage: me.canManageNotifications, mode: me.mode },
      { roles: ['Global Reader'], canManage: false, mode: 'demo' },
    );
  });
});
