import assert from 'node:assert/strict';
import { createBotHost } from '../../bot/adapter';
import { activityProblem } from '../../bot/activity-shape';
import { ConfigError, loadConfig } from '../../platform/config';
import { isLoopbackHost, isLoopbackUrl } from '../../platform/http/loopback';
import { checkDemoExposure, envWithFlags } from '../../platform/listen';
import { silentLogger } from '../../platform/logger';
import { startServer } from '../../server/main';
import { keys } from '../../notifications/keys';
import { MemoryStore } from '../../storage/memory';
import { messageActivity } from '../support/activities';
import { ConnectorDouble } from '../support/connector';
import { LogCapture } from '../support/log-capture';
import { startTestApp, type TestApp } from '../support/app';

/** Addresses an unsigned activity might name: none of them is this machine. */
const ELSEWHERE = [
  'file:///etc/passwd',
  'gopher://127.0.0.1:70/_SET%20x',
  'ftp://127.0.0.1/',
  'http://0.0.0.0:1/',
  'http://169.254.169.254/latest/meta-data/',
  'https://evil.example/path?query=1',
  'http://127.0.0.1.evil.example/',
  'http://user:pass@127.0.0.1:1/',
];

/**
 * Demo mode runs the bot without authentication (as Microsoft's Agents Playground expects), so it
 * must stay on this machine: it listens on loopback only, and whatever an unsigned activity names
 * as its serviceUrl, the bot replies to, and stores, only loopback addresses.
 */
describe('security: demo mode stays on this machine', () => {
  describe('serviceUrls from unsigned activities', () => {
    let app: TestApp;
    let connector: ConnectorDouble;
    const store = new MemoryStore();
    before(async () => {
      connector = await new ConnectorDouble().start();
      app = await startTestApp({ WATCH_INTERVAL_MINUTES: '0' }, { store });
    });
    after(async () => {
      await app?.stop();
      await connector?.stop();
    });

    for (const serviceUrl of ELSEWHERE) {
      it(`refuses an activity whose serviceUrl is ${serviceUrl} with 400, and neither replies nor stores it`, async () => {
        for (const activity of [
          messageActivity(serviceUrl, 'help'),
          { ...messageActivity(serviceUrl, ''), type: 'installationUpdate', action: 'add' },
        ]) {
          const response = await app.post(activity);
          assert.equal(response.status, 400, await response.text());
        }
        assert.deepEqual(await store.list(keys.installations()), [], 'no installation stored');
        assert.equal(connector.sent.length, 0);
      });
    }

    it('answers an activity from the loopback connector as before', async () => {
      const response = await app.post(messageActivity(connector.url, 'help'));
      assert.equal(response.status, 200);
      assert.ok(connector.sent.length >= 1);
    });

    it('sends nothing proactively to a stored serviceUrl that is not loopback (data from before this rule)', async () => {
      const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE_KIND: 'memory' });
      const host = createBotHost(config, silentLogger);
      for (const serviceUrl of ELSEWHERE) {
        let ran = false;
        await assert.rejects(
          host.continueConversation(
            { serviceUrl, conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' } },
            async () => {
              ran = true;
            },
          ),
          (error: Error & { status?: number }) => error.status === 403,
          serviceUrl,
        );
        assert.equal(ran, false);
      }
    });
  });

  it('takes only http and https serviceUrls in production mode too (before authentication)', () => {
    for (const serviceUrl of ['file:///etc/passwd', 'gopher://host/', 'javascript:alert(1)']) {
      assert.match(activityProblem(messageActivity(serviceUrl, 'help')) ?? '', /serviceUrl/, serviceUrl);
    }
    assert.equal(activityProblem(messageActivity('https://smba.trafficmanager.net/amer/', 'help')), undefined);
  });

  it('counts 127.0.0.0/8, ::1 and localhost as loopback, in every spelling the URL parser normalises', () => {
    for (const url of [
      'http://127.0.0.1:3978/',
      'https://127.8.9.10/',
      'http://[::1]:1/',
      'http://localhost:5/',
      'http://2130706433/',
      'http://0x7f.1/',
    ]) {
      assert.ok(isLoopbackUrl(url), url);
    }
    for (const url of ELSEWHERE) assert.ok(!isLoopbackUrl(url), url);
    assert.deepEqual(['127.0.0.1', '::1', '[::1]', 'localhost', '0.0.0.0', '::', '10.0.0.5', 'example.com'].map(isLoopbackHost), [
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  describe('HOST', () => {
    const demoOn = (host: string, extra: Record<string, string> = {}) =>
      loadConfig({ PORT: '0', HOST: host, STORAGE_KIND: 'memory', TAB_STATIC_DIR: 'tests/fixtures/tab', ...extra });

    it('refuses to start a demo on a non-loopback HOST, naming the way out, before listening', async () => {
      for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
        await assert.rejects(startServer(demoOn(host), silentLogger), (error: Error) => {
          assert.ok(error instanceof ConfigError, String(error));
          assert.match(error.message, new RegExp(`HOST=${host.replace(/[.:]/g, '\\$&')} is not a loopback address`));
          assert.match(error.message, /--allow-remote-demo/);
          return true;
        });
      }
    });

    it('lets --allow-remote-demo (or ALLOW_REMOTE_DEMO=true) through with a loud warning; production mode is not a demo', () => {
      const flagged = loadConfig(envWithFlags({ HOST: '0.0.0.0' }, ['node', 'start.ts', '--allow-remote-demo']));
      assert.match(checkDemoExposure(flagged) ?? '', /^WARNING: HOST=0\.0\.0\.0 is not a loopback address.*anyone who can reach/);
      assert.match(checkDemoExposure(demoOn('0.0.0.0', { ALLOW_REMOTE_DEMO: 'true' })) ?? '', /^WARNING/);
      assert.equal(checkDemoExposure(demoOn('127.0.0.1')), undefined);
      assert.equal(checkDemoExposure(demoOn('0.0.0.0', { BOT_ID: 'bot', BOT_PASSWORD: 'pw', BOT_TENANT_ID: 't' })), undefined);
    });

    it('logs the address it is bound to, not a made-up one', async () => {
      const logs = new LogCapture();
      const server = await startServer(demoOn('127.0.0.1'), logs.logger);
      try {
        const line = logs.lines.find((l) => l.includes('listening on')) ?? '';
        assert.ok(line.includes(`listening on 127.0.0.1:${server.port} (demo mode)`), line);
        assert.equal(server.url, `http://127.0.0.1:${server.port}`);
      } finally {
        await server.close();
      }
    });
  });
});
