import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import {
  buildCertificate,
  certificateBase64,
  certificateKeyPair,
  CertificateSpecError,
  parseCertificateSpec,
} from '../../devtenant/certificate';

describe('dev tenant certificates', () => {
  it('builds a self-signed X.509 v3 certificate that Node parses and verifies', () => {
    const der = buildCertificate({
      subject: 'CN=ADFS Signing - sts.contoso.com',
      notBefore: '2025-01-27T12:00:00Z',
      notAfter: '2026-01-27T12:00:00Z',
    });
    const cert = new X509Certificate(der);
    assert.equal(cert.subject, 'CN=ADFS Signing - sts.contoso.com');
    assert.equal(cert.issuer, cert.subject, 'self-signed: issuer is the subject');
    assert.equal(new Date(cert.validFrom).toISOString(), '2025-01-27T12:00:00.000Z');
    assert.equal(new Date(cert.validTo).toISOString(), '2026-01-27T12:00:00.000Z');
    assert.equal(cert.verify(certificateKeyPair().publicKey), true);
    assert.equal(cert.verify(cert.publicKey), true);
    assert.equal(cert.publicKey.asymmetricKeyType, 'rsa');
    assert.equal(cert.ca, false);
    assert.match(cert.serialNumber, /^[0-9A-F]{32}$/);
  });

  it('uses UTCTime before 2050 and GeneralizedTime from 2050, to the second', () => {
    const der = buildCertificate({
      subject: 'CN=Rollover, O=Contoso, C=US',
      notBefore: '2049-12-31T23:59:59.900Z',
      notAfter: '2051-06-01T08:30:15Z',
    });
    assert.ok(der.includes(Buffer.from('491231235959Z')), 'UTCTime YYMMDDHHMMSSZ');
    assert.ok(der.includes(Buffer.from('20510601083015Z')), 'GeneralizedTime YYYYMMDDHHMMSSZ');
    const cert = new X509Certificate(der);
    assert.equal(new Date(cert.validFrom).toISOString(), '2049-12-31T23:59:59.000Z');
    assert.equal(new Date(cert.validTo).toISOString(), '2051-06-01T08:30:15.000Z');
    assert.equal(cert.subject, 'CN=Rollover\nO=Contoso\nC=US');
  });

  it('gives the same base64 for the same spec and another for other dates', () => {
    const spec = { subject: 'CN=a', notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z' };
    const first = certificateBase64(spec);
    assert.equal(certificateBase64({ ...spec }), first);
    assert.notEqual(certificateBase64({ ...spec, notAfter: '2026-01-01T00:00:01Z' }), first);
    assert.equal(new X509Certificate(Buffer.from(first, 'base64')).subject, 'CN=a');
  });

  it('names the field of a bad spec', () => {
    const cases: Array<[unknown, string | undefined, RegExp]> = [
      ['CN=x', undefined, /must be an object/],
      [{ notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z' }, 'subject', /distinguished name/],
      [
        { subject: 'XX=y', notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z' },
        'subject',
        /attribute "XX" is not supported/,
      ],
      [{ subject: 'CN=x', notBefore: 'soon', notAfter: '2026-01-01T00:00:00Z' }, 'notBefore', /ISO 8601/],
      [{ subject: 'CN=x', notBefore: '2026-01-01T00:00:00Z', notAfter: '2025-01-01T00:00:00Z' }, 'notAfter', /later than notBefore/],
      [
        { subject: 'CN=x', notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z', issuer: 'CN=y' },
        'issuer',
        /not a certificate field/,
      ],
    ];
    for (const [raw, field, message] of cases) {
      assert.throws(
        () => parseCertificateSpec(raw),
        (error: Error) => error instanceof CertificateSpecError && error.field === field && message.test(error.message),
        `expected ${String(field)} ${message}`,
      );
    }
  });
});
