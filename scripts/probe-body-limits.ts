/**
 * `node --disable-warning=DEP0111 --import tsx scripts/probe-body-limits.ts`: what unauthenticated
 * request bodies cost the server. Starts the real server in a child process (production mode, every
 * endpoint on a dead loopback port, its own TMPDIR) and sends, without any token:
 *   1. one gzip bomb (about 200 KB that inflates to 200 MB of JSON) to POST /api/messages;
 *   2. six such bombs at once;
 *   3. a burst of eight 5 MiB multipart uploads to POST /api/messages;
 *   4. a form-encoded POST (what a hidden form on any web page can send), to a demo-mode server.
 * Prints each answer's status, the child's RSS and peak RSS after each step, and the files left in
 * its temporary directory. Loopback only.
 */
import { gzipSync } from 'node:zlib';
import { startChildServer, type ChildServer } from '../tests/support/child-server';

const DEAD = 'http://127.0.0.1:9';
const BOMB_MB = 200;

function bomb(): Buffer {
  const padding = Buffer.alloc(BOMB_MB * 1024 * 1024, 'a');
  return gzipSync(Buffer.concat([Buffer.from('{"pad":"'), padding, Buffer.from('"}')]), { level: 9 });
}

async function post(url: string, body: BodyInit | Buffer, headers: Record<string, string>): Promise<string> {
  try {
    const response = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: body as BodyInit });
    await response.arrayBuffer();
    return String(response.status);
  } catch (error) {
    return `failed (${(error as Error).message})`;
  }
}

function multipart(sizeMb: number): { body: Buffer; type: string } {
  const boundary = '----probe' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, Buffer.alloc(sizeMb * 1024 * 1024, 'x'), tail]), type: `multipart/form-data; boundary=${boundary}` };
}

async function report(server: ChildServer, step: string, statuses: string[]): Promise<void> {
  const { rssMb, peakRssMb } = await server.memory();
  const files = server.tmpFiles();
  const counts = [...new Set(statuses)].map((status) => `${status} ×${statuses.filter((s) => s === status).length}`).join(', ');
  console.log(`${step.padEnd(44)} answers: ${counts.padEnd(12)} RSS ${rssMb} MB, peak ${peakRssMb} MB, temp files ${files.length}`);
}

const gz = bomb();
console.log(`gzip bomb: ${(gz.length / 1024).toFixed(0)} KB inflating to ${BOMB_MB} MB`);

const production = await startChildServer({
  BOT_ID: 'probe-bot',
  BOT_PASSWORD: 'probe-password',
  BOT_TENANT_ID: 'probe-tenant',
  BOT_OPENID_METADATA: `${DEAD}/openid`,
  BOT_TOKEN_ENDPOINT: `${DEAD}/token`,
  AAD_APP_CLIENT_ID: 'probe-client',
  AAD_APP_OAUTH_AUTHORITY_HOST: DEAD,
  GRAPH_ENDPOINT: DEAD,
});
try {
  await report(production, 'production server started', []);
  const gzipHeaders = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
  await report(production, 'one gzip bomb', [await post(production.url, gz, gzipHeaders)]);
  await report(
    production,
    'six gzip bombs at once',
    await Promise.all(Array.from({ length: 6 }, () => post(production.url, gz, gzipHeaders))),
  );
  const uploads = Array.from({ length: 8 }, () => multipart(5));
  await report(
    production,
    'eight 5 MiB multipart uploads at once',
    await Promise.all(uploads.map(({ body, type }) => post(production.url, body, { 'content-type': type }))),
  );
} finally {
  await production.stop();
}

const demo = await startChildServer({ GRAPH_ENDPOINT: DEAD });
try {
  const form = 'type=message&serviceUrl=http%3A%2F%2F127.0.0.1%3A9%2F&conversation%5Bid%5D=c&text=help';
  await report(demo, 'demo: form-encoded POST /api/messages', [
    await post(demo.url, form, { 'content-type': 'application/x-www-form-urlencoded' }),
  ]);
} finally {
  await demo.stop();
}
