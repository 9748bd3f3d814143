/**
 * Demo mode only: a made-up sync history for the period before the watcher's first observation,
 * so the history chart of a fresh demo shows what it is for. Graph keeps no sync history (only the
 * last sync time), so a real tenant's chart starts with its first observation; every demo point is
 * marked `demo: true` and the tab labels it "demo history". Pure and deterministic: the same
 * (from, until) give the same points, on a 20-minute grid.
 *
 * The story it tells: Entra Connect Sync every 30 minutes, so the lag saw-tooths between 0 and 30
 * minutes; 3 days ago sync stopped for 9 hours (past the warning threshold); 5 days ago the watcher
 * itself was not running for 6 hours (a gap: no observations, which the chart shows as such).
 */
import type { Observation } from '../contract/tab';
import type { Severity } from '../identity/tenant/findings';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEP = 20 * MINUTE;
const SYNC_EVERY = 30 * MINUTE;
const PASSWORD_SYNC_EVERY = 2 * MINUTE;

export interface LagThresholds {
  syncWarningMinutes: number;
  syncCriticalMinutes: number;
  passwordSyncWarningMinutes: number;
}

/** When the made-up outage and gap are, counted back from the period's end. */
const OUTAGE = { startsBeforeEnd: 3 * DAY, lasts: 9 * HOUR };
const GAP = { startsBeforeEnd: 5 * DAY, lasts: 6 * HOUR };

/** Demo observations from `from` up to (not including) `until`, oldest first. */
export function demoObservations(from: number, until: number, thresholds: LagThresholds): Observation[] {
  const outageStart = until - OUTAGE.startsBeforeEnd;
  const outageEnd = outageStart + OUTAGE.lasts;
  const gapStart = until - GAP.startsBeforeEnd;
  const gapEnd = gapStart + GAP.lasts;
  /** The last sync at or before `t`: on the 30-minute schedule, none during the outage. */
  const lastSyncAt = (t: number, every: number): number => {
    const onSchedule = Math.floor(t / every) * every;
    return t >= outageStart && t < outageEnd ? Math.floor(outageStart / every) * every : onSchedule;
  };
  const out: Observation[] = [];
  for (let at = Math.ceil(from / STEP) * STEP; at < until; at += STEP) {
    if (at >= gapStart && at < gapEnd) continue;
    const lastSync = lastSyncAt(at, SYNC_EVERY);
    const syncLagMinutes = Math.round((at - lastSync) / MINUTE);
    const passwordSyncLagMinutes = Math.round((at - lastSyncAt(at, PASSWORD_SYNC_EVERY)) / MINUTE);
    const worstSeverity: Severity | 'none' =
      syncLagMinutes >= thresholds.syncCriticalMinutes
        ? 'critical'
        : syncLagMinutes >= thresholds.syncWarningMinutes || passwordSyncLagMinutes >= thresholds.passwordSyncWarningMinutes
          ? 'warning'
          : 'none';
    out.push({
      at: new Date(at).toISOString(),
      lastSync: new Date(lastSync).toISOString(),
      syncLagMinutes,
      passwordSyncLagMinutes,
      worstSeverity,
      demo: true,
    });
  }
  return out;
}
