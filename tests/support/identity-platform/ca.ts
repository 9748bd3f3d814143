import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A certificate authority made at test time, so the local Microsoft cloud can speak HTTPS on
 * loopback as the real one does (MSAL refuses an http authority). Its certificate goes into a
 * temporary file for NODE_EXTRA_CA_CERTS, which makes a child Node process trust it and nothing
 * else changes. A minimal DER encoder (X.509 v3, RSA 2048, SHA-256); no key is ever written to the repo.
 */
export interface TestCa {
  /** PEM of the CA certificate. */
  certPem: string;
  /** The file holding certPem: NODE_EXTRA_CA_CERTS for the server process. */
  certFile: string;
  /** A server certificate for 127.0.0.1 and localhost, signed by the CA. */
  server: { key: string; cert: string };
  dispose(): void;
}

export function createTestCa(): TestCa {
  const ca = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const leaf = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const caName = name('Entra Companion rehearsal CA');
  const caCert = certificate({
    subject: caName,
    issuer: caName,
    publicKey: ca.publicKey,
    signer: ca.privateKey,
    extensions: [
      extension('2.5.29.19', sequence(tlv(0x01, Buffer.from([0xff]))), true), // basicConstraints: CA
      extension('2.5.29.15', bitString(Buffer.from([0x06]), 1), true), // keyUsage: keyCertSign, cRLSign
    ],
  });
  const serverCert = certificate({
    subject: name('127.0.0.1'),
    issuer: caName,
    publicKey: leaf.publicKey,
    signer: ca.privateKey,
    extensions: [
      extension('2.5.29.15', bitString(Buffer.from([0xa0]), 5), true), // digitalSignature, keyEncipherment
      extension('2.5.29.37', sequence(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
      // subjectAltName: DNS localhost, IP 127.0.0.1
      extension('2.5.29.17', sequence(tlv(0x82, Buffer.from('localhost')), tlv(0x87, Buffer.from([127, 0, 0, 1])))),
    ],
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rehearsal-ca-'));
  const certFile = path.join(dir, 'ca.pem');
  const certPem = pem('CERTIFICATE', caCert);
  writeFileSync(certFile, certPem);
  return {
    certPem,
    certFile,
    server: { key: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert: pem('CERTIFICATE', serverCert) },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

interface CertificateParts {
  subject: Buffer;
  issuer: Buffer;
  publicKey: KeyObject;
  signer: KeyObject;
  extensions: Buffer[];
}

function certificate(parts: CertificateParts): Buffer {
  const sha256WithRsa = sequence(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const now = Date.now();
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    sha256WithRsa,
    parts.issuer,
    sequence(utcTime(new Date(now - 60 * 60_000)), utcTime(new Date(now + 2 * 24 * 60 * 60_000))),
    parts.subject,
    parts.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...parts.extensions)),
  );
  return sequence(tbs, sha256WithRsa, bitString(sign('sha256', tbs, parts.signer), 0));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function name(commonName: string): Buffer {
  return sequence(tlv(0x31, sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
}

function extension(dotted: string, value: Buffer, critical = false): Buffer {
  return sequence(oid(dotted), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
}

function utcTime(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-12-01T12:00:00.000Z
  const text = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function explicit(tagNumber: number, content: Buffer): Buffer {
  return tlv(0xa0 + tagNumber, content);
}

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function bitString(bytes: Buffer, unusedBits: number): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const value of rest) {
    const chunk: number[] = [value & 0x7f];
    for (let v = value >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}
