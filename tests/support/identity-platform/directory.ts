import { createHash } from 'node:crypto';

/** The identity platform's directory: apps, users, what it records, and its published documents. */

/** Bot Framework's channel issuer (the `iss` of tokens the connector sends to bots). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';
/** The audience of the bot's own tokens for the connector (scope https://api.botframework.com/.default). */
export const BOT_FRAMEWORK_RESOURCE = 'https://api.botframework.com';
/** Microsoft Graph's application id, an audience Graph accepts besides its URL. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Teams desktop/mobile, pre-authorized for the tab's access_as_user scope: the `azp` of SSO tokens. */
export const TEAMS_DESKTOP_CLIENT = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

export interface AppRegistration {
  clientId: string;
  secret: string;
  homeTenant: string;
  /** AzureADMyOrg (single tenant) is usable only in its home tenant. */
  signInAudience: 'AzureADMyOrg' | 'AzureADMultipleOrgs';
  /** Its own API's application ID URIs (api://host/clientId), accepted with the client id as an assertion's audience. */
  identifierUris?: string[];
}

export interface DirectoryUser {
  oid: string;
  name: string;
  upn: string;
  /** Active directory role template ids (the `wids` claim). */
  wids: string[];
}

/** One request to a token endpoint, as the platform saw it. */
export interface TokenRequest {
  tenant: string;
  grant: 'client_credentials' | 'on_behalf_of' | string;
  clientId: string;
  resource: string;
  status: number;
  /** The AADSTS number of a refusal. */
  aadsts?: number;
}

/** v2 OpenID metadata of one tenant (or common/organizations, whose issuer keeps the {tenantid} placeholder). */
export function tenantMetadata(url: string, segment: string, issuer: string): Record<string, unknown> {
  const base = `${url}/${segment}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
  };
}

/** Bot Framework's channel OpenID metadata (login.botframework.com/v1/.well-known/openidconfiguration in Azure). */
export function channelMetadata(url: string): Record<string, unknown> {
  return {
    issuer: CHANNEL_ISSUER,
    authorization_endpoint: 'https://invalid.botframework.com',
    jwks_uri: `${url}/botframework/v1/.well-known/keys`,
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
  };
}

/** A stable object id for the app's service principal in a tenant (the `oid` of its app-only tokens). */
export function servicePrincipalId(tenant: string, clientId: string): string {
  const h = createHash('sha256').update(`${tenant}/${clientId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The claims of a Teams SSO token (authentication.getAuthToken): v2, aud = the tab's client id, azp = the Teams client. */
export function ssoClaims(
  user: DirectoryUser,
  tenantId: string,
  clientId: string,
  issuer: string,
  audience = clientId,
): Record<string, unknown> {
  return {
    aud: audience,
    iss: issuer,
    tid: tenantId,
    oid: user.oid,
    sub: createHash('sha256').update(`${user.oid}/${clientId}`).digest('base64url').slice(0, 43),
    azp: TEAMS_DESKTOP_CLIENT,
    azpacr: '0',
    scp: 'access_as_user',
    wids: user.wids,
    name: user.name,
    preferred_username: user.upn,
    idtyp: 'user',
    ver: '2.0',
  };
}
