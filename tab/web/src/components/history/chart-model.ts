/** What the sync-lag chart marks besides the lines: gaps in the observations, and the demo period. */
import type { Observation } from '../../../../../contract/tab';

const MINUTE = 60_000;

/** A gap: two observations further apart than the watcher's rhythm allows. */
export interface Gap {
  from: number;
  to: number;
}

/**
 * Gaps between consecutive observations: longer than three times their usual spacing (the median)
 * and at least 30 minutes, so one late check is no gap but a stopped watcher is.
 */
export function gapsOf(times: readonly number[]): Gap[] {
  if (times.length < 3) return [];
  const steps = times
    .slice(1)
    .map((t, i) => t - times[i])
    .sort((a, b) => a - b);
  const usual = steps[Math.floor(steps.length / 2)];
  const limit = Math.max(3 * usual, 30 * MINUTE);
  const gaps: Gap[] = [];
  for (let i = 1; i < times.length; i++) if (times[i] - times[i - 1] > limit) gaps.push({ from: times[i - 1], to: times[i] });
  return gaps;
}

/** Where the demo's made-up history ends (the first real observation, or the last point), or undefined without demo points. */
export function demoUntil(observations: readonly Observation[], times: readonly number[]): number | undefined {
  if (!observations.some((o) => o.demo)) return undefined;
  const firstReal = observations.findIndex((o) => !o.demo);
  return firstReal === -1 ? times[times.length - 1] : times[firstReal];
}

export function niceMax(value: number): number {
  if (value <= 0) return 60;
  const steps = [10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 4320, 10080];
  return steps.find((s) => s >= value) ?? Math.ceil(value / 1440) * 1440;
}
