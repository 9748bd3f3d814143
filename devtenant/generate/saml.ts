import { guidFrom, type Rng } from './random';

type Item = Record<string, unknown>;

/**
 * A SAML token-signing certificate as Entra stores it on a service principal: a Sign key (private),
 * a Verify key (public) and the password of the PFX, all with the certificate's thumbprint as
 * customKeyIdentifier; the password and the Sign key share a keyId (Graph reference,
 * servicePrincipal: addTokenSigningCertificate).
 */
export function samlSigningCertificate(
  privateKeyId: string,
  rng: Rng,
  start: unknown,
  end: unknown,
): { keyCredentials: Item[]; passwordCredentials: Item[] } {
  const thumbprint = Array.from({ length: 40 }, () => '0123456789ABCDEF'[rng.int(0, 15)]).join('');
  const key = (usage: 'Sign' | 'Verify', keyId: string): Item => ({
    customKeyIdentifier: thumbprint,
    displayName: 'CN=Microsoft Azure Federated SSO Certificate',
    endDateTime: end,
    key: null,
    keyId,
    startDateTime: start,
    type: 'AsymmetricX509Cert',
    usage,
  });
  return {
    keyCredentials: [key('Sign', privateKeyId), key('Verify', guidFrom(rng))],
    passwordCredentials: [
      {
        customKeyIdentifier: thumbprint,
        displayName: null,
        endDateTime: end,
        hint: null,
        keyId: privateKeyId,
        secretText: null,
        startDateTime: start,
      },
    ],
  };
}
