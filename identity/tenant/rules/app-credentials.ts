/**
 * app.credentialExpiring / app.credentialExpired: secrets and certificates of the tenant's apps
 * (one finding per app and code; subject = appId).
 *
 * Disabled apps cannot sign in and Microsoft's own apps are Microsoft's to look after: both are skipped.
 * A credential without an end date never expires and is ignored.
 *
 * When the app registrations could not be read (their own call, `applications`), the service
 * principals' credentials are still judged and both codes also say "unknown for the credentials of
 * app registrations, because …".
 *
 * Severity: an expired credential is a warning — we cannot see whether the app still uses it, and old
 * registrations with long-expired secrets are common — and only info when another credential of the
 * same kind is still valid (it was replaced). Likewise an expiring credential is a warning, and info
 * when a credential of the same kind outlives the warning window.
 */
import type { Finding, FindingCode, Severity } from '../findings';
import type { AppCredential, IntegratedApp } from '../snapshot';
import {
  DAY_MS,
  type HealthRule,
  type RuleResult,
  combineResults,
  describeDuration,
  nothingToReport,
  parseTime,
  reportUnknown,
  unknownBecause,
  wholeDaysUntil,
} from './common';
import { LEARN } from './links';

interface DatedCredential {
  credential: AppCredential;
  end: number;
}

export const appCredentialRule: HealthRule = ({ snapshot, now, thresholds }) => {
  const apps = snapshot.apps;
  // Apps are read only when asked for; a snapshot without them makes no claim about apps.
  if (apps === undefined) return nothingToReport();
  if (apps.status === 'unavailable') {
    return reportUnknown(unknownBecause('app.credentialExpiring', apps.reason), unknownBecause('app.credentialExpired', apps.reason));
  }
  const warningMs = thresholds.apps.credential.warningDaysBeforeExpiry * DAY_MS;
  const judged = combineResults(apps.data.filter(isTenantsConcern).map((app) => judgeApp(app, now, warningMs)));
  const registrations = snapshot.appParts?.registrations;
  if (registrations?.status !== 'unavailable') return judged;
  const about = 'the credentials of app registrations';
  return combineResults([
    judged,
    reportUnknown(
      unknownBecause('app.credentialExpiring', registrations.reason, about),
      unknownBecause('app.credentialExpired', registrations.reason, about),
    ),
  ]);
};

export function isTenantsConcern(app: IntegratedApp): boolean {
  return app.enabled && !app.isMicrosoft;
}

function judgeApp(app: IntegratedApp, now: Date, warningMs: number): RuleResult {
  const nowMs = now.getTime();
  const dated = datedCredentials(app.credentials);
  const expired = dated.filter(({ end }) => end <= nowMs);
  const expiring = dated.filter(({ end }) => end > nowMs && end - nowMs <= warningMs);
  const validAfter = (threshold: number, kind: AppCredential['kind']): boolean =>
    dated.some(({ credential, end }) => credential.kind === kind && end > threshold);
  const findings: Finding[] = [];
  if (expired.length > 0) {
    const allReplaced = expired.every(({ credential }) => validAfter(nowMs, credential.kind));
    findings.push(expiredFinding(app, expired, now, allReplaced ? 'info' : 'warning'));
  }
  if (expiring.length > 0) {
    const allReplaced = expiring.every(({ credential }) => validAfter(nowMs + warningMs, credential.kind));
    findings.push(expiringFinding(app, expiring, now, warningMs, allReplaced ? 'info' : 'warning'));
  }
  return { findings, unknown: [] };
}

function expiredFinding(app: IntegratedApp, expired: DatedCredential[], now: Date, severity: Severity): Finding {
  const latest = Math.max(...expired.map(({ end }) => end));
  const title =
    expired.length === 1
      ? `${app.displayName}: ${describeCredential(expired[0].credential)} expired ${describeDuration(now.getTime() - latest)} ago`
      : `${app.displayName}: ${expired.length} credentials have expired, the latest ${describeDuration(now.getTime() - latest)} ago`;
  return {
    ...base(app, 'app.credentialExpired', severity, expired),
    title,
    action:
      severity === 'info'
        ? 'A newer credential of the same kind is still valid, so the app keeps working; delete the expired one to keep the app tidy.'
        : 'If the app is still in use it can no longer sign in with this credential: add a new certificate or secret and deploy it. If the app is no longer used, remove it.',
    link: LEARN.addAppCredentials,
  };
}

function expiringFinding(app: IntegratedApp, expiring: DatedCredential[], now: Date, warningMs: number, severity: Severity): Finding {
  const soonest = Math.min(...expiring.map(({ end }) => end));
  const days = wholeDaysUntil(soonest, now);
  const when = days === 0 ? 'today' : `in ${days === 1 ? '1 day' : `${days} days`}`;
  const title =
    expiring.length === 1
      ? `${app.displayName}: ${describeCredential(expiring[0].credential)} expires ${when}`
      : `${app.displayName}: ${expiring.length} credentials expire within ${Math.round(warningMs / DAY_MS)} days, the first ${when}`;
  return {
    ...base(app, 'app.credentialExpiring', severity, expiring),
    title,
    action:
      severity === 'info'
        ? 'A credential of the same kind stays valid beyond this date; make sure the app already uses it, then delete the old one.'
        : 'Add a new certificate (preferred) or secret, deploy it wherever the app runs, and remove the old one once nothing uses it.',
    link: LEARN.addAppCredentials,
  };
}

function base(
  app: IntegratedApp,
  code: FindingCode,
  severity: Severity,
  credentials: DatedCredential[],
): Pick<Finding, 'code' | 'severity' | 'subject' | 'evidence'> {
  const evidence: Finding['evidence'] = { appName: app.displayName, appId: app.appId, ownedByThisTenant: app.ownedByThisTenant };
  for (const { credential, end } of credentials)
    evidence[uniqueKey(evidence, describeCredentialWithSource(credential))] = new Date(end).toISOString();
  return { code, severity, subject: app.appId, evidence };
}

function datedCredentials(credentials: AppCredential[]): DatedCredential[] {
  return credentials.flatMap((credential) => {
    const end = parseTime(credential.endDateTime);
    return end === undefined ? [] : [{ credential, end }];
  });
}

/** `client secret "prod"`, `certificate "CN=hr"`. */
function describeCredential(credential: AppCredential): string {
  const kind = credential.kind === 'password' ? 'client secret' : 'certificate';
  const name = credential.displayName ?? credential.keyId ?? 'unnamed';
  return `${kind} "${name}"`;
}

function describeCredentialWithSource(credential: AppCredential): string {
  const source = credential.source === 'application' ? 'app registration' : 'enterprise app';
  return `${describeCredential(credential)} (${source})`;
}

function uniqueKey(record: Record<string, unknown>, key: string): string {
  if (!(key in record)) return key;
  let counter = 2;
  while (`${key} #${counter}` in record) counter += 1;
  return `${key} #${counter}`;
}
