import assert from 'node:assert/strict';
import type { Server as HttpServer } from 'node:http';
import { ActivityHandler } from 'botbuilder';
import { createBotHost } from '../../bot/adapter';
import { loadConfig } from '../../platform/config';
import { closeServer, listenOn } from '../../platform/listen';
import { silentLogger } from '../../platform/logger';
import { createApp } from '../../server/app';

/** The hosts Microsoft Learn lists for a tab's frame-ancestors (tabs/how-to/tab-requirements, "Prerequisites"). */
const LEARN_HOSTS = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

async function serve(env: Record<string, string>): Promise<{ url: string; close: () => Promise<void> }> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE_KIND: 'memory', TAB_STATIC_DIR: 'tests/fixtures/tab', ...env });
  const app = createApp({ config, logger: silentLogger, botHost: createBotHost(config, silentLogger), bot: new ActivityHandler() });
  const http = app.server as HttpServer;
  const port = await listenOn(http, 0, '127.0.0.1', 'PORT');
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(http) };
}

const frameAncestors = (response: Response): string[] =>
  /frame-ancestors ([^;]*)/.exec(response.headers.get('content-security-policy') ?? '')?.[1].split(' ') ?? [];

/**
 * Who may frame the tab, and whether browsers are told to use HTTPS only: in production, only the
 * Microsoft hosts a Teams tab runs in, and HSTS on every answer over HTTPS; in demo mode the
 * Agents Playground on this machine may frame it too.
 */
describe('security: framing and transport headers', () => {
  const production = { BOT_ID: 'bot', BOT_PASSWORD: 'pw', BOT_TENANT_ID: 'tenant' };

  it('lets every Teams, Microsoft 365 and Outlook host frame the tab in production, and nothing on localhost', async () => {
    const server = await serve(production);
    try {
      const ancestors = frameAncestors(await fetch(`${server.url}/tab/`));
      for (const host of LEARN_HOSTS) assert.ok(ancestors.includes(host), `${host} in ${ancestors.join(' ')}`);
      assert.deepEqual(
        ancestors.filter((a) => /localhost|127\.0\.0\.1|^http:/.test(a)),
        [],
      );
    } finally {
      await server.close();
    }
  });

  it('lets the local Agents Playground frame the tab in demo mode', async () => {
    const server = await serve({});
    try {
      const ancestors = frameAncestors(await fetch(`${server.url}/tab/`));
      assert.ok(ancestors.includes('http://localhost:*') && ancestors.includes('https://teams.microsoft.com'), ancestors.join(' '));
    } finally {
      await server.close();
    }
  });

  it('sends HSTS on every answer over HTTPS in production, not over plain HTTP and not in demo mode', async () => {
    const server = await serve(production);
    const demo = await serve({});
    try {
      const https = { 'x-forwarded-proto': 'https' };
      for (const path of ['/healthz', '/tab/', '/api/tab/config']) {
        const hsts = (await fetch(`${server.url}${path}`, { headers: https })).headers.get('strict-transport-security') ?? '';
        assert.match(hsts, /^max-age=(\d+); includeSubDomains$/, path);
        assert.ok(Number(/max-age=(\d+)/.exec(hsts)?.[1]) >= 31_536_000, 'at least a year');
      }
      assert.equal((await fetch(`${server.url}/healthz`)).headers.get('strict-transport-security'), null, 'plain HTTP');
      assert.equal((await fetch(`${demo.url}/healthz`, { headers: https })).headers.get('strict-transport-security'), null, 'demo');
    } finally {
      await server.close();
      await demo.close();
    }
  });
});
