import { randomUUID } from 'node:crypto';
import { generateKeyPair, jwtVerify, SignJWT, errors as joseErrors, type CryptoKey } from 'jose';
import { graphError, type GraphResponse } from './answer';
import { DEV_TENANT_APP, GRAPH_RESOURCE } from '../platform/graph/dev-tenant';

/**
 * The dev tenant's own bearer tokens, shaped like the access tokens Microsoft Entra ID issues for
 * Microsoft Graph (v1 tokens: `aud` https://graph.microsoft.com, `iss` https://sts.windows.net/{tid}/,
 * `idtyp` app|user, `roles` for application permissions, `scp` (space-separated) and `wids` for a
 * signed-in user). https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference
 *
 * The dev tenant signs them with a key made at start-up and reads only its own: a request without
 * one, or with one it did not sign, expired or for another audience, gets Graph's 401
 * InvalidAuthenticationToken ("Access token is empty." / "Access token validation failure.").
 */

export const GRAPH_AUDIENCE = GRAPH_RESOURCE;
/** The demo tenant (the shipped scenarios' organization id). */
export const DEV_TENANT_ID = DEV_TENANT_APP.tenantId;
/** The demo app's client id in the dev tenant (Entra Companion's registration stands in here). */
export const DEV_APP_ID = DEV_TENANT_APP.clientId;

/** Who calls, as the dev tenant reads the token. */
export type Caller =
  | { kind: 'app'; tenantId: string; appId: string; roles: ReadonlySet<string> }
  | {
      kind: 'user';
      tenantId: string;
      appId: string;
      userId: string;
      /** Delegated permissions (the `scp` claim). */
      scopes: ReadonlySet<string>;
      /** Directory role template ids (the `wids` claim). */
      roles: ReadonlySet<string>;
    };

/**
 * A token the dev tenant's own helpers ask for (tests, scripts): app-only, or a signed-in user's
 * delegated token. Neither names permissions: it carries what the tenant consented to, as the token
 * endpoint's would (token-endpoint.ts).
 */
export type TokenRequest =
  | { kind: 'app'; tenantId?: string; lifetimeSeconds?: number }
  | {
      kind: 'user';
      tenantId?: string;
      userId: string;
      /** Directory role template ids. */
      roles?: readonly string[];
      lifetimeSeconds?: number;
    };

/** What one token says, once the endpoint has decided what it may carry. */
export type TokenClaims =
  | { kind: 'app'; tenantId: string; audience: string; roles: readonly string[]; lifetimeSeconds?: number }
  | { kind: 'user'; tenantId: string; userId: string; scopes: readonly string[]; roles: readonly string[]; lifetimeSeconds?: number };

export interface IssuedToken {
  token: string;
  expiresOn: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class DevTenantTokens {
  private constructor(
    private readonly key: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly kid: string,
    private readonly clock: () => Date,
  ) {}

  static async create(clock: () => Date = () => new Date()): Promise<DevTenantTokens> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    return new DevTenantTokens(privateKey, publicKey, randomUUID(), clock);
  }

  /** Signs a token with exactly these claims (token-endpoint.ts decides them); throws TokenRequestError for a malformed id. */
  async issue(request: TokenClaims): Promise<IssuedToken> {
    const { tenantId } = request;
    if (!GUID.test(tenantId)) throw new TokenRequestError(`tenantId must be a GUID, got ${JSON.stringify(tenantId)}`);
    const now = Math.floor(this.clock().getTime() / 1000);
    const lifetime = request.lifetimeSeconds ?? 3600;
    const claims: Record<string, unknown> = { tid: tenantId, appid: DEV_APP_ID, ver: '1.0' };
    if (request.kind === 'app') {
      Object.assign(claims, { idtyp: 'app', oid: DEV_APP_ID, roles: [...request.roles] });
    } else {
      if (!GUID.test(request.userId ?? '')) throw new TokenRequestError("a user token needs the user's object id (a GUID)");
      Object.assign(claims, { idtyp: 'user', oid: request.userId, scp: request.scopes.join(' '), wids: [...request.roles] });
    }
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(issuerOf(tenantId))
      .setAudience(request.kind === 'app' ? request.audience : GRAPH_AUDIENCE)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + lifetime)
      .sign(this.key);
    return { token, expiresOn: (now + lifetime) * 1000 };
  }

  /** Reads the Authorization header: the caller, or Graph's 401. */
  async read(authorization: string | undefined): Promise<Caller | GraphResponse> {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) return unauthenticated('Access token is empty.');
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        audience: GRAPH_AUDIENCE,
        algorithms: ['RS256'],
        currentDate: this.clock(),
      });
      const tenantId = String(payload.tid ?? '');
      if (payload.iss !== issuerOf(tenantId)) return unauthenticated('Access token validation failure. Invalid issuer.');
      const appId = String(payload.appid ?? '');
      if (payload.idtyp === 'app') return { kind: 'app', tenantId, appId, roles: new Set(stringList(payload.roles)) };
      return {
        kind: 'user',
        tenantId,
        appId,
        userId: String(payload.oid ?? ''),
        scopes: new Set(
          String(payload.scp ?? '')
            .split(' ')
            .filter(Boolean),
        ),
        roles: new Set(stringList(payload.wids)),
      };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return unauthenticated('Lifetime validation failed, the token is expired.');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud')
        return unauthenticated('Access token validation failure. Invalid audience.');
      return unauthenticated('Access token validation failure.');
    }
  }
}

export class TokenRequestError extends Error {}

export function isCaller(value: Caller | GraphResponse): value is Caller {
  return 'kind' in value;
}

function issuerOf(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Graph's 401 for a missing or unreadable token (with the WWW-Authenticate challenge Graph sends). */
function unauthenticated(message: string): GraphResponse {
  const answer = graphError(401, 'InvalidAuthenticationToken', message);
  answer.headers['www-authenticate'] = 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"';
  return answer;
}
