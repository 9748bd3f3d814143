import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { createGraphPort } from './client';
import type { GraphPort } from './port';
import type { TokenProvider } from './tokens';

/**
 * Demo mode's Graph credentials: the dev tenant issues and checks its own bearer tokens, as Entra ID
 * and Graph do for a real tenant (devtenant/tokens.ts, devtenant/token-endpoint.ts). The demo asks
 * its token endpoint over loopback, with Entra's own form, for what production gets from Entra: an
 * app-only token (client credentials, scope `https://graph.microsoft.com/.default`), or a signed-in
 * user's delegated token (in place of on-behalf-of, after the tab API has validated the user's own
 * token). What a token carries is the tenant's admin consent, never what the request names.
 */

/**
 * Entra Companion's app registration in the dev tenant. The secret is a well-known value, like the
 * demo's notify key: the dev tenant listens on loopback only and no real tenant knows this app.
 */
export const DEV_TENANT_APP = {
  tenantId: '84841066-274d-4ec0-a5c1-276be684bdd3',
  clientId: '00000000-0000-4000-8000-0000000ec0a1',
  clientSecret: 'dev-tenant-well-known-secret',
} as const;

/** Microsoft Graph's resource, as a client-credentials scope names it (`<resource>/.default`). */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/**
 * The dev tenant's grant for a signed-in user's delegated token: on-behalf-of without the assertion,
 * which the tab API has already validated; the user's object id and directory roles come from it.
 */
export const DEV_TENANT_USER_GRANT = 'urn:entra-companion:dev-tenant:signed-in-user';

export type DevTenantTokenRequest = { kind: 'app' } | { kind: 'user'; tenantId?: string; userId: string; roles?: readonly string[] };

/** The token endpoint's path for a tenant, as Entra's v2 endpoint spells it. */
export function devTenantTokenPath(tenantId: string = DEV_TENANT_APP.tenantId): string {
  return `/${tenantId}/oauth2/v2.0/token`;
}

/** The form the demo posts to the dev tenant's token endpoint. */
export function devTenantTokenForm(request: DevTenantTokenRequest): URLSearchParams {
  const form = new URLSearchParams({
    client_id: DEV_TENANT_APP.clientId,
    client_secret: DEV_TENANT_APP.clientSecret,
    scope: `${GRAPH_RESOURCE}/.default`,
  });
  if (request.kind === 'app') form.set('grant_type', 'client_credentials');
  else {
    form.set('grant_type', DEV_TENANT_USER_GRANT);
    form.set('user_id', request.userId);
    form.set('wids', (request.roles ?? []).join(' '));
  }
  return form;
}

export function devTenantTokenProvider(endpoint: string, request: DevTenantTokenRequest): TokenProvider {
  let cached: { token: string; expiresOn: number } | undefined;
  const tenantId = request.kind === 'user' ? request.tenantId : undefined;
  return {
    getToken: async () => {
      if (cached && cached.expiresOn - Date.now() > 60_000) return cached.token;
      const response = await fetch(`${endpoint.replace(/\/$/, '')}${devTenantTokenPath(tenantId)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: devTenantTokenForm(request),
      });
      const body = (await response.json().catch(() => ({}))) as {
        access_token?: string;
        expires_in?: number;
        error?: string;
        error_description?: string;
      };
      if (!response.ok || !body.access_token) {
        const reason = body.error_description?.split('\r\n')[0] ?? body.error ?? '';
        throw new Error(`the dev tenant issued no token (${response.status} ${reason})`.trim());
      }
      cached = { token: body.access_token, expiresOn: Date.now() + (body.expires_in ?? 0) * 1000 };
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
