/**
 * federation.certExpiring / federation.certExpired: the token-signing certificate of each federated
 * domain (subject = the domain name).
 *
 * A published next certificate changes the picture. Entra ID fetches the next certificate from the
 * federation metadata before the current one expires and accepts it from then on, so:
 * - expiring, with a next certificate that outlives the warning window → info (the rollover is on its way);
 * - expired, with a next certificate still valid → warning (sign-ins work only if the IdP already signs with the
 *   new certificate; the configuration still names the old one);
 * - otherwise → warning / critical by days left, and critical once expired (federated sign-ins fail).
 */
import type { Finding, Severity } from '../findings';
import type { DomainInfo, FederationInfo } from '../snapshot';
import type { HealthThresholds } from '../thresholds';
import {
  DAY_MS,
  type HealthRule,
  type RuleResult,
  combineResults,
  describeDuration,
  isoTime,
  nothingToReport,
  parseTime,
  reportFindings,
  reportUnknown,
  unknownBecause,
  wholeDaysUntil,
} from './common';
import { LEARN } from './links';

const CODES = ['federation.certExpiring', 'federation.certExpired'] as const;

export const federationCertificateRule: HealthRule = ({ snapshot, now, thresholds }) => {
  const domains = snapshot.domains;
  if (domains.status === 'unavailable') return bothUnknown(domains.reason);
  const federated = domains.data.filter((domain) => domain.authenticationType.toLowerCase() === 'federated');
  return combineResults(federated.map((domain) => judgeDomain(domain, now, thresholds)));
};

function judgeDomain(domain: DomainInfo, now: Date, thresholds: HealthThresholds): RuleResult {
  // A subdomain signs in with its root domain's certificate, which is judged under the root's name.
  if (domain.inheritsFederationFrom) return nothingToReport();
  const federation = domain.federation;
  if (!federation) return bothUnknown('its federation configuration was not read', domain.name);
  if (federation.status === 'unavailable') return bothUnknown(federation.reason, domain.name);
  const expiry = parseTime(federation.data.signingCertificateExpiry);
  if (expiry === undefined) return bothUnknown('Graph returned no readable token-signing certificate', domain.name);

  const limits = thresholds.federation.certificate;
  const msLeft = expiry - now.getTime();
  if (msLeft <= 0) {
    const nextIsValid = nextCertificateValidBeyond(federation.data, now, 0);
    return reportFindings(expiredFinding(domain.name, federation.data, now, msLeft, nextIsValid));
  }
  const rolloverReady = nextCertificateValidBeyond(federation.data, now, limits.warningDaysBeforeExpiry * DAY_MS);
  const severity = expiringSeverity(msLeft, limits, rolloverReady);
  if (!severity) return nothingToReport();
  return reportFindings(expiringFinding(domain.name, federation.data, now, expiry, severity, rolloverReady));
}

function expiringSeverity(
  msLeft: number,
  limits: HealthThresholds['federation']['certificate'],
  rolloverReady: boolean,
): Severity | undefined {
  if (msLeft > limits.warningDaysBeforeExpiry * DAY_MS) return undefined;
  if (rolloverReady) return 'info';
  return msLeft <= limits.criticalDaysBeforeExpiry * DAY_MS ? 'critical' : 'warning';
}

/**
 * Whether a next certificate is published and stays valid for more than `marginMs`. For an expiring
 * certificate the margin is the warning window (a next certificate that is itself about to expire is no
 * rollover); for an expired one it is zero.
 */
function nextCertificateValidBeyond(federation: FederationInfo, now: Date, marginMs: number): boolean {
  const nextExpiry = parseTime(federation.nextSigningCertificateExpiry);
  return nextExpiry !== undefined && nextExpiry - now.getTime() > marginMs;
}

function expiringFinding(
  domain: string,
  federation: FederationInfo,
  now: Date,
  expiry: number,
  severity: Severity,
  rolloverReady: boolean,
): Finding {
  const daysLeft = wholeDaysUntil(expiry, now);
  const when = daysLeft === 0 ? 'today' : `in ${daysLeft === 1 ? '1 day' : `${daysLeft} days`}`;
  return {
    code: 'federation.certExpiring',
    severity,
    title: rolloverReady
      ? `Token-signing certificate for ${domain} expires ${when}; the next certificate is already published`
      : `Token-signing certificate for ${domain} expires ${when}`,
    subject: domain,
    evidence: { ...evidenceOf(domain, federation, now), daysLeft },
    action: rolloverReady
      ? 'Nothing to do if your federation server switches to the new certificate on time; after the switch, check that sign-ins for this domain still work.'
      : 'Renew the token-signing certificate on AD FS (or your identity provider). With AutoCertificateRollover and public federation metadata Entra picks it up by itself; otherwise update the domain federation settings (Update-MgDomainFederationConfiguration).',
    link: LEARN.renewFederationCertificates,
  };
}

function expiredFinding(domain: string, federation: FederationInfo, now: Date, msLeft: number, nextIsValid: boolean): Finding {
  return {
    code: 'federation.certExpired',
    severity: nextIsValid ? 'warning' : 'critical',
    title: `Token-signing certificate for ${domain} expired ${describeDuration(-msLeft)} ago`,
    subject: domain,
    evidence: evidenceOf(domain, federation, now),
    action: nextIsValid
      ? 'Check that AD FS (or your identity provider) now signs with the new certificate and that sign-ins for this domain work, then update the domain federation settings so Entra no longer lists the expired one.'
      : 'Federated sign-ins for this domain fail until this is fixed: renew the token-signing certificate and update the domain federation settings in Entra now, or switch the domain to managed sign-in with password hash sync as a fallback.',
    link: LEARN.renewFederationCertificates,
  };
}

function evidenceOf(domain: string, federation: FederationInfo, now: Date): Finding['evidence'] {
  return {
    domain,
    signingCertificateExpiry: federation.signingCertificateExpiry,
    signingCertificateSubject: federation.signingCertificateSubject,
    nextSigningCertificateExpiry: federation.nextSigningCertificateExpiry,
    issuerUri: federation.issuerUri,
    checkedAt: isoTime(now.getTime()),
  };
}

function bothUnknown(reason: string, domain?: string): RuleResult {
  return reportUnknown(...CODES.map((code) => unknownBecause(code, reason, domain)));
}
