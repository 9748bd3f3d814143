/**
 * cloudSync.quarantined / cloudSync.failing / cloudSync.notRun: the provisioning jobs of the tenant's
 * Cloud Sync configurations, one finding per job (subject = service principal id / job id), judged on
 * the status Graph reports (https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationstatus):
 * - Quarantine: "a high volume of errors, or critical errors such as revoked/expired credentials";
 *   Graph retries it less often. A warning, critical once it has lasted criticalAfterHours.
 * - Active: failing when the last run failed, objects were escrowed, or no run has completed for
 *   warningAfterHours (critical from criticalAfterHours; a run with entry-level errors counts as run). An agent that is down shows here: its
 *   jobs stop succeeding.
 * - Paused (an admin stopped it) and NotRun (first run not finished): a warning; NotConfigured: info.
 * - Any other code is not guessed at: "unknown, because Graph reported a state …".
 */
import { describeJob, type CloudSyncJob } from '../cloud-sync';
import type { Finding, FindingCode, Severity } from '../findings';
import type { HealthThresholds } from '../thresholds';
import {
  HOUR_MS,
  type HealthRule,
  type RuleResult,
  combineResults,
  describeDuration,
  nothingToReport,
  parseTime,
  reportFindings,
  reportUnknown,
  unknownBecause,
} from './common';
import { LEARN } from './links';

const CODES: readonly FindingCode[] = ['cloudSync.quarantined', 'cloudSync.failing', 'cloudSync.notRun'];

export const cloudSyncRule: HealthRule = ({ snapshot, now, thresholds }) => {
  const section = snapshot.cloudSync;
  // A snapshot from before Cloud Sync was read makes no claim about it.
  if (section === undefined) return nothingToReport();
  if (section.status === 'unavailable') return reportUnknown(...CODES.map((code) => unknownBecause(code, section.reason)));
  const unread = section.data.unread.flatMap((u) => CODES.map((code) => unknownBecause(code, u.reason, `Cloud Sync ${u.configuration}`)));
  return combineResults([...section.data.jobs.map((job) => judgeJob(job, now, thresholds)), reportUnknown(...unread)]);
};

function judgeJob(job: CloudSyncJob, now: Date, thresholds: HealthThresholds): RuleResult {
  switch (job.statusCode) {
    case 'Quarantine':
      return reportFindings(quarantined(job, now, thresholds));
    case 'Active':
      return failing(job, now, thresholds);
    case 'Paused':
    case 'NotRun':
    case 'NotConfigured':
      return reportFindings(notRunning(job));
    default:
      return reportUnknown(
        unknownBecause(
          'cloudSync.failing',
          `Graph reported the job in a state this app does not know ("${job.statusCode}")`,
          describeJob(job),
        ),
      );
  }
}

function quarantined(job: CloudSyncJob, now: Date, thresholds: HealthThresholds): Finding {
  const since = parseTime(job.quarantine?.seriesBegan) ?? parseTime(job.quarantine?.currentBegan);
  const age = since === undefined ? undefined : now.getTime() - since;
  const criticalHours = thresholds.cloudSync.lastSuccess.criticalAfterHours;
  const severity: Severity = age !== undefined && age >= criticalHours * HOUR_MS ? 'critical' : 'warning';
  const reason = job.quarantine?.reason ?? null;
  return {
    ...base(job, 'cloudSync.quarantined', severity),
    title: `${describeJob(job)} is in quarantine${age === undefined ? '' : ` for ${describeDuration(age)}`}${reason ? ` (${reason})` : ''}`,
    evidence: {
      ...evidenceOf(job),
      quarantineReason: reason,
      quarantinedSince: since === undefined ? null : new Date(since).toISOString(),
      nextAttempt: job.quarantine?.nextAttempt ?? null,
      quarantineError: job.quarantine?.error?.message ?? job.quarantine?.error?.code ?? null,
      criticalAfterHours: criticalHours,
    },
    action: quarantineAction(reason),
    link: reason === 'TooManyDeletes' ? LEARN.cloudSyncAccidentalDeletes : LEARN.cloudSyncTroubleshoot,
  };
}

function quarantineAction(reason: string | null): string {
  if (reason === 'TooManyDeletes')
    return 'A run would have deleted more objects than the accidental-deletion threshold allows, so nothing is exported. Check in the provisioning logs that the deletes are intended, then allow them (restart the job with ForceDeletes) or undo the scoping change that caused them.';
  if (reason?.startsWith('Encountered') && reason.includes('Escrow'))
    return 'Too many objects failed to sync. Read their errors in the provisioning logs, fix the cause (duplicate attributes, a scoping or mapping change), then clear the quarantine in Cloud Sync.';
  return 'Open the configuration in Microsoft Entra admin center > Cloud Sync and read the quarantine error; fix it (often the agent or its service account), then clear the quarantine or restart the job.';
}

