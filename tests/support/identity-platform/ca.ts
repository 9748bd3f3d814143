import 'reflect-metadata'; // @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata API
import { webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

/**
 * A certificate authority made at test time, so the local Microsoft cloud can speak HTTPS on
 * loopback as the real one does (MSAL refuses an http authority). Its certificate goes into a
 * temporary file for NODE_EXTRA_CA_CERTS, which makes a child Node process trust it and nothing
 * else changes. Certificates are built with @peculiar/x509 (RSA 2048, SHA-256); no key is ever
 * written to the repo.
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

const crypto = webcrypto as unknown as Crypto;
const RSA: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const HOUR_MS = 60 * 60_000;

export async function createTestCa(): Promise<TestCa> {
  x509.cryptoProvider.set(crypto);
  const now = Date.now();
  const validity = { notBefore: new Date(now - HOUR_MS), notAfter: new Date(now + 48 * HOUR_MS) };
  const caKeys = (await crypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=Entra Companion rehearsal CA',
    ...validity,
    keys: caKeys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const leafKeys = (await crypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const serverCert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=127.0.0.1',
    issuer: caCert.subject,
    ...validity,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: RSA,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
      ]),
    ],
  });
  const key = x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', leafKeys.privateKey), 'PRIVATE KEY');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rehearsal-ca-'));
  const certFile = path.join(dir, 'ca.pem');
  const certPem = caCert.toString('pem');
  writeFileSync(certFile, certPem);
  return {
    certPem,
    certFile,
    server: { key, cert: serverCert.toString('pem') },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A positive 16-byte serial number, hex. */
function serial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f;
  return Buffer.from(bytes).toString('hex');
}
