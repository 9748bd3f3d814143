/**
 * Microsoft Entra Cloud Sync as Graph shows it: each AD-to-Entra configuration is a service
 * principal instantiated from the application template 1a4721b3-e57f-4451-ae87-ef078703ec94
 * (Microsoft Learn, "How to programmatically configure cloud sync using MS Graph API"), whose
 * synchronization jobs (templates AD2AADProvisioning, AD2AADPasswordHash, …) carry the status
 * Graph reports (https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationstatus).
 */
import type { Section } from './snapshot';

/** The application template every Cloud Sync AD-to-Entra configuration is created from. */
export const CLOUD_SYNC_TEMPLATE_ID = '1a4721b3-e57f-4451-ae87-ef078703ec94';

/** synchronizationStatus.code as Graph documents it; anything else is read as unknown, never guessed. */
export const JOB_STATUS_CODES = ['NotConfigured', 'NotRun', 'Active', 'Paused', 'Quarantine'] as const;
export type JobStatusCode = (typeof JOB_STATUS_CODES)[number];

/** What the job templates do, in an admin's words (the template id otherwise). */
export const JOB_TEMPLATES: Readonly<Record<string, string>> = {
  AD2AADProvisioning: 'users, groups and contacts',
  AD2AADPasswordHash: 'password hashes',
  AAD2ADExchangeHybridWriteback: 'Exchange hybrid writeback',
};

export interface SyncError {
  code: string | null;
  message: string | null;
}

/** One run of a job (synchronizationTaskExecution). */
export interface JobExecution {
  /** Succeeded, Failed or EntryLevelErrors. */
  state: string | null;
  timeBegan: string | null;
  timeEnded: string | null;
  countImported: number | null;
  countExported: number | null;
  /** Objects that failed (escrows). */
  countEscrowed: number | null;
  error: SyncError | null;
}

export interface JobQuarantine {
  /** EncounteredBaseEscrowThreshold, TooManyDeletes, QuarantinedOnDemand, … */
  reason: string | null;
  /** When the quarantine was first imposed in this series. */
  seriesBegan: string | null;
  /** When it was last evaluated and imposed. */
  currentBegan: string | null;
  nextAttempt: string | null;
  error: SyncError | null;
}

export interface CloudSyncJob {
  /** The configuration's service principal. */
  servicePrincipalId: string;
  /** The configuration's name: the service principal's display name, usually the AD domain. */
  configuration: string;
  jobId: string;
  templateId: string;
  /** The status code as Graph sent it. */
  statusCode: string;
  /** schedule.interval, an ISO 8601 duration ("PT2M"). */
  interval: string | null;
  countSuccessiveCompleteFailures: number | null;
  escrowsPruned: boolean | null;
  quarantine: JobQuarantine | null;
  lastExecution: JobExecution | null;
  lastSuccessfulExecution: JobExecution | null;
  steadyStateLastAchievedTime: string | null;
  troubleshootingUrl: string | null;
}

/**
 * One Cloud Sync provisioning agent, as Graph's beta onPremisesAgent gives it
 * (https://learn.microsoft.com/en-us/graph/api/resources/onpremisesagent?view=graph-rest-beta).
 * Graph gives no version, no last-seen time and no link to the configuration it serves.
 */
export interface ProvisioningAgent {
  id: string;
  machineName: string | null;
  externalIp: string | null;
  /** "active" or "inactive" (lower-cased: the reference's example writes "Active"); any other value as Graph sent it. */
  status: string;
}

/** The agents as the tab's Cloud Sync panel shows them: listed (a signed-in admin's read), or not checked and why. */
export type CloudSyncAgents = { state: 'read'; agents: ProvisioningAgent[] } | { state: 'notChecked'; reason: string };

export interface CloudSyncInfo {
  /** Cloud Sync configurations (service principals) found; 0 = the tenant does not use Cloud Sync. */
  configurations: number;
  jobs: CloudSyncJob[];
  /** Configurations whose jobs Graph would not give, with why. */
  unread: Array<{ configuration: string; reason: string }>;
  /**
   * The tenant's provisioning agents, when it uses Cloud Sync: read only for a signed-in admin
   * (delegated), so app-only it is "unavailable, because …". Absent from a snapshot taken before
   * agents were read, and for a tenant without Cloud Sync.
   */
  agents?: Section<ProvisioningAgent[]>;
}

/** "Cloud Sync contoso.com (password hashes)". */
export function describeJob(job: Pick<CloudSyncJob, 'configuration' | 'templateId'>): string {
  return `Cloud Sync ${job.configuration} (${JOB_TEMPLATES[job.templateId] ?? job.templateId})`;
}

/** Graph's "no time" for a steady state never reached. */
export function realTime(iso: string | null): string | null {
  return iso && !iso.startsWith('0001-01-01') ? iso : null;
}
