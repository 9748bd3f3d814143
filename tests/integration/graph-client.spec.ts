import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDevTenant } from '../../devtenant/server';
import { createGraphPort, itemBody } from '../../platform/graph/client';

/** A loopback Graph look-alike that records each request's Authorization header and answers from a script. */
async function recordingGraph(answer: (url: string) => { status: number; headers?: Record<string, string>; body: unknown }) {
  const seen: Array<{ url: string; authorization: string | undefined }> = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    const reply = answer(req.url ?? '');
    res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('Graph client: what it sends to a Graph endpoint', () => {
  it('sends the bearer token to a custom Graph host with a port, on a GET, a $batch and a followed nextLink', async () => {
    const graph = await recordingGraph((url) =>
      url.includes('$batch')
        ? { status: 200, body: { responses: [{ id: '1', status: 200, body: { value: [] } }] } }
        : url.includes('page=2')
          ? { status: 200, body: { value: [] } }
          : { status: 200, body: { value: [], '@odata.nextLink': `${graphUrl}/v1.0/domains?page=2` } },
    );
    const graphUrl = graph.url;
    try {
      const port = createGraphPort({ endpoint: graph.url, token: { getToken: async () => 'the-token' } });
      const first = await port.get({ url: 'domains' });
      await port.get({ url: String((first.body as Record<string, unknown>)['@odata.nextLink']) });
      await port.batch([{ url: 'organization' }]);
      assert.deepEqual(
        graph.seen.map((r) => r.authorization),
        ['Bearer the-token', 'Bearer the-token', 'Bearer the-token'],
        JSON.stringify(graph.seen),
      );
    } finally {
      await graph.close();
    }
  });

  it('honours the Retry-After Graph asks for on a throttled $batch item, also beyond 30 s (it used to cap at 30)', async () => {
    const tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0, faults: { throttleShare: 0.5, retryAfterSeconds: 45 } });
    try {
      const slept: number[] = [];
      const port = createGraphPort({
        endpoint: tenant.url,
        token: tenant.token(),
        sleep: async (ms) => void slept.push(ms),
        retryBudgetMs: 120_000,
      });
      const replies = await port.batch([{ url: 'domains' }, { url: 'organization?$select=id' }]);
      assert.deepEqual(
        replies.map((r) => r.status),
        [200, 200],
      );
      assert.deepEqual(slept, [45_000]);
    } finally {
      await tenant.close();
    }
  });

  it("when Graph asks for a longer wait than the call's budget, answers its 429 marked with that Retry-After instead of waiting", async () => {
    const tenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0, faults: { throttleShare: 0.5, retryAfterSeconds: 120 } });
    try {
      const slept: number[] = [];
      const port = createGraphPort({ endpoint: tenant.url, token: tenant.token(), sleep: async (ms) => void slept.push(ms) });
      const [domains, organization] = await port.batch([{ url: 'domains' }, { url: 'organization?$select=id' }]);
      assert.equal(domains.status, 200);
      assert.deepEqual(
        { status: organization.status, retryAfterSeconds: organization.retryAfterSeconds },
        { status: 429, retryAfterSeconds: 120 },
      );
      assert.deepEqual(slept, [], 'the default budget (60 s) cannot cover 120 s');
    } finally {
      await tenant.close();
    }
  });

  it('retries a throttled request after its Retry-After', async () => {
    let calls = 0;
    const graph = await recordingGraph(() =>
      ++calls === 1
        ? { status: 429, headers: { 'retry-after': '7' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } }
        : { status: 200, body: { value: [] } },
    );
    try {
      const slept: number[] = [];
      const port = createGraphPort({ endpoint: graph.url, token: { getToken: async () => 't' }, sleep: async (ms) => void slept.push(ms) });
      assert.equal((await port.get({ url: 'domains' })).status, 200);
      assert.deepEqual(slept, [7_000]);
    } finally {
      await graph.close();
    }
  });

  it('reads a $count inside a $batch whether Graph sends it as a number, as text or base64-encoded', () => {
    const text = { 'content-type': 'text/plain' };
    assert.equal(itemBody({ body: 3, headers: text }), 3);
    assert.equal(itemBody({ body: '3', headers: text }), '3');
    assert.equal(itemBody({ body: '1234', headers: text }), '1234', 'a number that happens to be valid base64 stays a number');
    assert.equal(itemBody({ body: Buffer.from('20000').toString('base64'), headers: text }), '20000');
    assert.deepEqual(itemBody({ body: { value: [] }, headers: { 'Content-Type': 'application/json' } }), { value: [] });
  });
});