function failing(job: CloudSyncJob, now: Date, thresholds: HealthThresholds): RuleResult {
  const limits = thresholds.cloudSync.lastSuccess;
  const last = job.lastExecution;
  // A run with entry-level errors still synced everything else: it counts as a run; its escrows are their own warning.
  const ran = [
    parseTime(job.lastSuccessfulExecution?.timeEnded),
    last?.state === 'EntryLevelErrors' ? parseTime(last.timeEnded) : undefined,
  ];
  const lastRan = ran.reduce<number | undefined>((a, b) => (b === undefined ? a : a === undefined ? b : Math.max(a, b)), undefined);
  const age = lastRan === undefined ? undefined : now.getTime() - lastRan;
  const escrowed = last?.state === 'EntryLevelErrors' ? (last.countEscrowed ?? 0) : 0;
  let severity: Severity | undefined;
  if (age !== undefined && age >= limits.criticalAfterHours * HOUR_MS) severity = 'critical';
  else if (age === undefined || age >= limits.warningAfterHours * HOUR_MS || last?.state === 'Failed' || escrowed > 0) severity = 'warning';
  if (!severity) return nothingToReport();
  const title =
    age === undefined
      ? `${describeJob(job)} has never completed a run`
      : age >= limits.warningAfterHours * HOUR_MS
        ? `${describeJob(job)} has not completed a run for ${describeDuration(age)}`
        : last?.state === 'Failed'
          ? `${describeJob(job)}: the last run failed`
          : `${describeJob(job)}: ${escrowed} ${escrowed === 1 ? 'object' : 'objects'} could not be synced in the last run`;
  return reportFindings({
    ...base(job, 'cloudSync.failing', severity),
    title,
    evidence: {
      ...evidenceOf(job),
      lastSuccessfulRunEnded: job.lastSuccessfulExecution?.timeEnded ?? null,
      hoursSinceLastRun: age === undefined ? null : Math.floor(age / HOUR_MS),
      warningAfterHours: limits.warningAfterHours,
      criticalAfterHours: limits.criticalAfterHours,
    },
    action:
      escrowed > 0 && last?.state !== 'Failed' && severity === 'warning' && (age ?? Infinity) < limits.warningAfterHours * HOUR_MS
        ? 'Some objects failed while the rest synced: read their errors in the Cloud Sync provisioning logs and fix them on-premises (duplicate attributes, invalid values); too many failures put the job in quarantine.'
        : 'In Microsoft Entra admin center > Cloud Sync > Agents check that at least one agent is active, that the Microsoft Entra Provisioning Agent service runs on its server and can reach Entra ID, then read the last run in the provisioning logs.',
    link: LEARN.cloudSyncTroubleshoot,
  });
}

function notRunning(job: CloudSyncJob): Finding {
  const { severity, what, action }: { severity: Severity; what: string; action: string } =
    job.statusCode === 'Paused'
      ? {
          severity: 'warning',
          what: 'is paused',
          action:
            'Nothing syncs while the configuration is paused. If that was not on purpose, enable it again in Microsoft Entra admin center > Cloud Sync; changes made meanwhile are picked up when it resumes.',
        }
      : job.statusCode === 'NotRun'
        ? {
            severity: 'warning',
            what: 'has not completed its first run',
            action:
              'The first sync of a large directory takes a while. If it does not finish, check that an agent is active in Cloud Sync > Agents and read the provisioning logs.',
          }
        : {
            severity: 'info',
            what: 'was created but never configured',
            action: 'Finish setting up this configuration in Microsoft Entra admin center > Cloud Sync, or delete it if it is not needed.',
          };
  return {
    ...base(job, 'cloudSync.notRun', severity),
    title: `${describeJob(job)} ${what}`,
    evidence: evidenceOf(job),
    action,
    link: LEARN.cloudSyncTroubleshoot,
  };
}

function base(job: CloudSyncJob, code: FindingCode, severity: Severity): Pick<Finding, 'code' | 'severity' | 'subject'> {
  return { code, severity, subject: `${job.servicePrincipalId}/${job.jobId}` };
}

function evidenceOf(job: CloudSyncJob): Finding['evidence'] {
  const last = job.lastExecution;
  return {
    configuration: job.configuration,
    jobId: job.jobId,
    template: job.templateId,
    statusCode: job.statusCode,
    lastRunState: last?.state ?? null,
    lastRunEnded: last?.timeEnded ?? null,
    lastRunExported: last?.countExported ?? null,
    lastRunEscrowed: last?.countEscrowed ?? null,
    lastRunError: last?.error?.message ?? last?.error?.code ?? null,
    successiveFailures: job.countSuccessiveCompleteFailures,
  };
}
