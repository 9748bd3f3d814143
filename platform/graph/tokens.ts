import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';

/** Gives a bearer token for Microsoft Graph. */
export interface TokenProvider {
  getToken(): Promise<string>;
}

/**
 * Hosts of Microsoft's own clouds: MSAL knows their metadata (instance discovery) itself. Any other
 * authority host (a private cloud, the tests' local identity platform) must be named in
 * `knownAuthorities`, or MSAL asks login.microsoftonline.com's instance discovery about it and
 * refuses it as untrusted (msal-common docs/authority.md; MSAL Node Configuration: knownAuthorities).
 */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login-us.microsoftonline.com',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/** MSAL's auth settings for one tenant of an authority host (e.g. https://login.microsoftonline.com + a tenant id). */
export function msalAuthority(authorityHost: string, tenant: string): Pick<Configuration['auth'], 'authority' | 'knownAuthorities'> {
  const base = authorityHost.replace(/\/$/, '');
  const host = new URL(base).host;
  return { authority: `${base}/${tenant}`, ...(MICROSOFT_AUTHORITY_HOSTS.has(host.toLowerCase()) ? {} : { knownAuthorities: [host] }) };
}

export interface AppOnlyCredentials {
  clientId: string;
  clientSecret: string;
  tenantId: string;
  authorityHost: string;
  /** Graph resource, e.g. https://graph.microsoft.com (in a national cloud, its own Graph URL). */
  graphResource?: string;
}

/**
 * App-only tokens (client credentials) for the watcher and `npm run check` against a real tenant.
 * MSAL caches the token and renews it before expiry; callers who ask while a request is under way
 * share it (a snapshot's first reads run in parallel, and MSAL would send one token request each).
 */
export function appOnlyTokenProvider(credentials: AppOnlyCredentials): TokenProvider {
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      ...msalAuthority(credentials.authorityHost, credentials.tenantId),
    },
  });
  const scope = `${(credentials.graphResource ?? 'https://graph.microsoft.com').replace(/\/$/, '')}/.default`;
  let pending: Promise<string> | undefined;
  let refused: { error: unknown; until: number } | undefined;
  const acquire = async (): Promise<string> => {
    try {
      const result = await msal.acquireTokenByClientCredential({ scopes: [scope] });
      if (!result?.accessToken) throw new Error('Microsoft Entra ID returned no access token for the app');
      return result.accessToken;
    } catch (error) {
      if (credentialRefused(error)) refused = { error, until: Date.now() + REFUSED_CREDENTIAL_MS };
      throw error;
    }
  };
  return {
    getToken: () => {
      // A secret Entra ID refused (expired, wrong, app gone) stays refused until someone changes the
      // configuration: the reads of one check, and the next minute's callers, get the same answer
      // without asking again.
      if (refused && Date.now() < refused.until) return Promise.reject(refused.error);
      pending ??= acquire().finally(() => (pending = undefined));
      return pending;
    },
  };
}

/** How long a refused credential is answered from memory. */
const REFUSED_CREDENTIAL_MS = 60_000;

/**
 * Entra ID refused the app's credential itself (OAuth `invalid_client`: AADSTS7000222 expired secret,
 * AADSTS7000215 invalid secret; `unauthorized_client` / AADSTS700016: no such app in the tenant), as
 * opposed to a failure that may pass (network, throttling, a 5xx).
 */
function credentialRefused(error: unknown): boolean {
  const { errorCode, message } = (error ?? {}) as { errorCode?: unknown; message?: unknown };
  return errorCode === 'invalid_client' || errorCode === 'unauthorized_client' || /AADSTS(7000222|7000215|700016)\b/.test(String(message));
}
