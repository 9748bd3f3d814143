import { startDevTenant, type RunningDevTenant } from '../../../devtenant/server';
import { AppError } from '../../../platform/errors';
import { silentLogger } from '../../../platform/logger';
import { delegatedGraph } from '../../../tab/api/delegated-graph';
import { DEV_TENANT_ID } from '../../../devtenant/tokens';
import { startTabApiServer } from '../../support/tab-api-server';
import { GLOBAL_ADMIN, TabTokens, TEST_AUDIENCE } from '../../support/tab-tokens';
import { EntraAuthorize } from './entra-authorize';
import type { TeamsUser } from './protocol';
import { startTlsFront } from './tls-front';

/** The app registration's client id: the GUID at the end of the tab tokens' audience (api://host/<id>). */
export const TEST_CLIENT_ID = TEST_AUDIENCE.split('/').pop()!;

/** A Global Administrator of Contoso, the dev tenant's organization. */
export const TEAMS_ADMIN: TeamsUser = {
  tenantId: DEV_TENANT_ID,
  objectId: '5b0c2a1e-7d4f-4c1a-9e2b-3f6a8d9c0e11',
  userPrincipalName: 'megan@contoso.example',
  displayName: 'Megan Bowen',
};

export interface TeamsStack {
  /** https://127.0.0.1:<port>, the tab's origin. */
  url: string;
  tokens: TabTokens;
  authority: EntraAuthorize;
  devTenant: RunningDevTenant;
  /** Tab API calls the server answered, by path, with the tenant of the token. */
  readonly apiCalls: Array<{ path: string; tenantId: string }>;
  /** A Teams SSO token for the user, as Entra issues it for the tab's app registration. */
  ssoToken(user?: TeamsUser): Promise<string>;
  /** Consent is needed (or not) before the tenant's Graph may be read for its users. */
  requireConsent(required: boolean): void;
  stop(): Promise<void>;
}

/**
 * The server as Teams reaches it: the real routes and built tab, with the tab API validating
 * tokens against the test's issuer (tests/support/tab-tokens.ts: RS256, issuer per tenant, the app's
 * audience, access_as_user) instead of Entra's keys, and the dev tenant as each admin's Graph. Graph
 * answers consent_required, as the on-behalf-of exchange does (AADSTS65001), until the user
 * accepts on the authorize page, when consent is required.
 */
export async function startTeamsStack(tabStaticDir: string): Promise<TeamsStack> {
  const tokens = await TabTokens.create();
  const devTenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
  const apiCalls: TeamsStack['apiCalls'] = [];
  let consentRequired = false;
  // Its redirect URI is known once the server listens.
  const redirectUris: string[] = [];
  const authority = new EntraAuthorize({ clientId: TEST_CLIENT_ID, redirectUris });
  const server = await startTabApiServer(
    tokens,
    (config) => {
      // Each admin's own delegated Graph, as the dev tenant issues it in place of the on-behalf-of exchange.
      const graph = delegatedGraph(config, silentLogger);
      return {
        graph: async (principal) => {
          if (consentRequired && !authority.consented.has(principal.tenantId)) {
            throw new AppError('consent_required', "Entra Companion needs your consent (or an admin's) to read the directory for you.");
          }
          return graph(principal);
        },
      };
    },
    { GRAPH_ENDPOINT: devTenant.url, TAB_STATIC_DIR: tabStaticDir, AAD_APP_CLIENT_ID: TEST_CLIENT_ID },
  );
  server.app.pre((req, _res, next) => {
    const path = req.url?.split('?')[0] ?? '';
    if (path.startsWith('/api/tab/') && path !== '/api/tab/config') apiCalls.push({ path, tenantId: tenantOf(req.headers.authorization) });
    next();
  });
  // Teams loads tabs over https only: TLS in front, as App Service has it.
  const front = await startTlsFront(server.url);
  const url = front.url;
  redirectUris.push(`${url}/tab/auth-end.html`);
  return {
    url,
    tokens,
    authority,
    devTenant,
    apiCalls,
    ssoToken: (user = TEAMS_ADMIN) => tokens.mint({ tid: user.tenantId, oid: user.objectId, name: user.displayName, wids: [GLOBAL_ADMIN] }),
    requireConsent: (required) => {
      consentRequired = required;
      authority.consented.clear();
    },
    stop: async () => {
      await front.close();
      await server.close();
      await devTenant.close();
    },
  };
}

/** The tenant a bearer token names (unverified; only for the record). */
function tenantOf(authorization: string | undefined): string {
  const payload = authorization?.split(' ')[1]?.split('.')[1];
  if (!payload) return '';
  try {
    return String((JSON.parse(Buffer.from(payload, 'base64url').toString()) as { tid?: string }).tid ?? '');
  } catch {
    return '';
  }
}
