import { ConfidentialClientApplication } from '@azure/msal-node';

/** Gives a bearer token for Microsoft Graph. */
export interface TokenProvider {
  getToken(): Promise<string>;
}

/** The dev tenant accepts any token; this one says where it came from. */
export const devTenantToken: TokenProvider = { getToken: async () => 'dev-tenant-token' };

export interface AppOnlyCredentials {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  authorityHost: string;
  /** Graph resource, e.g. https://graph.microsoft.com */
  graphResource?: string;
}

/**
 * App-only tokens (client credentials) for the watcher and `npm run check` against a real tenant.
 * MSAL caches the token and renews it before expiry.
 */
export function appOnlyTokenProvider(credentials: AppOnlyCredentials): TokenProvider {
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      authority: `${credentials.authorityHost.replace(/\/$/, '')}/${credentials.tenantId}`,
    },
  });
  const scope = `${(credentials.graphResource ?? 'https://graph.microsoft.com').replace(/\/$/, '')}/.default`;
  return {
    getToken: async () => {
      const result = await msal.acquireTokenByClientCredential({ scopes: [scope] });
      if (!result?.accessToken) throw new Error('Microsoft Entra ID returned no access token for the app');
      return result.accessToken;
    },
  };
}
