import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { TestCa } from './ca';
import { refuse, refuseAssertion, type EntraError } from '../../../devtenant/entra-errors';
import {
  BOT_FRAMEWORK_RESOURCE,
  CHANNEL_ISSUER,
  channelMetadata,
  GRAPH_APP_ID,
  servicePrincipalId,
  ssoClaims,
  tenantMetadata,
  type AppRegistration,
  type DirectoryUser,
  type TokenRequest,
} from './directory';
import { listenOnLoopback, closeServer } from '../loopback';

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * A local Microsoft identity platform over HTTPS on loopback (its certificate from a test-time CA):
 * per-tenant v2 OpenID metadata and JWKS (`/{tenant}/v2.0/.well-known/openid-configuration`,
 * `/{tenant}/discovery/v2.0/keys`, `/common/discovery/v2.0/keys`), and `/{tenant}/oauth2/v2.0/token`
 * for client credentials and on-behalf-of (`urn:ietf:params:oauth:grant-type:jwt-bearer`), issuing
 * v2 tokens with tid, oid, scp or roles, wids, aud, iss, azp. It also plays Bot Framework's channel
 * issuer (`/botframework/v1/.well-known/openidconfiguration` and its keys, with endorsements). It
 * refuses what Entra refuses, with AADSTS codes, and records every token request.
 */
export class LocalIdentityPlatform {
  url = '';
  readonly tokenRequests: TokenRequest[] = [];
  /** GETs of metadata and keys (MSAL's endpoint discovery, botbuilder's and jose's key fetches). */
  readonly metadataRequests: string[] = [];
  /** Lifetime of issued access tokens, seconds. */
  tokenLifetimeSeconds = 3600;
  private readonly apps = new Map<string, AppRegistration & { expired?: boolean }>();
  private readonly tenants = new Map<string, Map<string, DirectoryUser>>();
  private readonly aliases = new Map<string, string>();
  /** `${tenant}/${clientId}` → delegated scopes an admin consented to. */
  private readonly consent = new Map<string, string[]>();
  /** `${tenant}/${clientId}` → application permissions granted (Graph app roles). */
  private readonly appRoles = new Map<string, string[]>();
  private readonly server: https.Server;
  private keys!: { tenant: CryptoKey; channel: CryptoKey; tenantJwks: JWK[]; channelJwks: JWK[] };

  /** The URL that plays Microsoft Graph here: the resource of Graph tokens (as https://graph.microsoft.us is in a national cloud). */
  graphResource = 'https://graph.microsoft.com';

  constructor(ca: TestCa) {
    this.server = https.createServer(ca.server, (req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    const [tenant, channel] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256')]);
    const kid = (key: JWK) => createHash('sha256').update(String(key.n)).digest('base64url').slice(0, 27);
    const tenantJwk = await exportJWK(tenant.publicKey);
    const channelJwk = await exportJWK(channel.publicKey);
    this.keys = {
      tenant: tenant.privateKey,
      channel: channel.privateKey,
      tenantJwks: [{ ...tenantJwk, kid: kid(tenantJwk), kty: 'RSA', use: 'sig', alg: 'RS256' }],
      channelJwks: [{ ...channelJwk, kid: kid(channelJwk), kty: 'RSA', use: 'sig', alg: 'RS256', endorsements: ['msteams'] } as JWK],
    };
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  addTenant(tenantId: string, ...aliases: string[]): this {
    this.tenants.set(tenantId, this.tenants.get(tenantId) ?? new Map());
    for (const alias of aliases) this.aliases.set(alias, tenantId);
    return this;
  }

  addUser(tenantId: string, user: DirectoryUser): this {
    this.addTenant(tenantId).tenants.get(tenantId)!.set(user.oid, user);
    return this;
  }

  register(app: AppRegistration): this {
    this.apps.set(app.clientId, { ...app });
    return this;
  }

  /** Admin consent to delegated permissions in a tenant (the service principal's oauth2PermissionGrant). */
  grantConsent(tenantId: string, clientId: string, scopes: string[]): this {
    this.consent.set(`${tenantId}/${clientId}`, scopes);
    return this;
  }

  revokeConsent(tenantId: string, clientId: string): this {
    this.consent.delete(`${tenantId}/${clientId}`);
    return this;
  }

  grantAppRoles(tenantId: string, clientId: string, roles: string[]): this {
    this.appRoles.set(`${tenantId}/${clientId}`, roles);
    return this;
  }

  /** The app's secret reached its end date: Entra answers AADSTS7000222 from now on. */
  expireSecret(clientId: string): void {
    this.apps.get(clientId)!.expired = true;
  }

  issuer(tenantId: string): string {
    return `${this.url}/${tenantId}/v2.0`;
  }

  get channelMetadataUrl(): string {
    return `${this.url}/botframework/v1/.well-known/openidconfiguration`;
  }

  /** Token requests, optionally only one grant or one client's. */
  requests(filter: { grant?: string; clientId?: string; ok?: boolean } = {}): TokenRequest[] {
    return this.tokenRequests.filter(
      (r) =>
        (!filter.grant || r.grant === filter.grant) &&
        (!filter.clientId || r.clientId === filter.clientId) &&
        (filter.ok === undefined || (r.status === 200) === filter.ok),
    );
  }

  /** The token Teams hands the tab from authentication.getAuthToken(): v2, aud = the tab's client id, scp access_as_user. */
  async ssoToken(options: { tenantId: string; userOid: string; clientId: string; expiresIn?: number; audience?: string }): Promise<string> {
    const user = this.tenants.get(options.tenantId)?.get(options.userOid);
    if (!user) throw new Error(`no user ${options.userOid} in tenant ${options.tenantId}`);
    const claims = ssoClaims(user, options.tenantId, options.clientId, this.issuer(options.tenantId), options.audience);
    return this.sign(claims, options.expiresIn ?? this.tokenLifetimeSeconds);
  }

  /** A token the Bot Connector sends to the bot (Authorization: Bearer on POST /api/messages). */
  async channelToken(botId: string, serviceUrl: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: this.keys.channelJwks[0].kid!, typ: 'JWT' })
      .setIssuer(CHANNEL_ISSUER)
      .setAudience(botId)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + 3600)
      .sign(this.keys.channel);
  }

