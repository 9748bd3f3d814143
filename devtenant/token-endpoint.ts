import { DEV_TENANT_APP, DEV_TENANT_USER_GRANT, GRAPH_RESOURCE } from '../platform/graph/dev-tenant';
import { refuse, type EntraError } from './entra-errors';
import type { TokenClaims } from './tokens';

/**
 * The dev tenant's token endpoint, `POST /{tenant}/oauth2/v2.0/token` (a form, as Entra's v2
 * endpoint takes it), as strict as Entra where the app depends on it: it authenticates the client
 * (Entra Companion's registration, DEV_TENANT_APP), and what a token carries is the tenant's admin
 * consent, never what the request asks for.
 *
 * - Client credentials: `scope` must be one `<resource>/.default` (anything else is AADSTS1002012
 *   invalid_scope); for Microsoft Graph the token's `roles` are every application permission the
 *   tenant granted (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow,
 *   "The .default scope"). A token for the app's own API (`api://<client id>/.default`) carries no
 *   Graph roles and another audience, so Graph refuses it 401 (tokens.ts).
 * - A signed-in user (DEV_TENANT_USER_GRANT, the demo's stand-in for on-behalf-of): the token's
 *   `scp` is the tenant's consented delegated permissions; a scope that names an unconsented one is
 *   AADSTS65001 consent_required, as on-behalf-of answers it.
 * Errors have Entra's shape and codes (entra-errors.ts): unknown tenant AADSTS90002, missing
 * parameter AADSTS900144, unknown client AADSTS700016, missing or wrong secret AADSTS7000218 /
 * AADSTS7000215 (invalid_client, 401), unknown resource AADSTS500011.
 */

/** What the tenant's admin consented to for the app: Graph application permissions (app roles) and delegated permissions. */
export interface Consent {
  application: readonly string[];
  delegated: readonly string[];
}

/** Microsoft Graph's app id: a scope may name the resource by it instead of its URL. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Scopes of OpenID Connect, which name no resource (Entra accepts them beside a resource's). */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Decides one token request: the claims its token carries, or Entra's refusal. */
export function decideToken(form: URLSearchParams, tenant: string, consent: Consent): TokenClaims | EntraError {
  if (tenant.toLowerCase() !== DEV_TENANT_APP.tenantId) return refuse.tenantNotFound(tenant);
  const grantType = form.get('grant_type');
  if (!grantType) return refuse.missingParameter('grant_type');
  if (grantType !== 'client_credentials' && grantType !== DEV_TENANT_USER_GRANT) return refuse.unsupportedGrant(grantType);
  const clientId = form.get('client_id');
  if (!clientId) return refuse.missingParameter('client_id');
  if (clientId.toLowerCase() !== DEV_TENANT_APP.clientId) return refuse.appNotFound(clientId, tenant);
  const secret = form.get('client_secret');
  if (!secret) return refuse.missingSecret();
  if (secret !== DEV_TENANT_APP.clientSecret) return refuse.invalidSecret(clientId);
  const scope = form.get('scope');
  if (!scope) return refuse.missingParameter('scope');
  const scopes = scope.split(' ').filter((s) => s && !OIDC_SCOPES.has(s));
  const tenantId = DEV_TENANT_APP.tenantId;

  if (grantType === 'client_credentials') {
    if (scopes.length !== 1 || !scopes[0].endsWith('/.default')) return refuse.invalidScope(scope);
    const resource = scopes[0].slice(0, -'/.default'.length);
    if (isGraph(resource)) return { kind: 'app', tenantId, audience: GRAPH_RESOURCE, roles: consent.application };
    if (isOwnApi(resource)) return { kind: 'app', tenantId, audience: resource, roles: [] };
    return refuse.resourceNotFound(resource, tenant);
  }

  const userId = form.get('user_id') ?? '';
  if (!GUID.test(userId)) return refuse.missingParameter('user_id');
  const asked: string[] = [];
  for (const value of scopes) {
    const slash = value.lastIndexOf('/');
    const resource = slash < 0 ? GRAPH_RESOURCE : value.slice(0, slash);
    if (!isGraph(resource)) return refuse.resourceNotFound(resource, tenant);
    const name = value.slice(slash + 1);
    if (name !== '.default') asked.push(name);
  }
  if (consent.delegated.length === 0 || asked.some((name) => !consent.delegated.includes(name)))
    return refuse.consentRequired(clientId, GRAPH_RESOURCE);
  const roles = (form.get('wids') ?? '').split(' ').filter(Boolean);
  return { kind: 'user', tenantId, userId, scopes: consent.delegated, roles };
}

/** The `scope` of a granted token's answer: what it was granted, as resource-qualified scopes. */
export function grantedScope(claims: TokenClaims): string {
  if (claims.kind === 'app') return `${claims.audience}/.default`;
  return claims.scopes.map((name) => `${GRAPH_RESOURCE}/${name}`).join(' ');
}

function isGraph(resource: string): boolean {
  return resource === GRAPH_RESOURCE || resource === `${GRAPH_RESOURCE}/` || resource === GRAPH_APP_ID;
}

function isOwnApi(resource: string): boolean {
  return resource === DEV_TENANT_APP.clientId || resource === `api://${DEV_TENANT_APP.clientId}`;
}
