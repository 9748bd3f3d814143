import assert from 'node:assert/strict';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';

/** The dev tenant, like Microsoft Graph, answers only a caller with a token it can read. */
describe('dev tenant: bearer tokens it issues and reads', () => {
  let tenant: RunningDevTenant;
  before(async () => {
    tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
  });
  after(() => tenant.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${tenant.url}${path}`, { headers });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

  it('answers a request without a token 401 InvalidAuthenticationToken, "Access token is empty.", as Graph does', async () => {
    const response = await get('/v1.0/organization');
    assert.equal(response.status, 401);
    assert.deepEqual(await errorOf(response), { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    const batch = await fetch(`${tenant.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/organization' }] }),
    });
    assert.equal(batch.status, 401, 'a $batch without a token is refused as a whole');
  });

  it('refuses a token it did not sign, a made-up string, and an expired one', async () => {
    const other = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    try {
      const foreign = await other.token().getToken();
      for (const token of [foreign, 'dev-tenant-token']) {
        const response = await get('/v1.0/organization', { authorization: `Bearer ${token}` });
        assert.equal(response.status, 401);
        assert.equal((await errorOf(response)).code, 'InvalidAuthenticationToken');
      }
      const expired = await tenant.token({ kind: 'app', lifetimeSeconds: -60 }).getToken();
      const response = await get('/v1.0/organization', { authorization: `Bearer ${expired}` });
      assert.equal(response.status, 401);
      assert.match((await errorOf(response)).message, /expired/);
    } finally {
      await other.close();
    }
  });
});
