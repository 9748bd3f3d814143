import assert from 'node:assert/strict';
import type { Observation } from '../../contract/tab';
import { lagChartModel } from '../../tab/web/src/components/history/lag-series';

const T0 = Date.parse('2026-01-15T00:00:00Z');
const MIN = 60_000;
const THRESHOLDS = { syncWarningMinutes: 180, syncCriticalMinutes: 1440, passwordSyncWarningMinutes: 120 };

/** Observations every 10 minutes with the given lags (null: no value that time). */
function every10(lags: Array<number | null>, start = T0, password: Array<number | null> = lags): Observation[] {
  return lags.map((lag, i) => ({
    at: new Date(start + i * 10 * MIN).toISOString(),
    lastSync: null,
    syncLagMinutes: lag,
    passwordSyncLagMinutes: password[i],
    worstSeverity: 'none',
  }));
}

const lengths = (runs: unknown[][]): number[] => runs.map((r) => r.length);

describe('the sync-lag chart model (what the history chart draws)', () => {
  it('breaks a lag line where the watcher stopped and where an observation had no value', () => {
    const before = every10([5, 10, 15, 20, null, 5, 10]);
    const after = every10([5, 10, 15], T0 + 6 * 3_600_000);
    const model = lagChartModel([...before, ...after], THRESHOLDS);
    assert.deepEqual(lengths(model.sync), [4, 2, 3]);
    assert.equal(model.gaps.length, 1);
    assert.equal(model.gaps[0].to, Date.parse(after[0].at));
    assert.equal(model.sync[2][0].observation, after[0]);
  });

  it('draws the warning line always and the critical line once the lag reached the warning', () => {
    const calm = lagChartModel(every10([5, 20, 40]), THRESHOLDS);
    assert.deepEqual(calm.thresholds, [{ kind: 'warning', minutes: 180 }]);
    assert.deepEqual(calm.offChart, { kind: 'critical', minutes: 1440 });
    assert.equal(calm.yMax, 180);
    const outage = lagChartModel(every10([5, 200, 400]), THRESHOLDS);
    assert.deepEqual(
      outage.thresholds.map((t) => t.kind),
      ['warning', 'critical'],
    );
    assert.equal(outage.offChart, undefined);
    assert.equal(outage.yMax, 1440);
    assert.deepEqual(lagChartModel(every10([5, 20]), undefined).thresholds, []);
  });

  it('marks the demo period up to the first real observation, and leaves out a password line that never had a value', () => {
    const observations = every10([5, 10, 15, 20], T0, [null, null, null, null]).map((o, i): Observation =>
      i < 3 ? { ...o, demo: true } : o,
    );
    const model = lagChartModel(observations, THRESHOLDS);
    assert.deepEqual(model.demo, { from: T0, to: Date.parse(observations[3].at) });
    assert.equal(model.password, undefined);
    assert.equal(lagChartModel(observations.slice(3), THRESHOLDS).demo, undefined);
  });
});
