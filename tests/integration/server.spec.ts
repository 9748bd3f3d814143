import assert from 'node:assert/strict';
import net from 'node:net';
import { loadConfig } from '../../platform/config';
import { PortInUseError } from '../../platform/listen';
import { silentLogger } from '../../platform/logger';
import { startServer } from '../../server/main';
import { startTestApp, type TestApp } from '../support/app';

describe('the one server', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.stop());

  it('answers GET /healthz with the mode', async () => {
    const response = await fetch(`${app.server.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual({ ...(await response.json()), version: 'x' }, { status: 'ok', mode: 'demo', version: 'x' });
  });

  it('serves the tab under /tab/ with a CSP that lets Teams frame it', async () => {
    const response = await fetch(`${app.server.url}/tab/`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /Fixture tab/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    assert.match(csp, /frame-ancestors [^;]*https:\/\/\*\.cloud\.microsoft/);
  });

  it('redirects /tab to /tab/ and refuses paths outside the tab folder', async () => {
    const redirect = await fetch(`${app.server.url}/tab`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    const traversal = await fetch(`${app.server.url}/tab/..%2f..%2fpackage.json`);
    assert.notEqual(traversal.status, 200);
  });

  it('says clearly when its port is taken instead of picking another', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await assert.rejects(
        startServer(loadConfig({ PORT: String(port), HOST: '127.0.0.1', STORAGE_KIND: 'memory' }), silentLogger),
        (error: Error) => error instanceof PortInUseError && error.message.includes(`Port ${port}`) && error.message.includes('PORT='),
      );
    } finally {
      blocker.close();
    }
  });
});
