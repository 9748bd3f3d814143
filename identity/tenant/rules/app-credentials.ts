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
 * Entra Connect Sync 2.5.3.0+ signs in to Entra ID with an application of its own, which holds the
 * application permission ADSynchronization.ReadWrite.All on "Microsoft Entra AD Synchronization
 * Service" (Microsoft Learn, "Authenticate to Microsoft Entra ID by using application identity").
 * Its credential expiring is a sync outage: the same codes (one credential, one alert; an exclusion
 * of the app covers it), with evidence usedBy, a sync-outage action, and an unreplaced expired
 * credential is critical (sync has stopped).
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
  const syncApp = isConnectSyncApp(app);
  if (expired.length > 0) {
    const allReplaced = expired.every(({ credential }) => validAfter(nowMs, credential.kind));
    const finding = expiredFinding(app, expired, now, allReplaced ? 'info' : syncApp ? 'critical' : 'warning');
    findings.push(syncApp && !allReplaced ? asSyncOutage(finding, CONNECT_SYNC_EXPIRED) : finding);
  }
  if (expiring.length > 0) {
    const allReplaced = expiring.every(({ credential }) => validAfter(nowMs + warningMs, credential.kind));
    const finding = expiringFinding(app, expiring, now, warningMs, allReplaced ? 'info' : 'warning');
    findings.push(syncApp && !allReplaced ? asSyncOutage(finding, CONNECT_SYNC_EXPIRING) : finding);
  }
  return { findings, unknown: [] };
}

/** The application permission Entra Connect Sync's own application holds on the AD Synchronization Service (appId 6bf85cfa-ac8a-4be5-b5de-425a0d0dc016). */
export const CONNECT_SYNC_PERMISSION = 'ADSynchronization.ReadWrite.All';

export function isConnectSyncApp(app: IntegratedApp): boolean {
  return app.applicationPermissions.some((p) => p.permission === CONNECT_SYNC_PERMISSION);
}

const CONNECT_SYNC_EXPIRED =
  'Entra Connect Sync signs in to Entra ID with this application, so sync to Entra ID has stopped. On the Connect server rotate the certificate (wizard: Additional tasks > Rotate application certificate; with your own certificate, Invoke-ADSyncApplicationCredentialRotation), then check that a sync cycle completes.';
const CONNECT_SYNC_EXPIRING =
  'Entra Connect Sync signs in to Entra ID with this application: when its certificate expires, sync stops. Connect rotates a certificate it manages once fewer than 150 days are left, unless its scheduler is suspended (Get-ADSyncScheduler); rotate it now (wizard: Rotate application certificate) and check that a sync cycle completes.';

function asSyncOutage(finding: Finding, action: string): Finding {
  return {
    ...finding,
    title: `${finding.title}: a sync-outage risk (Entra Connect Sync signs in with it)`,
    evidence: { ...finding.evidence, usedBy: 'Microsoft Entra Connect Sync' },
    action,
    link: LEARN.connectApplicationIdentity,
  };
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
