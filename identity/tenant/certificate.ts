import { X509Certificate } from 'node:crypto';

export interface CertificateFacts {
  notAfter: string;
  subject: string;
}

/** Reads expiry and subject of a base64 DER certificate (federation metadata); undefined when unreadable. */
export function readCertificate(base64: unknown): CertificateFacts | undefined {
  if (typeof base64 !== 'string' || !base64.trim()) return undefined;
  try {
    const cert = new X509Certificate(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
    return { notAfter: new Date(cert.validTo).toISOString(), subject: cert.subject.replace(/\n/g, ', ') };
  } catch {
    return undefined;
  }
}
