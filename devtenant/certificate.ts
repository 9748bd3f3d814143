import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { AppError } from '../platform/errors';

/**
 * Self-signed X.509 v3 certificates for the dev tenant: the token-signing certificates of a
 * federated domain (internalDomainFederation.signingCertificate / nextSigningCertificate), whose
 * validity must keep its distance from "now" like every other scenario timestamp.
 *
 * A minimal DER encoder, no dependency: the certificate is syntactically valid X.509 (Node's
 * X509Certificate and OpenSSL parse it) and genuinely self-signed (sha256WithRSAEncryption over the
 * tbsCertificate with the private key of the RSA key pair it carries).
 */

export interface CertificateSpec {
  /** Distinguished name, e.g. "CN=ADFS Signing - sts.contoso.com" or "CN=x, O=Contoso, C=US". */
  subject: string;
  /** ISO 8601 instants (or Dates). Encoded with second precision. */
  notBefore: string | Date;
  notAfter: string | Date;
}

/** A problem in a certificate spec; `field` is the offending property ("subject", "notAfter", …). */
export class CertificateSpecError extends AppError {
  constructor(
    readonly field: string | undefined,
    problem: string,
  ) {
    super('invalid_data', problem);
  }
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Attribute types accepted in a subject, with their OIDs and the string type used. */
const NAME_ATTRIBUTES: Record<string, { oid: string; printable: boolean }> = {
  CN: { oid: '2.5.4.3', printable: false },
  C: { oid: '2.5.4.6', printable: true },
  L: { oid: '2.5.4.7', printable: false },
  ST: { oid: '2.5.4.8', printable: false },
  O: { oid: '2.5.4.10', printable: false },
  OU: { oid: '2.5.4.11', printable: false },
};

/** Validates the value of an `{"@certificate": …}` scenario form. */
export function parseCertificateSpec(raw: unknown): CertificateSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CertificateSpecError(undefined, 'must be an object {"subject": "CN=…", "notBefore": "<ISO>", "notAfter": "<ISO>"}');
  }
  const spec = raw as Record<string, unknown>;
  for (const field of Object.keys(spec)) {
    if (!['subject', 'notBefore', 'notAfter'].includes(field))
      throw new CertificateSpecError(field, 'is not a certificate field (subject, notBefore, notAfter)');
  }
  if (typeof spec.subject !== 'string')
    throw new CertificateSpecError('subject', 'must be a distinguished name such as "CN=ADFS Signing - sts.contoso.com"');
  parseName(spec.subject);
  for (const field of ['notBefore', 'notAfter'] as const) {
    const value = spec[field];
    if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
      throw new CertificateSpecError(field, `must be an ISO 8601 date-time with a zone, got ${JSON.stringify(value)}`);
    }
    const year = new Date(value).getUTCFullYear();
    if (year < 1950 || year > 9999) throw new CertificateSpecError(field, `year ${year} cannot be encoded in X.509 validity`);
  }
  if (Date.parse(spec.notAfter as string) <= Date.parse(spec.notBefore as string)) {
    throw new CertificateSpecError('notAfter', 'must be later than notBefore');
  }
  return { subject: spec.subject, notBefore: spec.notBefore as string, notAfter: spec.notAfter as string };
}

let keyPair: { publicKey: KeyObject; privateKey: KeyObject; spki: Buffer } | undefined;

/** The process's signing key pair (RSA 2048, generated on first use). */
export function certificateKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return signingKeys();
}

function signingKeys(): { publicKey: KeyObject; privateKey: KeyObject; spki: Buffer } {
  if (!keyPair) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keyPair = { publicKey, privateKey, spki: publicKey.export({ type: 'spki', format: 'der' }) };
  }
  return keyPair;
}

