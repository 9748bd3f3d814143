/** sync.stale: directory sync is on, but its last run is older than the thresholds. */
import type { Finding, Severity } from '../findings';
import { DELTA_SYNC_MAX_GAP_HOURS } from '../thresholds';
import {
  HOUR_MS,
  type HealthRule,
  describeDuration,
  nothingToReport,
  parseTime,
  reportFindings,
  reportUnknown,
  unknownBecause,
} from './common';
import { LEARN } from './links';

export const syncStaleRule: HealthRule = ({ snapshot, now, thresholds }) => {
  const organization = snapshot.organization;
  if (organization.status === 'unavailable') return reportUnknown(unknownBecause('sync.stale', organization.reason));
  const { onPremisesSyncEnabled, lastSyncDateTime } = organization.data;
  if (onPremisesSyncEnabled !== true) return nothingToReport();

  const limits = thresholds.sync.stale;
  const base = { code: 'sync.stale' as const, subject: snapshot.tenantId, link: LEARN.syncScheduler };
  if (lastSyncDateTime === null) {
    return reportFindings({
      ...base,
      severity: 'warning',
      title: 'Directory sync is enabled but has never reported a sync',
      evidence: {
        onPremisesSyncEnabled,
        lastSyncDateTime,
        warningAfterHours: limits.warningAfterHours,
        criticalAfterHours: limits.criticalAfterHours,
      },
      action:
        'Check that the Entra Connect Sync server (or the Cloud Sync agents) is installed, running and able to reach Microsoft Entra ID, then run a sync and watch it finish.',
    });
  }
  const lastSync = parseTime(lastSyncDateTime);
  if (lastSync === undefined)
    return reportUnknown(unknownBecause('sync.stale', `Graph returned a last sync time that cannot be read ("${lastSyncDateTime}")`));

  const age = now.getTime() - lastSync;
  const severity = staleness(age, limits.warningAfterHours, limits.criticalAfterHours);
  if (!severity) return nothingToReport();
  const fullSyncNeeded = age >= DELTA_SYNC_MAX_GAP_HOURS * HOUR_MS;
  const finding: Finding = {
    ...base,
    severity,
    title: `Directory sync last ran ${describeDuration(age)} ago`,
    evidence: {
      lastSyncDateTime,
      checkedAt: now.toISOString(),
      hoursSinceLastSync: Math.floor(age / HOUR_MS),
      warningAfterHours: limits.warningAfterHours,
      criticalAfterHours: limits.criticalAfterHours,
      fullSyncNeeded,
    },
    action: fullSyncNeeded
      ? 'No delta sync for more than 7 days, so the scheduler needs a full sync: fix the Entra Connect server first (ADSync service running, scheduler enabled), then run Start-ADSyncSyncCycle -PolicyType Initial.'
      : 'On the Entra Connect server check that the ADSync service runs and the scheduler is enabled (Get-ADSyncScheduler), and look at the last run in Synchronization Service Manager; for Cloud Sync, check the agents.',
  };
  return reportFindings(finding);
};

function staleness(ageMs: number, warningAfterHours: number, criticalAfterHours: number): Severity | undefined {
  if (ageMs >= criticalAfterHours * HOUR_MS) return 'critical';
  if (ageMs >= warningAfterHours * HOUR_MS) return 'warning';
  return undefined;
}
