/**
 * Reads Cloud Sync's configurations and their provisioning jobs:
 * - the configurations are found in the status view's first $batch: service principals filtered on
 *   applicationTemplateId (servicePrincipal supports $filter eq on it; serviceprincipal resource page);
 * - their jobs (`GET servicePrincipals/{id}/synchronization/jobs`, Synchronization.Read.All,
 *   synchronization-synchronization-list-jobs) need the ids, so they come in the follow-up round,
 *   in parallel with the federation settings. A tenant without Cloud Sync makes no further call.
 */
import { BATCH_LIMIT, type GraphCall, type GraphPort, type GraphReply } from '../../platform/graph/port';
import {
  CLOUD_SYNC_TEMPLATE_ID,
  realTime,
  type CloudSyncInfo,
  type CloudSyncJob,
  type JobExecution,
  type ProvisioningAgent,
  type SyncError,
} from './cloud-sync';
import { sectionFrom, str, unavailableFrom, valuesOf, type AccessHint } from './sections';
import type { Section } from './snapshot';

export const CLOUD_SYNC_CONFIGURATIONS_CALL: GraphCall = {
  url: `servicePrincipals?$filter=applicationTemplateId eq '${CLOUD_SYNC_TEMPLATE_ID}'&$select=id,displayName,applicationTemplateId`,
};

interface Configuration {
  id: string;
  name: string;
}

/**
 * The Cloud Sync section from the configurations' reply: their jobs read in batches of 20. A
 * configuration whose jobs Graph refuses is listed as unread with the reason; when every one is
 * refused the section is unavailable (the same reason for all, typically the missing permission).
 * The provisioning agents, read beside (cloud-sync-agents-reader.ts), are kept only when the tenant
 * has a configuration: without Cloud Sync no agent is needed.
 */
export async function readCloudSync(
  graph: GraphPort,
  configurationsReply: GraphReply,
  hints: { configurations: AccessHint; jobs: AccessHint },
  agents?: Section<ProvisioningAgent[]>,
): Promise<Section<CloudSyncInfo>> {
  const configurations = sectionFrom(configurationsReply, hints.configurations, readConfigurations);
  if (configurations.status !== 'ok') return configurations;
  const list = configurations.data;
  if (list.length === 0) return { status: 'ok', data: { configurations: 0, jobs: [], unread: [] } };
  const replies: GraphReply[] = [];
  for (let i = 0; i < list.length; i += BATCH_LIMIT) {
    const chunk = list.slice(i, i + BATCH_LIMIT);
    replies.push(...(await graph.batch(chunk.map((c) => ({ url: `servicePrincipals/${c.id}/synchronization/jobs` })))));
  }
  const jobs: CloudSyncJob[] = [];
  const unread: CloudSyncInfo['unread'] = [];
  list.forEach((configuration, i) => {
    const section = sectionFrom(replies[i], hints.jobs, (body) => valuesOf(body).map((job) => readJob(job, configuration)));
    if (section.status === 'ok') jobs.push(...section.data);
    else unread.push({ configuration: configuration.name, reason: section.reason });
  });
  if (unread.length === list.length) {
    const refused = replies.find((r) => r.status < 200 || r.status >= 300) ?? replies[0];
    return unavailableFrom(refused, hints.jobs);
  }
  return { status: 'ok', data: { configurations: list.length, jobs, unread, ...(agents ? { agents } : {}) } };
}

function readConfigurations(body: unknown): Configuration[] {
  return valuesOf(body)
    .filter((sp) => sp.applicationTemplateId === undefined || sp.applicationTemplateId === CLOUD_SYNC_TEMPLATE_ID)
    .map((sp) => ({ id: String(sp.id), name: str(sp.displayName) ?? String(sp.id) }));
}

function readJob(job: Record<string, unknown>, configuration: Configuration): CloudSyncJob {
  if (typeof job.id !== 'string') throw new Error('a synchronization job without an id');
  const status = record(job.status);
  const schedule = record(job.schedule);
  const quarantine = status.quarantine ? record(status.quarantine) : null;
  return {
    servicePrincipalId: configuration.id,
    configuration: configuration.name,
    jobId: job.id,
    templateId: str(job.templateId) ?? job.id.split('.')[0],
    statusCode: str(status.code) ?? 'Unknown',
    interval: str(schedule.interval),
    countSuccessiveCompleteFailures: num(status.countSuccessiveCompleteFailures),
    escrowsPruned: typeof status.escrowsPruned === 'boolean' ? status.escrowsPruned : null,
    quarantine: quarantine && {
      reason: str(quarantine.reason),
      seriesBegan: str(quarantine.seriesBegan),
      currentBegan: str(quarantine.currentBegan),
      nextAttempt: str(quarantine.nextAttempt),
      error: syncError(quarantine.error),
    },
    lastExecution: execution(status.lastExecution),
    lastSuccessfulExecution: execution(status.lastSuccessfulExecution),
    steadyStateLastAchievedTime: realTime(str(status.steadyStateLastAchievedTime)),
    troubleshootingUrl: str(status.troubleshootingUrl),
  };
}

function execution(value: unknown): JobExecution | null {
  if (!value || typeof value !== 'object') return null;
  const run = value as Record<string, unknown>;
  return {
    state: str(run.state),
    timeBegan: realTime(str(run.timeBegan)),
    timeEnded: realTime(str(run.timeEnded)),
    countImported: num(run.countImported),
    countExported: num(run.countExported),
    countEscrowed: num(run.countEscrowed),
    error: syncError(run.error),
  };
}

function syncError(value: unknown): SyncError | null {
  if (!value || typeof value !== 'object') return null;
  const error = value as Record<string, unknown>;
  return { code: str(error.code), message: str(error.message) };
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Int64 values may come as numbers or, from some serializers, as strings. */
function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}