  /** Checks a token this platform issued (for the stand-ins of the services that receive them). */
  async verify(token: string, expect: { audience: string | string[] }): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: this.keys.tenantJwks }), {
      algorithms: ['RS256'],
      audience: expect.audience,
      requiredClaims: ['tid', 'exp', 'iss'],
    });
    if (payload.iss !== this.issuer(String(payload.tid))) throw new Error(`issuer ${payload.iss} is not tenant ${payload.tid}'s`);
    return payload;
  }

  private async sign(claims: Record<string, unknown>, lifetime: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.keys.tenantJwks[0].kid!, typ: 'JWT' })
      .setIssuedAt(now - 5)
      .setNotBefore(now - 5)
      .setExpirationTime(now + lifetime)
      .sign(this.keys.tenant);
  }

  private tenantOf(segment: string): string | undefined {
    const id = this.aliases.get(segment) ?? segment;
    return this.tenants.has(id) ? id : undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET') this.metadataRequests.push(url.pathname);
    if (req.method === 'GET' && url.pathname === '/botframework/v1/.well-known/openidconfiguration') {
      return json(res, 200, channelMetadata(this.url));
    }
    if (req.method === 'GET' && url.pathname === '/botframework/v1/.well-known/keys')
      return json(res, 200, { keys: this.keys.channelJwks });
    if (req.method === 'GET' && parts.length === 4 && parts.slice(1).join('/') === 'discovery/v2.0/keys') {
      if (parts[0] !== 'common' && parts[0] !== 'organizations' && !this.tenantOf(parts[0]))
        return this.refused(res, refuse.tenantNotFound(parts[0]));
      return json(res, 200, { keys: this.keys.tenantJwks });
    }
    if (req.method === 'GET' && parts.slice(1).join('/') === 'v2.0/.well-known/openid-configuration') {
      const tenant = this.tenantOf(parts[0]);
      if (!tenant && parts[0] !== 'common' && parts[0] !== 'organizations') return this.refused(res, refuse.tenantNotFound(parts[0]));
      return json(res, 200, tenantMetadata(this.url, parts[0], tenant ? this.issuer(tenant) : `${this.url}/{tenantid}/v2.0`));
    }
    if (req.method === 'POST' && parts.length === 4 && parts.slice(1).join('/') === 'oauth2/v2.0/token') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return this.token(res, parts[0], new URLSearchParams(Buffer.concat(chunks).toString()));
    }
    json(res, 404, { error: 'not_found', error_description: `no such endpoint: ${req.method} ${url.pathname}` });
  }

  private refused(res: ServerResponse, error: EntraError, record?: Omit<TokenRequest, 'status' | 'aadsts'>): void {
    if (record) this.tokenRequests.push({ ...record, status: error.status, aadsts: (error.body.error_codes as number[])[0] });
    json(res, error.status, error.body);
  }

  private async token(res: ServerResponse, segment: string, form: URLSearchParams): Promise<void> {
    const grantType = form.get('grant_type') ?? '';
    const grant = grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer' ? 'on_behalf_of' : grantType;
    const clientId = form.get('client_id') ?? '';
    const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s && !OIDC_SCOPES.has(s));
    const resource = scopes[0]?.replace(/\/[^/]*$/, '') ?? '';
    const record = { tenant: segment, grant, clientId, resource };
    const tenant = this.tenantOf(segment);
    if (!tenant) return this.refused(res, refuse.tenantNotFound(segment), record);
    if (grant !== 'client_credentials' && grant !== 'on_behalf_of') return this.refused(res, refuse.unsupportedGrant(grantType), record);
    const app = this.apps.get(clientId);
    if (!app || (app.signInAudience === 'AzureADMyOrg' && app.homeTenant !== tenant))
      return this.refused(res, refuse.appNotFound(clientId, tenant), record);
    if (form.get('client_secret') !== app.secret) return this.refused(res, refuse.invalidSecret(clientId), record);
    if (app.expired) return this.refused(res, refuse.expiredSecret(clientId), record);
    if (!this.knownResource(resource)) return this.refused(res, refuse.resourceNotFound(resource, tenant), record);
    const lifetime = this.tokenLifetimeSeconds;
    const base = { aud: resource, iss: this.issuer(tenant), tid: tenant, azp: clientId, appid: clientId, ver: '2.0' };
    let claims: Record<string, unknown>;
    let clientInfo: string | undefined;
    if (grant === 'client_credentials') {
      if (!scopes[0]?.endsWith('/.default')) return this.refused(res, refuse.invalidScope(scopes.join(' ')), record);
      const sp = servicePrincipalId(tenant, clientId);
      claims = {
        ...base,
        oid: sp,
        sub: sp,
        idtyp: 'app',
        azpacr: '1',
        roles: this.isGraph(resource) ? (this.appRoles.get(`${tenant}/${clientId}`) ?? []) : undefined,
      };
    } else {
      if (form.get('requested_token_use') !== 'on_behalf_of') return this.refused(res, refuse.unsupportedGrant(grantType), record);
      let user: JWTPayload;
      try {
        user = await this.verify(form.get('assertion') ?? '', { audience: [app.clientId, ...(app.identifierUris ?? [])] });
      } catch (error) {
        return this.refused(res, refuseAssertion(error, clientId), record);
      }
      if (user.tid !== tenant)
        return this.refused(res, refuse.assertionInvalid(`the assertion was issued by tenant ${String(user.tid)}`), record);
      const consented = this.isGraph(resource) ? this.consent.get(`${tenant}/${clientId}`) : ['user_impersonation'];
      if (!consented) return this.refused(res, refuse.consentRequired(clientId, resource), record);
      claims = {
        ...base,
        oid: user.oid,
        sub: user.sub,
        idtyp: 'user',
        azpacr: '1',
        scp: consented.join(' '),
        wids: user.wids,
        name: user.name,
        preferred_username: user.preferred_username,
      };
      if (form.get('client_info') === '1') clientInfo = Buffer.from(JSON.stringify({ uid: user.oid, utid: tenant })).toString('base64url');
    }
    this.tokenRequests.push({ ...record, status: 200 });
    json(res, 200, {
      token_type: 'Bearer',
      // Entra lists what was granted; a /.default request also gets /.default back.
      scope:
        grant === 'on_behalf_of'
          ? [...(claims.scp as string).split(' ').map((s) => `${resource}/${s}`), ...scopes.filter((s) => s.endsWith('/.default'))].join(
              ' ',
            )
          : scopes.join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: await this.sign(claims, lifetime),
      ...(clientInfo ? { client_info: clientInfo } : {}),
    });
  }

  private isGraph(resource: string): boolean {
    return resource === this.graphResource || resource === GRAPH_APP_ID;
  }

  private knownResource(resource: string): boolean {
    if (this.isGraph(resource) || resource === BOT_FRAMEWORK_RESOURCE) return true;
    return [...this.apps.values()].some((app) => app.clientId === resource || app.identifierUris?.includes(resource));
  }
}
