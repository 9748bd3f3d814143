import assert from 'node:assert/strict';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';

describe('dev tenant over HTTP', () => {
  let tenant: RunningDevTenant;
  let auth: Record<string, string>;
  before(async () => {
    tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    auth = { authorization: `Bearer ${await tenant.token().getToken()}` };
  });
  after(() => tenant.close());
  beforeEach(() => tenant.resetStats());

  it('keeps "last sync 19 minutes ago" true whenever it is served', async () => {
    const body = (await (await fetch(`${tenant.url}/v1.0/organization?$select=onPremisesLastSyncDateTime`, { headers: auth })).json()) as {
      value: Array<{ onPremisesLastSyncDateTime: string }>;
    };
    const minutesAgo = (Date.now() - Date.parse(body.value[0].onPremisesLastSyncDateTime)) / 60_000;
    assert.ok(minutesAgo > 18.5 && minutesAgo < 19.5, `${minutesAgo} minutes`);
  });

  it('answers a JSON $batch in one round trip', async () => {
    const response = await fetch(`${tenant.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({
        requests: [
          { id: '1', method: 'GET', url: '/organization?$select=displayName' },
          { id: '2', method: 'GET', url: '/domains' },
          { id: '3', method: 'GET', url: '/domains/contoso.com/federationConfiguration' },
        ],
      }),
    });
    const body = (await response.json()) as { responses: Array<{ id: string; status: number }> };
    // Graph answers in its own order: compare by id.
    assert.deepEqual(
      body.responses.map((r) => [r.id, r.status]).sort(([a], [b]) => String(a).localeCompare(String(b))),
      [
        ['1', 200],
        ['2', 200],
        ['3', 404],
      ],
    );
    assert.deepEqual(tenant.stats(), { scenario: 'healthy-hybrid', requests: 1, operations: 3, throttled: 0 });
  });

  it('refuses a batch of more than 20 requests', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/organization' }));
    const response = await fetch(`${tenant.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ requests }),
    });
    assert.equal(response.status, 400);
  });

  it('throttles a share of calls with 429 and Retry-After when told to', async () => {
    const throttled = await startDevTenant({ scenario: 'healthy-hybrid', port: 0, faults: { throttleShare: 0.5, retryAfterSeconds: 2 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${throttled.url}/v1.0/organization`, {
          headers: { authorization: `Bearer ${await throttled.token().getToken()}` },
        });
        statuses.push([response.status, response.headers.get('retry-after')]);
      }
      assert.deepEqual(statuses, [
        [200, null],
        [429, '2'],
        [200, null],
        [429, '2'],
      ]);
    } finally {
      await throttled.close();
    }
  });

  it('switches scenario at runtime and rejects a bad one with the reason', async () => {
    const bad = await fetch(`${tenant.url}/_devtenant/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'nope' }),
    });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /not found/);
    const good = await fetch(`${tenant.url}/_devtenant/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'healthy-hybrid' }),
    });
    assert.equal(good.status, 200);
  });
});
