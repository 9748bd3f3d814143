import assert from 'node:assert/strict';
import { demoObservations } from '../../notifications/demo-history';
import { keys } from '../../notifications/keys';
import { tabNotificationsPort } from '../../notifications/tab-port';
import { MemoryStore } from '../../storage/memory';
import { demoUntil, gapsOf } from '../../tab/web/src/components/history/chart-model';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const DAY = 86_400_000;
const THRESHOLDS = { syncWarningMinutes: 180, syncCriticalMinutes: 1440, passwordSyncWarningMinutes: 120 };

describe('the demo sync history (demo mode only, before the first real observation)', () => {
  const week = demoObservations(NOW - 7 * DAY, NOW, THRESHOLDS);

  it('every point is marked demo, on a 20-minute grid, the lag saw-toothing within the 30-minute schedule', () => {
    assert.ok(week.length > 400);
    assert.ok(week.every((o) => o.demo === true));
    assert.ok(week.every((o) => Date.parse(o.at) % (20 * 60_000) === 0));
    // Only the outage's 9 hours (27 points) lag behind the schedule.
    assert.ok(week.filter((o) => o.syncLagMinutes! >= 30).length <= 27);
    assert.deepEqual(demoObservations(NOW - 7 * DAY, NOW, THRESHOLDS), week, 'deterministic');
  });

  it('tells of a 9-hour outage past the warning threshold 3 days ago, and a 6-hour gap 5 days ago', () => {
    const worst = Math.max(...week.map((o) => o.syncLagMinutes!));
    assert.ok(worst >= 8 * 60 && worst <= 9 * 60, String(worst));
    assert.ok(week.some((o) => o.worstSeverity === 'warning'));
    const gaps = gapsOf(week.map((o) => Date.parse(o.at)));
    assert.equal(gaps.length, 1);
    assert.ok(gaps[0].to - gaps[0].from >= 6 * 3_600_000);
  });

  it('the tab port adds demo points only before the first real observation, and only when asked', async () => {
    const store = new MemoryStore();
    const real = {
      at: new Date(NOW - DAY).toISOString(),
      lastSync: null,
      syncLagMinutes: 5,
      passwordSyncLagMinutes: 1,
      worstSeverity: 'none',
    };
    await store.put(keys.observation('t', real.at), real);
    const demo = await tabNotificationsPort(store, () => NOW, { demoHistory: true }).history('t', 7);
    assert.deepEqual(demo.at(-1), real);
    assert.ok(demo.slice(0, -1).every((o) => o.demo && Date.parse(o.at) < Date.parse(real.at)));
    assert.equal(
      demoUntil(
        demo,
        demo.map((o) => Date.parse(o.at)),
      ),
      Date.parse(real.at),
    );
    assert.deepEqual(await tabNotificationsPort(store, () => NOW).history('t', 7), [real]);
    assert.deepEqual(await tabNotificationsPort(store, () => NOW).lagThresholds('t'), THRESHOLDS);
  });

  it('a late check is no gap; a stopped watcher is', () => {
    const every10 = Array.from({ length: 20 }, (_, i) => i * 600_000);
    assert.deepEqual(gapsOf([...every10.slice(0, 10), every10[10] + 900_000, ...every10.slice(11)]), []);
    assert.deepEqual(gapsOf([...every10.slice(0, 10), ...every10.slice(10).map((t) => t + 3_600_000)]), [
      { from: every10[9], to: every10[10] + 3_600_000 },
    ]);
  });
});
