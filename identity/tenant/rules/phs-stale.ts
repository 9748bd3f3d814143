/**
 * phs.stale: password hash sync is known to be on, but the last password sync is older than the thresholds.
 *
 * "Known to be on" means the sync settings say so, or — when they cannot be read (only a Global
 * Administrator can) — a password sync has been recorded at all. This rule never concludes that PHS is
 * off from settings it could not read.
 *
 * ⚠ Unverified: whether onPremisesLastPasswordSyncDateTime (beta) advances when no password changed.
 */
import type { Finding, Severity } from '../findings';
import type { TenantSnapshot } from '../snapshot';
import {
  MINUTE_MS,
  type HealthRule,
  type RuleInput,
  type RuleResult,
  describeDuration,
  nothingToReport,
  parseTime,
  reportFindings,
  reportUnknown,
  unknownBecause,
} from './common';
import { SYNC_SETTINGS_NEED_GLOBAL_ADMIN } from './deletion-prevention';
import { LEARN } from './links';

type PasswordHashSyncState = { on: true; knownFrom: 'syncSettings' | 'recordedPasswordSync' } | { on: false } | { unknownBecause: string };

export const phsStaleRule: HealthRule = (input) => {
  const { snapshot } = input;
  const organization = snapshot.organization;
  // Without directory sync there is no password hash sync; sync.disabled speaks for that.
  if (organization.status === 'ok' && organization.data.onPremisesSyncEnabled !== true) return nothingToReport();
  const passwordSync = snapshot.passwordSync;
  const state = passwordHashSyncState(snapshot);
  if ('unknownBecause' in state) return reportUnknown(unknownBecause('phs.stale', state.unknownBecause));
  if (!state.on) return nothingToReport();
  if (passwordSync.status === 'unavailable') return reportUnknown(unknownBecause('phs.stale', passwordSync.reason));
  return judgeLastPasswordSync(input, passwordSync.data.lastPasswordSyncDateTime, state.knownFrom);
};

function passwordHashSyncState(snapshot: TenantSnapshot): PasswordHashSyncState {
  const settings = snapshot.syncSettings;
  if (settings.status === 'ok') return settings.data.passwordHashSyncEnabled ? { on: true, knownFrom: 'syncSettings' } : { on: false };
  const passwordSync = snapshot.passwordSync;
  const settingsReason = settings.reason.trim() || SYNC_SETTINGS_NEED_GLOBAL_ADMIN;
  if (passwordSync.status === 'unavailable') return { unknownBecause: passwordSync.reason };
  if (passwordSync.data.lastPasswordSyncDateTime !== null) return { on: true, knownFrom: 'recordedPasswordSync' };
  return { unknownBecause: settingsReason };
}

function judgeLastPasswordSync(
  { snapshot, now, thresholds }: RuleInput,
  lastPasswordSyncDateTime: string | null,
  knownFrom: 'syncSettings' | 'recordedPasswordSync',
): RuleResult {
  const limits = thresholds.phs.stale;
  const base = {
    code: 'phs.stale' as const,
    subject: snapshot.tenantId,
    link: LEARN.troubleshootPasswordHashSync,
  };
  const passwordHashSyncEnabled = knownFrom === 'syncSettings' ? true : null;
  if (lastPasswordSyncDateTime === null) {
    return reportFindings({
      ...base,
      severity: 'warning',
      title: 'Password hash sync is on, but no password sync has ever been recorded',
      evidence: { passwordHashSyncEnabled, lastPasswordSyncDateTime },
      action:
        'On the Entra Connect server, check that password hash synchronization is configured for each AD forest and run the password sync troubleshooter (Invoke-ADSyncDiagnostics -PasswordSync).',
    });
  }
  const lastSync = parseTime(lastPasswordSyncDateTime);
  if (lastSync === undefined) {
    return reportUnknown(
      unknownBecause('phs.stale', `Graph returned a last password sync time that cannot be read ("${lastPasswordSyncDateTime}")`),
    );
  }
  const age = now.getTime() - lastSync;
  const severity: Severity | undefined =
    age >= limits.criticalAfterMinutes * MINUTE_MS ? 'critical' : age >= limits.warningAfterMinutes * MINUTE_MS ? 'warning' : undefined;
  if (!severity) return nothingToReport();
  const finding: Finding = {
    ...base,
    severity,
    title: `Password hash sync last ran ${describeDuration(age)} ago`,
    evidence: {
      passwordHashSyncEnabled,
      passwordHashSyncKnownFrom: knownFrom,
      lastPasswordSyncDateTime,
      checkedAt: now.toISOString(),
      minutesSinceLastPasswordSync: Math.floor(age / MINUTE_MS),
      warningAfterMinutes: limits.warningAfterMinutes,
      criticalAfterMinutes: limits.criticalAfterMinutes,
    },
    action:
      knownFrom === 'syncSettings'
        ? 'Password hash sync normally runs every 2 minutes. On the Entra Connect server run Invoke-ADSyncDiagnostics -PasswordSync and read the Application event log for password sync errors.'
        : 'Password hash sync normally runs every 2 minutes. If you turned it off on purpose, ignore this; otherwise run Invoke-ADSyncDiagnostics -PasswordSync on the Entra Connect server.',
  };
  return reportFindings(finding);
}