/** Builds the DER of a self-signed X.509 v3 certificate. */
export function buildCertificate(spec: CertificateSpec): Buffer {
  const notBefore = toDate(spec.notBefore, 'notBefore');
  const notAfter = toDate(spec.notAfter, 'notAfter');
  const name = encodeName(parseName(spec.subject));
  const keys = signingKeys();
  const sha256WithRsa = sequence(oid('1.2.840.113549.1.1.11'), NULL);
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // version v3
    integer(serialNumber(spec.subject, notBefore, notAfter)),
    sha256WithRsa,
    name, // issuer: self-signed
    sequence(time(notBefore), time(notAfter)),
    name, // subject
    keys.spki,
    explicit(
      3,
      sequence(
        // keyUsage (critical): digitalSignature — a token-signing certificate.
        sequence(oid('2.5.29.15'), tlv(0x01, Buffer.from([0xff])), octetString(bitString(Buffer.from([0x80]), 7))),
        // basicConstraints: not a CA.
        sequence(oid('2.5.29.19'), octetString(sequence())),
      ),
    ),
  );
  const signature = sign('sha256', tbs, keys.privateKey);
  return sequence(tbs, sha256WithRsa, bitString(signature, 0));
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 256;

/**
 * Base64 DER of the certificate for a spec, as Graph returns it in signingCertificate. Cached per
 * (subject, dates to the second), so serving a scenario signs once per distinct validity.
 */
export function certificateBase64(spec: CertificateSpec): string {
  const key = `${spec.subject}\u0000${seconds(toDate(spec.notBefore, 'notBefore'))}\u0000${seconds(toDate(spec.notAfter, 'notAfter'))}`;
  let value = cache.get(key);
  if (value === undefined) {
    value = buildCertificate(spec).toString('base64');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

// ---- names, times, serial ----

function parseName(subject: string): Array<{ type: string; value: string }> {
  const parts = subject.split(',').map((part) => part.trim());
  if (!subject.trim() || parts.some((part) => !part))
    throw new CertificateSpecError(
      'subject',
      `must be a distinguished name such as "CN=ADFS Signing - sts.contoso.com", got ${JSON.stringify(subject)}`,
    );
  return parts.map((part) => {
    const eq = part.indexOf('=');
    const type = part.slice(0, eq).trim().toUpperCase();
    const value = part.slice(eq + 1).trim();
    if (eq < 1 || !value) throw new CertificateSpecError('subject', `"${part}" is not an attribute=value pair`);
    if (!(type in NAME_ATTRIBUTES))
      throw new CertificateSpecError('subject', `attribute "${type}" is not supported (use ${Object.keys(NAME_ATTRIBUTES).join(', ')})`);
    if (type === 'C' && !/^[A-Za-z]{2}$/.test(value))
      throw new CertificateSpecError('subject', `C must be a two-letter country code, got "${value}"`);
    return { type, value };
  });
}

function encodeName(rdns: Array<{ type: string; value: string }>): Buffer {
  return sequence(
    ...rdns.map(({ type, value }) => {
      const attribute = NAME_ATTRIBUTES[type];
      const text = attribute.printable ? tlv(0x13, Buffer.from(value, 'ascii')) : tlv(0x0c, Buffer.from(value, 'utf8'));
      return tlv(0x31, sequence(oid(attribute.oid), text));
    }),
  );
}

function toDate(value: string | Date, field: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new CertificateSpecError(field, `is not a date: ${JSON.stringify(value)}`);
  return date;
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5). */
function time(date: Date): Buffer {
  const iso = new Date(seconds(date) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, ''); // YYYYMMDDHHMMSS
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, 'ascii'));
  return tlv(0x18, Buffer.from(`${digits}Z`, 'ascii'));
}

/** A positive 16-byte serial derived from the certificate's content (stable for the same spec). */
function serialNumber(subject: string, notBefore: Date, notAfter: Date): Buffer {
  const serial = createHash('sha256')
    .update(`${subject}|${seconds(notBefore)}|${seconds(notAfter)}`)
    .digest()
    .subarray(0, 16);
  serial[0] = (serial[0] & 0x7f) | 0x01; // positive, no leading zero byte needed
  return serial;
}

// ---- DER primitives ----

const NULL = Buffer.from([0x05, 0x00]);

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function explicit(tagNumber: number, content: Buffer): Buffer {
  return tlv(0xa0 | tagNumber, content);
}

/** INTEGER from unsigned big-endian bytes (adds a 0x00 when the high bit is set). */
function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && bytes[start + 1] < 0x80) start += 1;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, trimmed[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function bitString(bytes: Buffer, unusedBits: number): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

function octetString(bytes: Buffer): Buffer {
  return tlv(0x04, bytes);
}

function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) chunk.unshift((rest & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
