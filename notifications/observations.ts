import type { HealthReport } from '../identity/tenant/findings';
import { worstSeverity } from '../identity/tenant/findings';
import type { TenantSnapshot } from '../identity/tenant/snapshot';
import { dataOf } from '../identity/tenant/summary';
import type { KeyValueStore } from '../storage/store';
import type { Observation } from '../contract/tab';
import { keys } from './keys';

/** How long the sync-history chart looks back; older observations are pruned. */
export const OBSERVATION_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** Pure: one watcher observation from a snapshot and its findings. */
export function observationOf(snapshot: TenantSnapshot, report: HealthReport, now: number): Observation {
  const lastSync = dataOf(snapshot.organization)?.lastSyncDateTime ?? null;
  const lastPasswordSync = dataOf(snapshot.passwordSync)?.lastPasswordSyncDateTime ?? null;
  const lag = (iso: string | null): number | null => (iso ? Math.max(0, Math.round((now - Date.parse(iso)) / 60_000)) : null);
  return {
    at: new Date(now).toISOString(),
    lastSync,
    syncLagMinutes: lag(lastSync),
    passwordSyncLagMinutes: lag(lastPasswordSync),
    worstSeverity: worstSeverity(report.findings) ?? 'none',
  };
}

/** Stores an observation and drops those older than the retention. */
export async function recordObservation(store: KeyValueStore, tenantId: string, observation: Observation, now: number): Promise<void> {
  await store.put(keys.observation(tenantId, observation.at), observation);
  const cutoff = new Date(now - OBSERVATION_RETENTION_DAYS * DAY_MS).toISOString();
  for (const item of await store.list<Observation>(keys.observations(tenantId))) {
    if (item.value.at >= cutoff) break; // keys sort by time
    await store.delete(item.key);
  }
}

/**
 * For the tab API (GET /api/tab/history?days=): the tenant's observations of the last `days`
 * (1..30), oldest first.
 */
export async function listObservations(store: KeyValueStore, tenantId: string, days = 7, now = Date.now()): Promise<Observation[]> {
  const span = Math.min(OBSERVATION_RETENTION_DAYS, Math.max(1, Math.floor(days)));
  const cutoff = new Date(now - span * DAY_MS).toISOString();
  return (await store.list<Observation>(keys.observations(tenantId))).map((item) => item.value).filter((o) => o.at >= cutoff);
}
