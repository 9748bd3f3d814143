import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphPort } from '../../platform/graph/client';

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
});
