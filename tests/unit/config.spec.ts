import assert from 'node:assert/strict';
import { createBotHost } from '../../bot/adapter';
import { ConfigError, loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';

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

  describe('bot registration type (Azure refuses new MultiTenant bots since 2025-07-31)', () => {
    const production = { BOT_ID: 'app-id', BOT_PASSWORD: 'secret', BOT_TENANT_ID: 'tenant' };

    it('is SingleTenant unless BOT_TYPE says otherwise', () => {
      const config = loadConfig(production);
      assert.equal(config.bot.appType, 'SingleTenant');
      assert.equal(config.bot.tenantId, 'tenant');
    });

    it('still accepts an existing MultiTenant registration and a user-assigned managed identity', () => {
      assert.equal(loadConfig({ ...production, BOT_TYPE: 'MultiTenant' }).bot.appType, 'MultiTenant');
      const msi = loadConfig({ BOT_ID: 'identity-client-id', BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: 'tenant' });
      assert.equal(msi.bot.appType, 'UserAssignedMSI');
      assert.equal(msi.bot.appPassword, '');
    });

    it('hands botbuilder only registrations it accepts', () => {
      const accepted: NodeJS.ProcessEnv[] = [
        {},
        production,
        { ...production, BOT_TYPE: 'MultiTenant' },
        { BOT_ID: 'identity-client-id', BOT_TYPE: 'UserAssignedMsi', BOT_TENANT_ID: 'tenant' },
      ];
      for (const env of accepted) assert.doesNotThrow(() => createBotHost(loadConfig(env), createLogger('test')), JSON.stringify(env));
    });

    const refusals: Array<[string, NodeJS.ProcessEnv, RegExp]> = [
      ['a bot id without a password', { BOT_ID: 'app-id', BOT_TENANT_ID: 'tenant' }, /BOT_PASSWORD: required/],
      [
        'SingleTenant (the default) without a tenant',
        { BOT_ID: 'app-id', BOT_PASSWORD: 'secret' },
        /BOT_TENANT_ID: required when BOT_TYPE=SingleTenant/,
      ],
      [
        'a managed identity with a password',
        { ...production, BOT_TYPE: 'UserAssignedMsi' },
        /BOT_PASSWORD: must be empty when BOT_TYPE=UserAssignedMsi/,
      ],
      [
        'a managed identity without a tenant',
        { BOT_ID: 'app-id', BOT_TYPE: 'UserAssignedMsi' },
        /BOT_TENANT_ID: required when BOT_TYPE=UserAssignedMsi/,
      ],
      ['an unknown type', { ...production, BOT_TYPE: 'Multitenant' }, /BOT_TYPE: .*SingleTenant/],
    ];
    for (const [what, env, message] of refusals) {
      it(`refuses ${what} at startup, naming the variable`, () => {
        assert.throws(
          () => loadConfig(env),
          (error: Error) => error instanceof ConfigError && message.test(error.message),
        );
      });
    }
  });
});
