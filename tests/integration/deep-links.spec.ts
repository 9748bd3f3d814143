import assert from 'node:assert/strict';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { demoRoleChecker } from '../../identity/tenant/admin-roles';
import { CachedSnapshots } from '../../identity/tenant/snapshot-cache';
import { loadConfig } from '../../platform/config';
import { appOnlyGraph } from '../../platform/graph/app-only';
import { silentLogger } from '../../platform/logger';
import { startServer, type RunningServer } from '../../server/main';
import { messageActivity } from '../support/activities';
import { useAppWithConnector } from '../support/app';
import { ConnectorDouble } from '../support/connector';
import { OpenIdIssuer } from '../support/openid-issuer';

/** The url of the card's "Open status tab" button. */
function statusTabLink(card: Record<string, unknown> | undefined): string | undefined {
  const actions = (card?.actions ?? []) as Array<{ type?: string; title?: string; url?: string }>;
  return actions.find((action) => action.type === 'Action.OpenUrl' && action.title === 'Open status tab')?.url;
}

describe('"Open status tab" on the status card', () => {
  describe('in production: a Teams deep link to the tab, by the org catalog id the Toolkit wrote at publish', () => {
    const BOT_ID = '3b0d6c1e-2f4a-4e8b-9c7d-deep-link-test';
    let issuer: OpenIdIssuer;
    let connector: ConnectorDouble;
    let devTenant: RunningDevTenant;
    let server: RunningServer;
    before(async () => {
      issuer = await new OpenIdIssuer({ [BOT_ID]: 'bot-secret' }).start();
      connector = await new ConnectorDouble().start();
      devTenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        PUBLIC_URL: 'https://entracomp.example.net',
        BOT_ID,
        BOT_PASSWORD: 'bot-secret',
        BOT_TENANT_ID: '72f988bf-0000-4000-8000-000000000001',
        BOT_OPENID_METADATA: issuer.metadataUrl,
        BOT_TOKEN_ENDPOINT: issuer.tokenEndpoint,
        TEAMS_APP_ID: '0f3c2a9e-5b1d-4c7e-9a80-1b2c3d4e5f60',
        TEAMS_APP_PUBLISHED_APP_ID: '9d8c7b6a-5f4e-4d3c-8b2a-19f0e1d2c3b4',
        GRAPH_ENDPOINT: devTenant.url,
        TAB_STATIC_DIR: 'tests/fixtures/tab',
        STORAGE_KIND: 'memory',
      });
      // The tenant is read as in demo mode (the dev tenant's own tokens); only the link is under test here.
      const snapshots = new CachedSnapshots(appOnlyGraph(loadConfig({ GRAPH_ENDPOINT: devTenant.url }), silentLogger));
      server = await startServer(config, silentLogger, { statusRoles: demoRoleChecker, snapshots });
    });
    after(async () => {
      await server?.close();
      await devTenant?.close();
      await connector?.stop();
      await issuer?.stop();
    });

    it('links to https://teams.microsoft.com/l/entity/<catalog id>/entraStatus with the tab page as fallback', async () => {
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await issuer.channelToken(BOT_ID, { serviceUrl: connector.url })}`,
        },
        body: JSON.stringify(messageActivity(connector.url, 'status')),
      });
      assert.equal(response.status, 200, await response.text());
      const link = new URL(statusTabLink(connector.cards()[0]) ?? 'about:blank');
      assert.equal(
        `${link.origin}${link.pathname}`,
        'https://teams.microsoft.com/l/entity/9d8c7b6a-5f4e-4d3c-8b2a-19f0e1d2c3b4/entraStatus',
      );
      assert.equal(link.searchParams.get('webUrl'), 'https://entracomp.example.net/tab/?view=overview');
    });
  });

  describe('in demo mode: the local tab page', () => {
    const harness = useAppWithConnector({ TEAMS_APP_ID: '0f3c2a9e-5b1d-4c7e-9a80-1b2c3d4e5f60' });

    it("links to the server's own /tab/ (PUBLIC_URL)", async () => {
      const { app, connector } = harness;
      assert.equal((await app.post(messageActivity(connector.url, 'status'))).status, 200);
      assert.equal(statusTabLink(connector.cards()[0]), `${app.config.publicUrl}/tab/`);
    });
  });
});
