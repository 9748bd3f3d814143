import type { GraphPort } from './port';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { createGraphPort } from './client';
import { devTenantAppOnlyGraph } from './dev-tenant';
import { appOnlyTokenProvider } from './tokens';

/**
 * App-only Graph access per tenant (the bot's status command, the watcher, `npm run check`).
 * Demo mode: every tenant is the dev tenant, read with its own app-only token. Production: client credentials of the app's Entra
 * registration in the asking tenant, which needs the app's admin consent there.
 */
export function appOnlyGraph(config: AppConfig, logger: Logger): (tenantId: string) => GraphPort {
  if (config.mode === 'demo') return devTenantAppOnlyGraph(config, logger);
  const ports = new Map<string, GraphPort>();
  return (tenantId) => {
    if (!config.aad.clientId || !config.aad.clientSecret) {
      throw new Error('app-only Graph access is not configured (set AAD_APP_CLIENT_ID and AAD_APP_CLIENT_SECRET)');
    }
    if (!/^[0-9a-f-]{36}$/i.test(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
    let port = ports.get(tenantId);
    if (!port) {
      const token = appOnlyTokenProvider({
        clientId: config.aad.clientId,
        clientSecret: config.aad.clientSecret,
        tenantId,
        authorityHost: config.aad.authorityHost,
        // The same resource the on-behalf-of tokens name: Graph's own URL (https://graph.microsoft.us in US Government).
        graphResource: config.graph.endpoint,
      });
      port = createGraphPort({ endpoint: config.graph.endpoint, token, logger });
      ports.set(tenantId, port);
    }
    return port;
  };
}
