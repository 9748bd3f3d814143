import assert from 'node:assert/strict';
import { startStub, type RunningStub } from '../fixtures/tab-api/stub';

/** The tab-API stub the browser tests use refuses what the real tab API refuses, with the same error codes. */
describe('tab API stub: as strict as the tab API', () => {
  let stub: RunningStub;
  before(async () => {
    stub = await startStub();
  });
  after(() => stub.close());

  const token = async (persona: string): Promise<string> => {
    const response = await fetch(`${stub.url}/api/tab/dev/token`, { method: 'POST', body: JSON.stringify({ persona }) });
    return ((await response.json()) as { token: string }).token;
  };

  it('answers 401 unauthenticated without a token and invalid_token for an unknown one', async () => {
    const none = await fetch(`${stub.url}/api/tab/status`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'unauthenticated');
    const unknown = await fetch(`${stub.url}/api/tab/status`, { headers: { authorization: 'Bearer forged' } });
    assert.equal(unknown.status, 401);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'invalid_token');
  });

  it('refuses a settings body the tab API would refuse, and keeps the settings it had', async () => {
    const admin = await token('admin');
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const before = await (await fetch(`${stub.url}/api/tab/settings`, { headers })).json();
    const bad = await fetch(`${stub.url}/api/tab/settings`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ subscriptions: [], thresholds: { syncWarningHours: -1 } }),
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'bad_request');
    assert.deepEqual(await (await fetch(`${stub.url}/api/tab/settings`, { headers })).json(), before);
  });
});
