import assert from 'node:assert/strict';
import { evaluateHealth } from '../../identity/tenant/rules';
import type { FederationInfo } from '../../identity/tenant/snapshot';
import {
  NOW,
  type Offset,
  ago,
  federatedDomain,
  federation,
  findingsOf,
  fromNow,
  healthySnapshot,
  managedDomain,
  ok,
  unavailable,
  unknownOf,
} from './tenant-fixtures';

function reportFor(...certificates: Partial<FederationInfo>[]) {
  const domains = certificates.map((certificate, index) =>
    federatedDomain(index === 0 ? 'contoso.com' : `brand${index}.contoso.com`, ok(federation(certificate))),
  );
  return evaluateHealth(healthySnapshot({ domains: [...domains, managedDomain('contoso.onmicrosoft.com')] }), NOW);
}

const expiringIn = (offset: Offset, next: string | null = null) =>
  findingsOf('federation.certExpiring', reportFor({ signingCertificateExpiry: fromNow(offset), nextSigningCertificateExpiry: next }));

describe('health rule federation.certExpiring (warning from 35 days before expiry, critical from 15)', () => {
  it('stays quiet just above 35 days', () => {
    assert.deepEqual(expiringIn({ days: 35, seconds: 1 }), []);
  });

  it('warns at exactly 35 days and just below', () => {
    assert.equal(expiringIn({ days: 35 })[0].severity, 'warning');
    assert.equal(expiringIn({ days: 34, hours: 23, minutes: 59, seconds: 59 })[0].severity, 'warning');
  });

  it('is a warning just above 15 days, critical at exactly 15 days and below', () => {
    assert.equal(expiringIn({ days: 15, seconds: 1 })[0].severity, 'warning');
    assert.equal(expiringIn({ days: 15 })[0].severity, 'critical');
    assert.equal(expiringIn({ days: 14, hours: 23 })[0].severity, 'critical');
  });

  it('is still "expiring", and critical, one second before expiry', () => {
    const [finding] = expiringIn({ seconds: 1 });
    assert.equal(finding.severity, 'critical');
    assert.equal(finding.title, 'Token-signing certificate for contoso.com expires today');
  });

  it('names the domain as subject and the dates as evidence', () => {
    const [finding] = expiringIn({ days: 20, hours: 3 });
    assert.equal(finding.subject, 'contoso.com');
    assert.equal(finding.title, 'Token-signing certificate for contoso.com expires in 20 days');
    assert.equal(finding.evidence.domain, 'contoso.com');
    assert.equal(finding.evidence.signingCertificateExpiry, fromNow({ days: 20, hours: 3 }));
    assert.equal(finding.evidence.daysLeft, 20);
    assert.equal(finding.evidence.nextSigningCertificateExpiry, null);
    assert.equal(finding.link, 'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-fed-o365-certs');
  });

  it('only informs when the next certificate is already published and outlives the warning window', () => {
    const [finding] = expiringIn({ days: 10 }, fromNow({ days: 375 }));
    assert.equal(finding.severity, 'info');
    assert.match(finding.title, /the next certificate is already published$/);
  });

  it('does not count a next certificate that itself expires inside the warning window', () => {
    assert.equal(expiringIn({ days: 10 }, fromNow({ days: 35 }))[0].severity, 'critical');
    assert.equal(expiringIn({ days: 10 }, fromNow({ days: 35, seconds: 1 }))[0].severity, 'info');
  });

  it('judges each federated domain on its own and leaves managed domains alone', () => {
    const report = reportFor({ signingCertificateExpiry: fromNow({ days: 200 }) }, { signingCertificateExpiry: fromNow({ days: 20 }) });
    assert.deepEqual(
      findingsOf('federation.certExpiring', report).map((finding) => finding.subject),
      ['brand1.contoso.com'],
    );
  });
});

describe('health rule federation.certExpired', () => {
  const expiredAgo = (offset: Offset, next: string | null = null) =>
    reportFor({ signingCertificateExpiry: ago(offset), nextSigningCertificateExpiry: next });

  it('is critical at exactly the expiry time and after, with no valid next certificate', () => {
    for (const offset of [{}, { seconds: 1 }, { days: 3 }]) {
      const report = expiredAgo(offset);
      const [finding] = findingsOf('federation.certExpired', report);
      assert.equal(finding.severity, 'critical');
      assert.deepEqual(findingsOf('federation.certExpiring', report), []);
    }
  });

  it('says how long ago it expired', () => {
    const [finding] = findingsOf('federation.certExpired', expiredAgo({ days: 3, hours: 2 }));
    assert.equal(finding.title, 'Token-signing certificate for contoso.com expired 3 days ago');
    assert.equal(finding.subject, 'contoso.com');
  });

  it('is a warning when a valid next certificate is published', () => {
    const [finding] = findingsOf('federation.certExpired', expiredAgo({ days: 1 }, fromNow({ days: 300 })));
    assert.equal(finding.severity, 'warning');
  });

  it('stays critical when the next certificate has expired too', () => {
    const [finding] = findingsOf('federation.certExpired', expiredAgo({ days: 1 }, ago({ seconds: 1 })));
    assert.equal(finding.severity, 'critical');
  });
});

describe('federation certificate rules without readable data', () => {
  const bothCodes = ['federation.certExpired', 'federation.certExpiring'] as const;

  it('report unknown for both codes when domains cannot be read', () => {
    const report = evaluateHealth(healthySnapshot({ domains: unavailable('needs Domain.Read.All') }), NOW);
    for (const code of bothCodes) {
      assert.deepEqual(findingsOf(code, report), []);
      assert.deepEqual(unknownOf(code, report), [{ code, reason: 'unknown, because needs Domain.Read.All' }]);
    }
  });

  it('report unknown for the domain when its federation configuration cannot be read', () => {
    const report = evaluateHealth(
      healthySnapshot({ domains: [federatedDomain('contoso.com', unavailable('403 Authorization_RequestDenied'))] }),
      NOW,
    );
    for (const code of bothCodes) {
      assert.deepEqual(findingsOf(code, report), []);
      assert.deepEqual(unknownOf(code, report), [{ code, reason: 'unknown for contoso.com, because 403 Authorization_RequestDenied' }]);
    }
  });

  it('report unknown when the federation configuration was not read at all', () => {
    const report = evaluateHealth(healthySnapshot({ domains: [federatedDomain('contoso.com', null)] }), NOW);
    assert.match(
      unknownOf('federation.certExpired', report)[0].reason,
      /^unknown for contoso\.com, because its federation configuration was not read$/,
    );
  });

  it('report unknown, not "expired", when Graph returns no readable signing certificate', () => {
    const report = reportFor({ signingCertificateExpiry: null });
    assert.deepEqual(findingsOf('federation.certExpired', report), []);
    assert.equal(unknownOf('federation.certExpired', report).length, 1);
  });
});
