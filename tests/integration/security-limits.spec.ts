import assert from 'node:assert/strict';
import type { Server as HttpServer } from 'node:http';
import net from 'node:net';
import { ActivityHandler } from 'botbuilder';
import { createBotHost } from '../../bot/adapter';
import { createApp, DEFAULT_TIMEOUTS, MAX_BODY_BYTES } from '../../server/app';
import { loadConfig } from '../../platform/config';
import { closeServer, listenOn } from '../../platform/listen';
import { silentLogger } from '../../platform/logger';
import { startTestApp, type TestApp } from '../support/app';

describe('security: body limits and timeouts at the server edge', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.stop());

  const post = (
    body: BodyInit,
    headers: Record<string, string> = { 'content-type': 'application/json' },
    extra: RequestInit = {},
  ): Promise<Response> => fetch(`${app.server.url}/api/messages`, { method: 'POST', headers, body, ...extra });

  it('refuses a body over 256 KB with 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(MAX_BODY_BYTES) });
    assert.equal((await post(big)).status, 413);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++)
          controller.enqueue(new TextEncoder().encode(i === 0 ? '{"type":"message","text":"' : 'y'.repeat(10_000)));
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    assert.equal((await post(chunked, { 'content-type': 'application/json' }, { duplex: 'half' } as RequestInit)).status, 413);
  });

  it('answers garbled JSON with 400, other media types with 415, GET with 405, and stays up', async () => {
    assert.equal((await post('{"type": "mess')).status, 400);
    assert.equal((await post('[1,2]')).status, 400);
    assert.equal((await post('null')).status, 400);
    assert.equal((await post('hello', { 'content-type': 'text/plain' })).status, 415);
    assert.equal((await fetch(`${app.server.url}/api/messages`)).status, 405);
    assert.equal((await fetch(`${app.server.url}/healthz`)).status, 200);
  });

  it('sets header, request and idle timeouts on the HTTP server by default', () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE_KIND: 'memory' });
    const server = createApp({ config, logger: silentLogger, botHost: createBotHost(config, silentLogger), bot: new ActivityHandler() });
    const http = server.server as HttpServer;
    assert.equal(http.headersTimeout, DEFAULT_TIMEOUTS.headersMs);
    assert.equal(http.requestTimeout, DEFAULT_TIMEOUTS.requestMs);
    assert.equal(http.timeout, DEFAULT_TIMEOUTS.idleMs);
  });

  it('drops a client that sends half a request and stalls (slowloris)', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE_KIND: 'memory' });
    const server = createApp({
      config,
      logger: silentLogger,
      botHost: createBotHost(config, silentLogger),
      bot: new ActivityHandler(),
      timeouts: { headersMs: 400, requestMs: 800, idleMs: 400 },
    });
    const http = server.server as HttpServer;
    const port = await listenOn(http, 0, '127.0.0.1', 'PORT');
    try {
      const started = Date.now();
      const closedAfter = await new Promise<number>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () =>
          socket.write(
            'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":',
          ),
        );
        socket.on('close', () => resolve(Date.now() - started));
        socket.on('error', () => undefined);
        setTimeout(() => reject(new Error('the stalled connection was kept open')), 5000).unref();
      });
      assert.ok(closedAfter < 3000, `closed after ${closedAfter} ms`);
    } finally {
      await closeServer(http);
    }
  });
});
