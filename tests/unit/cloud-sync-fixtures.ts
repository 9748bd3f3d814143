/** Cloud Sync jobs as the health rules see them: a healthy active job, changed by each test. */
import type { CloudSyncInfo, CloudSyncJob, JobExecution } from '../../identity/tenant/cloud-sync';
import { ago, NOW } from './tenant-fixtures';

export const CLOUD_SYNC_SP = 'c5a10000-0000-4000-8000-0000000000c1';

export function execution(overrides: Partial<JobExecution> = {}, now: Date = NOW): JobExecution {
  return {
    state: 'Succeeded',
    timeBegan: ago({ minutes: 2 }, now),
    timeEnded: ago({ minutes: 1 }, now),
    countImported: 4,
    countExported: 4,
    countEscrowed: 0,
    error: null,
    ...overrides,
  };
}

export function cloudSyncJob(overrides: Partial<CloudSyncJob> = {}, now: Date = NOW): CloudSyncJob {
  const run = execution({}, now);
  return {
    servicePrincipalId: CLOUD_SYNC_SP,
    configuration: 'contoso.com',
    jobId: 'AD2AADProvisioning.fc96887f36da47508c935c28a0c0b6da',
    templateId: 'AD2AADProvisioning',
    statusCode: 'Active',
    interval: 'PT2M',
    countSuccessiveCompleteFailures: 0,
    escrowsPruned: false,
    quarantine: null,
    lastExecution: run,
    lastSuccessfulExecution: run,
    steadyStateLastAchievedTime: run.timeEnded,
    troubleshootingUrl: null,
    ...overrides,
  };
}

export function cloudSync(jobs: CloudSyncJob[], unread: CloudSyncInfo['unread'] = []): CloudSyncInfo {
  return { configurations: 1 + unread.length, jobs, unread };
}
