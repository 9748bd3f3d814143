import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { createGraphPort } from './client';
import type { GraphPort } from './port';
import type { TokenProvider } from './tokens';

/**
 * Demo mode's Graph credentials: the dev tenant issues and checks its own bearer tokens, as Entra ID
 * and Graph do for a real tenant (devtenant/tokens.ts). The demo asks it over loopback for what
 * production gets from Entra: an app-only token with the app's application permissions (instead
 * of client credentials), or a signed-in user's delegated token (instead of on-behalf-of, after
 * the tab API has validated the user's own token).
 */
export type DevTenantTokenRequest =
  | { kind: 'app'; roles?: readonly string[] }
  | { kind: 'user'; tenantId?: string; userId: string; roles?: readonly string[]; scopes?: readonly string[] };

export function devTenantTokenProvider(endpoint: string, request: DevTenantTokenRequest): TokenProvider {
  let cached: { token: string; expiresOn: number } | undefined;
  return {
    getToken: async () => {
      if (cached && cached.expiresOn - Date.now() > 60_000) return cached.token;
      const response = await fetch(`${endpoint.replace(/\/$/, '')}/_devtenant/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const body = (await response.json().catch(() => ({}))) as {
        access_token?: string;
        expires_on?: number;
        error?: { message?: string };
      };
      if (!response.ok || !body.access_token)
        throw new Error(`the dev tenant issued no token (${response.status} ${body.error?.message ?? ''})`.trim());
      cached = { token: body.access_token, expiresOn: (body.expires_on ?? 0) * 1000 };
      return cached.token;
    },
  };
}

/** App-only Graph access in demo mode: every tenant is the dev tenant, read with the app's application permissions. */
export function devTenantAppOnlyGraph(config: AppConfig, logger: Logger): (tenantId: string) => GraphPort {
  const port = createGraphPort({
    endpoint: config.graph.endpoint,
    token: devTenantTokenProvider(config.graph.endpoint, { kind: 'app' }),
    logger,
  });
  return () => port;
}
