import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import { ENTRA_ROLES } from '../../identity/tenant/admin-roles';

/** Demo personas of the local sign-in. */
export const DEV_PERSONAS = {
  admin: {
    name: 'Adele Vance (Global Administrator)',
    oid: '00000000-0000-4000-8000-00000000ad01',
    wids: [ENTRA_ROLES.globalAdministrator.id],
  },
  reader: {
    name: 'Megan Bowen (Global Reader)',
    oid: '00000000-0000-4000-8000-00000000ad02',
    wids: [ENTRA_ROLES.globalReader.id],
  },
  user: { name: 'Alex Wilber (no admin role)', oid: '00000000-0000-4000-8000-00000000ad03', wids: [] as string[] },
} as const;

export type DevPersona = keyof typeof DEV_PERSONAS;

/**
 * Demo mode's sign-in: a local RS256 issuer whose tokens look like Teams SSO tokens (tid, oid,
 * wids, scp) and go through the same TokenValidator, only with this issuer's keys.
 */
export class DevIssuer {
  private constructor(
    private readonly privateKey: CryptoKey,
    readonly jwks: JSONWebKeySet,
    private readonly kid: string,
    readonly issuerBase: string,
    readonly audience: string,
    readonly tenantId: string,
  ) {}

  static async create(options: { issuerBase: string; audience: string; tenantId: string }): Promise<DevIssuer> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const kid = randomUUID();
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    return new DevIssuer(privateKey, { keys: [jwk] }, kid, options.issuerBase.replace(/\/$/, ''), options.audience, options.tenantId);
  }

  issuerFor(tenantId: string): string {
    return `${this.issuerBase}/${tenantId}/v2.0`;
  }

  async issue(persona: DevPersona, lifetimeSeconds = 3600): Promise<{ token: string; expiresAt: string }> {
    const who = DEV_PERSONAS[persona];
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({
      tid: this.tenantId,
      oid: who.oid,
      name: who.name,
      wids: [...who.wids],
      scp: 'access_as_user',
      ver: '2.0',
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(this.issuerFor(this.tenantId))
      .setAudience(this.audience)
      .setSubject(who.oid)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(this.privateKey);
    return { token, expiresAt: new Date((now + lifetimeSeconds) * 1000).toISOString() };
  }
}
