import assert from 'node:assert/strict';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { messageActivity } from '../support/activities';
import { useAppWithConnector } from '../support/app';
import { startChildServer, type ChildServer } from '../support/child-server';

const DEAD = 'http://127.0.0.1:9';
const BOMB_MB = 64;
/** Well above what one request may cost (a 256 KB body, parsed), well below what inflating a bomb costs. */
const MAX_GROWTH_MB = 32;

/** JSON that inflates to BOMB_MB: what a 200-ish KB request may expand to when the server inflates it. */
function bombJson(): Buffer {
  return Buffer.concat([Buffer.from('{"type":"message","pad":"'), Buffer.alloc(BOMB_MB * 1024 * 1024, 'a'), Buffer.from('"}')]);
}

function multipart(sizeMb: number): { body: Buffer; type: string } {
  const boundary = '----spec-boundary-7MA4YWxkTrZu0gW';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), Buffer.alloc(sizeMb * 1024 * 1024, 'x'), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * Before any token is checked, the server reads request bodies: in production mode anyone on the
 * internet can send one. It takes JSON where a route takes JSON and nothing elsewhere, counts the
 * bytes after decoding, and never writes a file. The server runs in a child process with its own
 * temporary directory, so its memory and that directory are what these specs look at.
 */
describe('security: request bodies before authentication (production mode, server in a child process)', () => {
  let server: ChildServer;
  before(async function () {
    this.timeout(60_000);
    server = await startChildServer({
      BOT_ID: 'spec-bot',
      BOT_PASSWORD: 'spec-password',
      BOT_TENANT_ID: 'spec-tenant',
      BOT_OPENID_METADATA: `${DEAD}/openid`,
      BOT_TOKEN_ENDPOINT: `${DEAD}/token`,
      AAD_APP_CLIENT_ID: 'spec-client',
      AAD_APP_OAUTH_AUTHORITY_HOST: DEAD,
      GRAPH_ENDPOINT: DEAD,
    });
  });
  after(() => server?.stop());

  const post = (path: string, body: BodyInit | Buffer, headers: Record<string, string>): Promise<Response> =>
    fetch(`${server.url}${path}`, { method: 'POST', headers, body: body as BodyInit });

  it('refuses multipart uploads on every route with 415, and writes no file', async () => {
    const { body, type } = multipart(5);
    for (const [method, path] of [
      ['POST', '/api/messages'],
      ['POST', '/api/notify'],
      ['PUT', '/api/tab/settings'],
    ]) {
      const response = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': type }, body: body as BodyInit });
      assert.equal(response.status, 415, `${method} ${path}: ${await response.text()}`);
    }
    const burst = await Promise.all(Array.from({ length: 4 }, () => post('/api/messages', body, { 'content-type': type })));
    assert.deepEqual(
      burst.map((r) => r.status),
      [415, 415, 415, 415],
    );
    assert.deepEqual(server.tmpFiles(), [], 'no file in the temporary directory');
  });

  const bombs: Array<[string, () => Buffer]> = [
    ['gzip', () => gzipSync(bombJson(), { level: 9 })],
    ['deflate', () => deflateSync(bombJson(), { level: 9 })],
    ['br', () => brotliCompressSync(bombJson(), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })],
  ];
  for (const [encoding, compress] of bombs) {
    it(`stops a ${encoding} bomb (inflating to ${BOMB_MB} MB) at the decoded limit with 413, four at once, memory bounded`, async () => {
      const compressed = compress();
      assert.ok(compressed.length < 1024 * 1024, `the bomb is small on the wire (${compressed.length} bytes)`);
      const before = await server.memory();
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          post('/api/messages', compressed, { 'content-type': 'application/json', 'content-encoding': encoding }),
        ),
      );
      assert.deepEqual(
        answers.map((r) => r.status),
        [413, 413, 413, 413],
      );
      const after = await server.memory();
      assert.ok(after.rssMb - before.rssMb < MAX_GROWTH_MB, `RSS grew from ${before.rssMb} to ${after.rssMb} MB`);
      assert.ok(after.peakRssMb - before.peakRssMb < MAX_GROWTH_MB, `peak RSS rose from ${before.peakRssMb} to ${after.peakRssMb} MB`);
    });
  }

  it('refuses an unknown or stacked content-encoding with 415', async () => {
    const json = JSON.stringify({ type: 'message' });
    for (const encoding of ['compress', 'zstd', 'gzip, gzip', 'x-unknown']) {
      const response = await post('/api/messages', json, { 'content-type': 'application/json', 'content-encoding': encoding });
      assert.equal(response.status, 415, encoding);
    }
  });

  it('answers a truncated gzip body with 400, and stays up', async () => {
    const truncated = gzipSync(JSON.stringify({ type: 'message' })).subarray(0, 12);
    const response = await post('/api/messages', truncated, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    assert.equal(response.status, 400);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the server still answers');
  });

  it('takes no body where a route takes none: a GET with a body is 415', async () => {
    const response = await new Promise<number>((resolve, reject) => {
      // fetch refuses a GET with a body; a raw request is what an attacker would send.
      import('node:http')
        .then(({ request }) => {
          const req = request(
            `${server.url}/healthz`,
            { method: 'GET', headers: { 'content-type': 'application/json', 'content-length': '7' } },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end('{"a":1}');
        })
        .catch(reject);
    });
    assert.equal(response, 415);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'a plain GET still answers');
  });
});

describe('security: demo mode takes only JSON on /api/messages', () => {
  const ctx = useAppWithConnector();
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));

  it('refuses a form-encoded activity (what a hidden form on any web page can send) with 415, and the bot says nothing', async () => {
    const form = new URLSearchParams({ type: 'message', text: 'help', serviceUrl: ctx.connector.url, 'conversation[id]': 'a:1' });
    const response = await fetch(`${ctx.app.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    assert.equal(response.status, 415);
    await settle();
    assert.equal(ctx.connector.sent.length, 0);
  });

  it('refuses text/plain from a web form too (enctype="text/plain"), with 415', async () => {
    const response = await ctx.app.post(JSON.stringify(messageActivity(ctx.connector.url, 'help')), { 'content-type': 'text/plain' });
    assert.equal(response.status, 415);
  });

  it('takes a gzip-compressed activity within the limit and answers it', async () => {
    const body = gzipSync(JSON.stringify(messageActivity(ctx.connector.url, 'help')));
    const response = await fetch(`${ctx.app.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body,
    });
    assert.equal(response.status, 200, await response.text());
    assert.ok(ctx.connector.sent.length >= 1, 'the bot answered');
  });
});
