/**
 * The watcher's apps pass: when to read the tenant's apps (less often than sync: reading every
 * service principal, app registration and grant is 1 + ⌈resources / 20⌉ batches plus a page per 999
 * items, 41 more requests for the `large` scenario's 20,000 apps where a status read takes 2), and
 * which app findings become alerts.
 *
 * Alerted: app.credentialExpiring / app.credentialExpired (from the rules) and the "newly" codes of
 * identity/tenant/app-grants.ts (from the ledger stored here). Not alerted: app.highPrivilege, a
 * standing state the tab and `apps` show; what is news about it is a grant, which alerts.
 * Between two app reads the app codes are "not read this time", so their alerts neither resolve nor
 * change.
 */
import { grantChanges, type GrantLedger } from '../identity/tenant/app-grants';
import type { Finding, FindingCode, HealthReport } from '../identity/tenant/findings';
import type { TenantSnapshot } from '../identity/tenant/snapshot';
import type { HealthThresholds } from '../identity/tenant/thresholds';
import type { KeyValueStore } from '../storage/store';
import { keys } from './keys';

/** WATCH_APPS_INTERVAL_HOURS' default: four app reads a day; credential windows are counted in days. */
export const DEFAULT_APPS_INTERVAL_HOURS = 6;

/** The app codes whose findings open alerts. */
export const APP_ALERT_CODES: ReadonlySet<FindingCode> = new Set([
  'app.credentialExpiring',
  'app.credentialExpired',
  'app.highPrivilegeGranted',
  'app.tenantWideConsent',
]);

/** Every app code: dropped from the sync observation, unknown between app reads. */
const APP_CODES: readonly FindingCode[] = [...APP_ALERT_CODES, 'app.highPrivilege'];

interface AppWatchState {
  /** When the apps were last read (successfully or not), ISO. */
  readAt: string;
  ledger?: GrantLedger;
}

export function isAppCode(code: FindingCode): boolean {
  return (APP_CODES as readonly string[]).includes(code);
}

/** Whether this check reads the apps: the first check, a manual one, or when the interval has passed. */
export async function appsDue(store: KeyValueStore, tenantId: string, now: number, intervalMs: number, force: boolean): Promise<boolean> {
  if (force) return true;
  const state = await store.get<AppWatchState>(keys.appWatch(tenantId));
  return !state || now - Date.parse(state.value.readAt) >= intervalMs || Number.isNaN(Date.parse(state.value.readAt));
}

export interface AlertInput {
  findings: Finding[];
  unknownCodes: Set<FindingCode>;
}

/**
 * What the alerts see of one check: the report's findings without the standing app.highPrivilege,
 * plus what the grant ledger says is new; with apps not read this time, every app code is unknown.
 * Stores the ledger when apps were read.
 */
export async function alertInputOf(
  store: KeyValueStore,
  tenantId: string,
  snapshot: TenantSnapshot,
  report: HealthReport,
  now: number,
  thresholds: HealthThresholds,
): Promise<AlertInput> {
  const unknownCodes = new Set(report.unknown.map((u) => u.code));
  const findings = report.findings.filter((f) => !isAppCode(f.code) || APP_ALERT_CODES.has(f.code));
  if (snapshot.apps === undefined) {
    for (const code of APP_CODES) unknownCodes.add(code);
    return { findings, unknownCodes };
  }
  const key = keys.appWatch(tenantId);
  const previous = (await store.get<AppWatchState>(key))?.value;
  const changes = grantChanges(previous?.ledger, snapshot, new Date(now), thresholds);
  const ledger = changes.ledger ?? previous?.ledger;
  await store.put(key, { readAt: new Date(now).toISOString(), ...(ledger ? { ledger } : {}) } satisfies AppWatchState);
  for (const u of changes.unknown) unknownCodes.add(u.code);
  return { findings: [...findings, ...changes.findings], unknownCodes };
}
