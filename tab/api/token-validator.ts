import { AppError } from '../../platform/errors';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

/** Who called the tab API, from a validated token. */
export interface Principal {
  tenantId: string;
  /** Entra object id of the user. */
  userId: string;
  name: string;
  /** Role template ids (the `wids` claim). */
  roles: string[];
  scopes: string[];
  /** The raw token, kept only to exchange it on-behalf-of; never logged, never returned. */
  token: string;
}

export interface ValidatorOptions {
  /** Accepted audiences: the app's client id and its api:// application id URI. */
  audiences: string[];
  /** The issuer a token of tenant `tid` must carry, for each token version. */
  issuerFor: (tenantId: string, version: '1.0' | '2.0') => string;
  /** The signing keys: Entra's published JWKS, or the demo issuer's local key set. */
  keys: { jwksUri: string } | { jwks: JSONWebKeySet };
  requiredScope: string;
  /** Clock skew tolerated, seconds. */
  clockToleranceSeconds?: number;
}

/**
 * Validates the tab's bearer tokens: signature against the issuer's keys (by kid), issuer for the
 * token's own tenant, audience, expiry, and the access_as_user scope. The same code checks Teams
 * SSO tokens in production and the demo sign-in's tokens, which only differ by keys and issuer.
 */
export class TokenValidator {
  private readonly keySet;

  constructor(private readonly options: ValidatorOptions) {
    this.keySet = 'jwksUri' in options.keys ? createRemoteJWKSet(new URL(options.keys.jwksUri)) : createLocalJWKSet(options.keys.jwks);
  }

  async validate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization?.trim() ?? '');
    if (!match) throw new AppError('unauthenticated', 'Sign-in required: send the Teams SSO token as "Authorization: Bearer <token>".');
    const token = match[1];
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new AppError('invalid_token', 'The token is not a JWT.');
    }
    const tenantId = typeof unverified.tid === 'string' ? unverified.tid : '';
    if (!/^[0-9a-z-]{8,64}$/i.test(tenantId)) throw new AppError('invalid_token', 'The token has no tenant id.');
    const version = unverified.ver === '1.0' ? '1.0' : '2.0';
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet, {
        algorithms: ['RS256'],
        audience: this.options.audiences,
        issuer: this.options.issuerFor(tenantId, version),
        clockTolerance: this.options.clockToleranceSeconds ?? 60,
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      throw new AppError('invalid_token', describe(error));
    }
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(this.options.requiredScope)) {
      throw new AppError('insufficient_scope', `The token lacks the ${this.options.requiredScope} scope.`);
    }
    return {
      tenantId,
      userId: String(payload.oid ?? payload.sub ?? ''),
      name: String(payload.name ?? payload.preferred_username ?? 'Signed-in user'),
      roles: Array.isArray(payload.wids) ? payload.wids.map(String) : [],
      scopes,
      token,
    };
  }
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not accepted.`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is not valid.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token was not signed by a known key.';
  return 'The token is not valid.';
}
