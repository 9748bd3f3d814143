import type { Server as HttpServer } from 'node:http';
import { ActivityHandler } from 'botbuilder';
import type { Server } from 'restify';
import { createBotHost } from '../../bot/adapter';
import { CachedSnapshots } from '../../identity/tenant/snapshot-cache';
import { loadConfig, type AppConfig } from '../../platform/config';
import { silentLogger } from '../../platform/logger';
import { createApp } from '../../server/app';
import type { TabApiDeps } from '../../tab/api/routes';
import { TokenValidator } from '../../tab/api/token-validator';
import type { RunningDevTenant } from '../../devtenant/server';
import { DEV_TENANT_ID } from '../../devtenant/tokens';
import { createGraphPort } from '../../platform/graph/client';
import { issuerOf, TEST_AUDIENCE, type TabTokens } from './tab-tokens';
import { listenOnLoopback, closeServer } from './loopback';

/** What a spec chooses of the tab API: each admin's Graph, and optionally app-only reads and notifications. */
export type TabApiParts = Pick<TabApiDeps, 'graph'> & Partial<Pick<TabApiDeps, 'snapshots' | 'notifications'>>;

export interface TabApiServer {
  /** http://127.0.0.1:<port> */
  url: string;
  app: Server;
  config: AppConfig;
  close(): Promise<void>;
}

/** App-only reads for a tab API that must never make one: the tab reads with the signed-in admin's Graph. */
const NO_APP_ONLY = new CachedSnapshots(() => {
  throw new Error("the tab reads with the signed-in admin's Graph, never app-only");
});

/**
 * The server's real routes (createApp, with a bot that answers nothing) on a free loopback port, its
 * tab API validating tokens as Entra's are checked but against the keys of `tokens`
 * (tests/support/tab-tokens.ts: RS256, an issuer per tenant, the app's audience, access_as_user).
 * `env` adds to the configuration; `parts` may be built from the configuration it gives.
 */
export async function startTabApiServer(
  tokens: TabTokens,
  parts: TabApiParts | ((config: AppConfig) => TabApiParts),
  env: Record<string, string> = {},
): Promise<TabApiServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE_KIND: 'memory', ...env });
  const app = createApp({
    config,
    logger: silentLogger,
    botHost: createBotHost(config, silentLogger),
    bot: new ActivityHandler(),
    tabApi: {
      config,
      logger: silentLogger,
      snapshots: NO_APP_ONLY,
      validator: new TokenValidator({
        audiences: [TEST_AUDIENCE],
        issuerFor: issuerOf,
        keys: { jwks: tokens.jwks },
        requiredScope: 'access_as_user',
      }),
      ...(typeof parts === 'function' ? parts(config) : parts),
    },
  });
  const server = app.server as HttpServer;
  return { url: await listenOnLoopback(server), app, config, close: () => closeServer(server) };
}

/** The signed-in admin whose delegated tokens startDelegatedTabApi asks the dev tenant for. */
const SIGNED_IN_ADMIN = '00000000-0000-4000-8000-0000000000a2';

/**
 * The tab API reading `devTenant` on behalf of each signed-in admin, as in production: a delegated
 * token carrying the admin's roles and the scopes the dev tenant's scenario consented to.
 */
export function startDelegatedTabApi(tokens: TabTokens, devTenant: RunningDevTenant): Promise<TabApiServer> {
  return startTabApiServer(tokens, {
    graph: async (principal) =>
      createGraphPort({
        endpoint: devTenant.url,
        token: devTenant.token({ kind: 'user', tenantId: DEV_TENANT_ID, userId: SIGNED_IN_ADMIN, roles: principal.roles }),
      }),
  });
}
