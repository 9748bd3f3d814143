/**
 * Credentials of a service principal or app registration as Graph lists them, counted as an admin
 * counts them: one entry per secret or certificate, with its end time as a canonical instant.
 *
 * - A SAML token-signing certificate Entra creates on a service principal is three objects: a
 *   keyCredential with usage Sign (the private key), one with usage Verify (the public key) and a
 *   passwordCredential (the PFX password), all with the same customKeyIdentifier (Graph
 *   reference, servicePrincipal: addTokenSigningCertificate,
 *   learn.microsoft.com/graph/api/serviceprincipal-addtokensigningcertificate). They are one
 *   certificate: entries sharing a customKeyIdentifier are merged into one, a certificate when any
 *   of them is a key.
 * - Graph writes DateTimeOffset values with up to seven fractional digits
 *   ("2026-11-30T10:00:00.1234567Z"); every time is read as an instant and handed on in the one
 *   form `Date.prototype.toISOString` writes, so later code may compare times as text.
 */
import type { AppCredential } from './snapshot';

type Item = Record<string, unknown>;

/** An ISO UTC instant ("2026-11-30T10:00:00.123Z") for any time Graph writes, or null when absent or unreadable. */
export function instantOf(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The secrets and certificates of one directory object (a service principal or an application). */
export function credentialsOf(object: Item, source: AppCredential['source']): AppCredential[] {
  const listed = [...listOf(object.passwordCredentials, 'password'), ...listOf(object.keyCredentials, 'certificate')];
  const merged: AppCredential[] = [];
  const byIdentifier = new Map<string, AppCredential>();
  for (const { credential, identifier } of listed) {
    const same = identifier ? byIdentifier.get(identifier) : undefined;
    if (!same) {
      merged.push(credential);
      if (identifier) byIdentifier.set(identifier, credential);
      continue;
    }
    // Another part of the same certificate: keep one entry, a certificate, ending when the last part ends.
    if (credential.kind === 'certificate' && same.kind === 'password') {
      same.kind = 'certificate';
      same.displayName = credential.displayName ?? same.displayName;
      same.keyId = credential.keyId ?? same.keyId;
    }
    same.displayName ??= credential.displayName;
    if (credential.endDateTime && (!same.endDateTime || credential.endDateTime > same.endDateTime))
      same.endDateTime = credential.endDateTime;
  }
  return merged.map((credential) => ({ ...credential, source }));
}

function listOf(list: unknown, kind: AppCredential['kind']): Array<{ credential: AppCredential; identifier: string | null }> {
  return (Array.isArray(list) ? (list as Item[]) : []).map((c) => ({
    credential: {
      kind,
      source: 'application',
      displayName: typeof c.displayName === 'string' ? c.displayName : null,
      keyId: typeof c.keyId === 'string' ? c.keyId : null,
      endDateTime: instantOf(c.endDateTime),
    },
    identifier: typeof c.customKeyIdentifier === 'string' && c.customKeyIdentifier ? c.customKeyIdentifier : null,
  }));
}
