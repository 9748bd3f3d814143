import { ConfidentialClientApplication } from '@azure/msal-node';
import type { GraphPort } from '../../identity/tenant/graph-port';
import type { AppConfig } from '../../server/config';
import type { Logger } from '../../server/logger';
import { createGraphPort } from '../../server/graph/graph-client';
import { devTenantToken } from '../../server/graph/tokens';
import { AuthError, type Principal } from './token-validator';

/** Graph access with the signed-in admin's own rights. */
export type DelegatedGraph = (principal: Principal) => Promise<GraphPort>;

/**
 * Production: exchanges the Teams SSO token on-behalf-of the user for a Graph token (MSAL, which
 * caches per assertion). We use MSAL directly rather than @microsoft/teamsfx's
 * OnBehalfOfUserCredential: teamsfx is deprecated and wraps the same MSAL call, and this keeps the
 * consent error visible so the tab can offer the consent popup. The Graph token never leaves the server.
 * Demo: the dev tenant, which accepts any token.
 */
export function delegatedGraph(config: AppConfig, logger: Logger): DelegatedGraph {
  if (config.mode === 'demo') {
    const port = createGraphPort({ endpoint: config.graph.endpoint, token: devTenantToken, logger });
    return async () => port;
  }
  const clients = new Map<string, ConfidentialClientApplication>();
  const clientFor = (tenantId: string): ConfidentialClientApplication => {
    let client = clients.get(tenantId);
    if (!client) {
      client = new ConfidentialClientApplication({
        auth: { clientId: config.aad.clientId, clientSecret: config.aad.clientSecret, authority: `${config.aad.authorityHost}/${tenantId}` },
      });
      clients.set(tenantId, client);
    }
    return client;
  };
  const scope = `${config.graph.endpoint}/.default`;
  return async (principal) => {
    let graphToken: string;
    try {
      const result = await clientFor(principal.tenantId).acquireTokenOnBehalfOf({ oboAssertion: principal.token, scopes: [scope] });
      if (!result?.accessToken) throw new Error('no access token');
      graphToken = result.accessToken;
    } catch (error) {
      const text = `${(error as { errorCode?: string }).errorCode ?? ''} ${(error as Error).message}`;
      if (/consent_required|interaction_required|AADSTS65001|invalid_grant/i.test(text)) {
        throw new AuthError(403, 'consent_required', 'Entra Companion needs your consent (or an admin\'s) to read the directory for you.');
      }
      logger.warn('on-behalf-of exchange failed', { error: (error as Error).message });
      throw new AuthError(401, 'obo_failed', 'Your sign-in could not be exchanged for Microsoft Graph access.');
    }
    return createGraphPort({ endpoint: config.graph.endpoint, token: { getToken: async () => graphToken }, logger });
  };
}
