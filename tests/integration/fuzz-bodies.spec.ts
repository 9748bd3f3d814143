import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { startChildServer, type ChildServer } from '../support/child-server';
import { json, SEED } from '../support/fuzz-server';

const BATCHES = 6;
const PER_BATCH = 100;
/** After all batches, against the server's own figures before the first one. */
const MAX_GROWTH_MB = 48;
const DEAD = 'http://127.0.0.1:9';

const ROUTES = [
  ['POST', '/api/messages'],
  ['POST', '/api/notify'],
  ['PUT', '/api/tab/settings'],
  ['GET', '/healthz'],
  ['GET', '/api/tab/config'],
  ['GET', '/api/tab/me'],
] as const;
const TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/json; charset=iso-8859-1',
  'multipart/form-data; boundary=fuzzboundary',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/octet-stream',
  '',
] as const;
const ENCODINGS = ['identity', 'gzip', 'deflate', 'br', 'gzip (truncated)', 'x-bogus', 'gzip, br'] as const;

const multipart = (parts: Array<[string, string]>): Buffer =>
  Buffer.from(
    parts
      .map(([name, value]) => `--fuzzboundary\r\nContent-Disposition: form-data; name="f"; filename="${name}"\r\n\r\n${value}\r\n`)
      .join('') + '--fuzzboundary--\r\n',
  );

/** Bodies: JSON, multipart uploads, form fields, raw bytes, and large ones that pass the 256 KB limit once inflated. */
const payload = fc.oneof(
  json.map((value) => Buffer.from(JSON.stringify(value))),
  fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 3000 })), { maxLength: 4 }).map(multipart),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 40 })).map((d) => Buffer.from(new URLSearchParams(d).toString())),
  fc.uint8Array({ maxLength: 4000 }).map((bytes) => Buffer.from(bytes)),
  fc.integer({ min: 200, max: 2_000 }).map((kb) => Buffer.from(`{"type":"message","pad":"${'a'.repeat(kb * 1024)}"}`)),
);

function encode(body: Buffer, encoding: (typeof ENCODINGS)[number]): Buffer {
  if (encoding === 'gzip') return gzipSync(body);
  if (encoding === 'deflate') return deflateSync(body);
  if (encoding === 'br') return brotliCompressSync(body);
  if (encoding === 'gzip (truncated)') return gzipSync(body).subarray(0, 10);
  return body;
}

/** One raw request: fetch cannot send a GET with a body, or choose chunked framing. */
function send(url: string, method: string, path: string, headers: Record<string, string>, body: Buffer, chunked: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const framing: Record<string, string> = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) };
    const req = request(`${url}${path}`, { method, headers: { ...headers, ...framing } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    if (chunked) {
      const step = Math.max(1, Math.ceil(body.length / 4));
      for (let at = 0; at < body.length; at += step) req.write(body.subarray(at, at + step));
      req.end();
    } else req.end(body);
  });
}

/**
 * Bodies of every type, encoding and framing against every kind of route, before authentication,
 * on a production server in a child process. Every answer is a 4xx or a 200 (never a 5xx, a reset
 * or a crash); a (non-empty) multipart, form or text body is a 415 wherever it lands; and after each batch the
 * server's memory is bounded and its temporary directory holds no file.
 */
describe(`fuzz: ${BATCHES * PER_BATCH} request bodies (JSON, multipart, form, raw; gzip, deflate, br, broken; chunked or not), server in a child process`, () => {
  let server: ChildServer;
  let baseline: { rssMb: number; peakRssMb: number };
  before(async function () {
    this.timeout(60_000);
    server = await startChildServer({
      BOT_ID: 'fuzz-bot',
      BOT_PASSWORD: 'fuzz-password',
      BOT_TENANT_ID: 'fuzz-tenant',
      BOT_OPENID_METADATA: `${DEAD}/openid`,
      BOT_TOKEN_ENDPOINT: `${DEAD}/token`,
      AAD_APP_CLIENT_ID: 'fuzz-client',
      AAD_APP_OAUTH_AUTHORITY_HOST: DEAD,
      GRAPH_ENDPOINT: DEAD,
    });
    baseline = await server.memory();
  });
  after(() => server?.stop());

  for (let batch = 0; batch < BATCHES; batch++) {
    it(`batch ${batch + 1} of ${BATCHES}: ${PER_BATCH} bodies answered 4xx or 200, then memory within ${MAX_GROWTH_MB} MB and no temp file`, async function () {
      this.timeout(120_000);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ROUTES),
          fc.constantFrom(...TYPES),
          payload,
          fc.constantFrom(...ENCODINGS),
          fc.boolean(),
          async ([method, path], type, body, encoding, chunked) => {
            const headers: Record<string, string> = {
              ...(type ? { 'content-type': type } : {}),
              ...(encoding === 'identity' ? {} : { 'content-encoding': encoding === 'gzip (truncated)' ? 'gzip' : encoding }),
            };
            const status = await send(server.url, method, path, headers, encode(body, encoding), chunked);
            assert.ok(status === 200 || (status >= 400 && status < 500), `${method} ${path} ${type} ${encoding}: ${status}`);
            if (body.length > 0 && /multipart|form-urlencoded|text\/plain/.test(type))
              assert.equal(status, 415, `${method} ${path} took ${type}`);
          },
        ),
        { seed: SEED + batch, numRuns: PER_BATCH },
      );
      const now = await server.memory();
      assert.ok(now.rssMb - baseline.rssMb < MAX_GROWTH_MB, `RSS ${baseline.rssMb} → ${now.rssMb} MB`);
      assert.ok(now.peakRssMb - baseline.peakRssMb < MAX_GROWTH_MB, `peak RSS ${baseline.peakRssMb} → ${now.peakRssMb} MB`);
      assert.deepEqual(server.tmpFiles(), [], 'files in the temporary directory');
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'still up');
    });
  }
});
