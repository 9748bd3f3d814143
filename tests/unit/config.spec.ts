import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../platform/config';

describe('loadConfig', () => {
  it('runs in demo mode with no credentials, on loopback, against the dev tenant', () => {
    const config = loadConfig({});
    assert.equal(config.mode, 'demo');
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3978);
    assert.equal(config.graph.endpoint, 'http://127.0.0.1:3979');
    assert.equal(config.devTenant.scenario, 'healthy-hybrid');
  });

  it('runs in production mode when BOT_ID is set, against Microsoft Graph', () => {
    const config = loadConfig({ BOT_ID: 'app-id', BOT_PASSWORD: 'secret', BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: 'tenant' });
    assert.equal(config.mode, 'production');
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.graph.endpoint, 'https://graph.microsoft.com');
    assert.equal(config.bot.appType, 'SingleTenant');
  });

  it('lets every external endpoint be overridden', () => {
    const config = loadConfig({
      GRAPH_ENDPOINT: 'http://127.0.0.1:9000/',
      BOT_OPENID_METADATA: 'http://127.0.0.1:9001/openid',
      AAD_APP_OAUTH_AUTHORITY_HOST: 'http://127.0.0.1:9002/',
    });
    assert.equal(config.graph.endpoint, 'http://127.0.0.1:9000');
    assert.equal(config.bot.openIdMetadataUrl, 'http://127.0.0.1:9001/openid');
    assert.equal(config.aad.authorityHost, 'http://127.0.0.1:9002');
  });

  it('names every bad variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', GRAPH_ENDPOINT: 'not a url' }),
      (error: Error) => error instanceof ConfigError && /PORT/.test(error.message) && /GRAPH_ENDPOINT/.test(error.message),
    );
  });

  it('refuses a bot id without a password or tenant where they are needed', () => {
    assert.throws(() => loadConfig({ BOT_ID: 'app-id' }), /BOT_PASSWORD/);
    assert.throws(() => loadConfig({ BOT_ID: 'app-id', BOT_PASSWORD: 'x', BOT_TYPE: 'SingleTenant' }), /BOT_TENANT_ID/);
    assert.equal(loadConfig({ BOT_ID: 'app-id', BOT_TYPE: 'UserAssignedMsi' }).bot.appType, 'UserAssignedMSI');
  });
});
