import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';

export const TEST_TENANT = '11111111-2222-4333-8444-555555555555';
export const OTHER_TENANT = '99999999-8888-4777-8666-555555555555';
export const TEST_AUDIENCE = 'api://tab.example.net/00000000-aaaa-4bbb-8ccc-000000000001';
export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
export const issuerOf = (tenantId: string): string => `https://login.example.test/${tenantId}/v2.0`;

export interface TokenClaims {
  tid?: string;
  aud?: string;
  iss?: string;
  scp?: string;
  wids?: string[];
  expiresIn?: number;
  name?: string;
  /** The user's object id (a GUID in Entra). */
  oid?: string;
}

/** Mints tab tokens as Entra would, and forged ones, with keys the test owns. */
export class TabTokens {
  private constructor(
    private readonly key: CryptoKey,
    private readonly forger: CryptoKey,
    readonly jwks: JSONWebKeySet,
  ) {}

  static async create(): Promise<TabTokens> {
    const real = await generateKeyPair('RS256');
    const forged = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(real.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    return new TabTokens(real.privateKey, forged.privateKey, { keys: [jwk] });
  }

  async mint(claims: TokenClaims = {}, options: { forge?: boolean } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const tid = claims.tid ?? TEST_TENANT;
    return new SignJWT({
      tid,
      oid: claims.oid ?? 'user-oid',
      name: claims.name ?? 'Test Admin',
      scp: claims.scp ?? 'access_as_user',
      wids: claims.wids ?? [GLOBAL_ADMIN],
      ver: '2.0',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(claims.iss ?? issuerOf(tid))
      .setAudience(claims.aud ?? TEST_AUDIENCE)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + (claims.expiresIn ?? 3600))
      .sign(options.forge ? this.forger : this.key);
  }
}
