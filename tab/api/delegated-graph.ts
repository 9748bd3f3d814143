import { ConfidentialClientApplication, InteractionRequiredAuthError } from '@azure/msal-node';
import type { GraphPort } from '../../platform/graph/port';
import type { AppConfig } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import { createGraphPort } from '../../platform/graph/client';
import { devTenantTokenProvider } from '../../platform/graph/dev-tenant';
import { msalAuthority } from '../../platform/graph/tokens';
import { AppError } from '../../platform/errors';
import type { Principal } from './token-validator';

/** Graph access with the signed-in admin's own rights. */
export type DelegatedGraph = (principal: Principal) => Promise<GraphPort>;

/** Tenants whose MSAL client (and token cache) is kept; the oldest goes first beyond this. */
const MAX_TENANTS = 500;

/**
 * Production: exchanges the Teams SSO token on-behalf-of the user for a Graph token with MSAL's
 * acquireTokenOnBehalfOf, through one ConfidentialClientApplication per tenant kept for the
 * process, so its token cache answers the next request of the same sign-in without asking Entra
 * again (MSAL renews a token 5 minutes before it expires). A client built per request, as
 * @microsoft/teamsfx's OnBehalfOfUserCredential is, caches nothing: every tab call cost a token
 * request. "UI required" (AADSTS65001 consent, MFA) becomes 403 consent_required, so the tab can
 * offer the consent popup; Entra refusing the app's own secret is a configuration error the
 * operator must fix, not the user's sign-in. The Graph token never leaves the server.
 * Demo: the dev tenant issues the signed-in user's delegated token itself (the app's delegated
 * permissions, the user's roles), in place of the exchange.
 */
export function delegatedGraph(config: AppConfig, logger: Logger): DelegatedGraph {
  if (config.mode === 'demo') {
    const ports = new Map<string, GraphPort>();
    return async (principal) => {
      const key = `${principal.tenantId}/${principal.userId}/${[...principal.roles].sort().join(',')}`;
      let port = ports.get(key);
      if (!port) {
        const token = devTenantTokenProvider(config.graph.endpoint, {
          kind: 'user',
          tenantId: principal.tenantId,
          userId: principal.userId,
          roles: principal.roles,
        });
        port = createGraphPort({ endpoint: config.graph.endpoint, token, logger });
        ports.set(key, port);
      }
      return port;
    };
  }
  const scope = `${config.graph.endpoint}/.default`;
  const clients = new Map<string, ConfidentialClientApplication>();
  const clientFor = (tenantId: string): ConfidentialClientApplication => {
    let client = clients.get(tenantId);
    if (!client) {
      if (clients.size >= MAX_TENANTS) clients.delete(clients.keys().next().value as string);
      client = new ConfidentialClientApplication({
        auth: {
          clientId: config.aad.clientId,
          clientSecret: config.aad.clientSecret,
          ...msalAuthority(config.aad.authorityHost, tenantId),
        },
      });
      clients.set(tenantId, client);
    }
    return client;
  };
  return async (principal) => {
    let graphToken: string;
    try {
      const result = await clientFor(principal.tenantId).acquireTokenOnBehalfOf({ oboAssertion: principal.token, scopes: [scope] });
      if (!result?.accessToken) throw new Error('no access token');
      graphToken = result.accessToken;
    } catch (error) {
      throw oboError(error, logger);
    }
    return createGraphPort({ endpoint: config.graph.endpoint, token: { getToken: async () => graphToken }, logger });
  };
}

/** What the tab hears when the exchange fails. */
function oboError(error: unknown, logger: Logger): AppError {
  const { errorCode, errorMessage, subError } = error as { errorCode?: string; errorMessage?: string; subError?: string };
  const text = `${errorCode ?? ''} ${errorMessage ?? (error as Error).message ?? ''}`;
  const aadsts = /AADSTS\d+/.exec(text)?.[0];
  if (
    error instanceof InteractionRequiredAuthError ||
    /consent_required|interaction_required|AADSTS65001/i.test(`${text} ${subError ?? ''}`)
  ) {
    return new AppError('consent_required', "Entra Companion needs your consent (or an admin's) to read the directory for you.", {
      ...(aadsts ? { aadsts } : {}),
    });
  }
  if (errorCode === 'invalid_client' || errorCode === 'unauthorized_client') {
    logger.error("Microsoft Entra ID refused the tab app's own credentials: check AAD_APP_CLIENT_ID and AAD_APP_CLIENT_SECRET", {
      aadsts,
      error: errorMessage?.split('\r\n')[0],
    });
    return new AppError(
      'not_available',
      `The app's sign-in to Microsoft Entra ID is misconfigured (${aadsts ?? errorCode}); an administrator must renew its credentials.`,
    );
  }
  logger.warn('on-behalf-of exchange failed', {
    code: errorCode,
    aadsts,
    error: (errorMessage ?? (error as Error).message)?.split('\r\n')[0],
  });
  return new AppError('obo_failed', 'Your sign-in could not be exchanged for Microsoft Graph access.');
}
