import type { GraphPort } from '../../platform/graph/port';
import type { AppConfig } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import { createGraphPort } from '../../platform/graph/client';
import { devTenantTokenProvider } from '../../platform/graph/dev-tenant';
import { AppError } from '../../platform/errors';
import type { Principal } from './token-validator';

/** Graph access with the signed-in admin's own rights. */
export type DelegatedGraph = (principal: Principal) => Promise<GraphPort>;

/**
 * Production: exchanges the Teams SSO token on-behalf-of the user for a Graph token with
 * @microsoft/teamsfx's OnBehalfOfUserCredential (the design card's choice; it wraps MSAL's
 * acquireTokenOnBehalfOf), kept behind this one function so a move to MSAL or the Agents SDK stays
 * here. Its "UI required" error becomes 403 consent_required, so the tab can offer the consent
 * popup. The Graph token never leaves the server. Demo: the dev tenant issues the signed-in user's
 * delegated token itself (the app's delegated permissions, the user's roles), in place of the exchange.
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
  return async (principal) => {
    // Loaded on first use: teamsfx pulls in much of botbuilder's dialog stack.
    const { OnBehalfOfUserCredential, ErrorCode } = await import('@microsoft/teamsfx');
    let graphToken: string;
    try {
      const credential = new OnBehalfOfUserCredential(principal.token, {
        authorityHost: config.aad.authorityHost,
        clientId: config.aad.clientId,
        tenantId: principal.tenantId,
        clientSecret: config.aad.clientSecret,
      });
      const result = await credential.getToken(scope);
      if (!result?.token) throw new Error('no access token');
      graphToken = result.token;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const text = `${code ?? ''} ${(error as Error).message}`;
      if (code === ErrorCode.UiRequiredError || /consent_required|interaction_required|AADSTS65001/i.test(text)) {
        throw new AppError('consent_required', "Entra Companion needs your consent (or an admin's) to read the directory for you.");
      }
      logger.warn('on-behalf-of exchange failed', { code, error: (error as Error).message });
      throw new AppError('obo_failed', 'Your sign-in could not be exchanged for Microsoft Graph access.');
    }
    return createGraphPort({ endpoint: config.graph.endpoint, token: { getToken: async () => graphToken }, logger });
  };
}
