/**
 * What the sync-lag chart draws: each lag as runs of points (broken at gaps and at observations
 * without a value), the thresholds in view, and the bands for the gaps and the demo period. Pure, so the unit tests read it without a browser.
 */
import type { HistoryResponse, Observation } from '../../../../../contract/tab';
import { demoUntil, gapsOf, niceMax, type Gap } from './chart-model';

type Lag = 'syncLagMinutes' | 'passwordSyncLagMinutes';
type Thresholds = NonNullable<HistoryResponse['thresholds']>;

export interface LagPoint {
  x: Date;
  y: number;
  observation: Observation;
}

/** One lag over time as its unbroken runs: a new run starts after a gap or after observations without a value. */
export type LagLine = LagPoint[][];

export interface ThresholdLine {
  kind: 'warning' | 'critical';
  minutes: number;
}

export interface LagChartModel {
  sync: LagLine;
  password: LagLine | undefined;
  thresholds: ThresholdLine[];
  /** A threshold above the drawn range, named beside the chart instead of drawn. */
  offChart: ThresholdLine | undefined;
  gaps: Gap[];
  /** From the first observation to where the made-up demo history ends. */
  demo: Gap | undefined;
  from: number;
  to: number;
  yMax: number;
}

/** A lag's runs, broken where a gap ends or where observations had no value. */
export function lagLine(observations: readonly Observation[], times: readonly number[], gapEnds: ReadonlySet<number>, lag: Lag): LagLine {
  const runs: LagLine = [];
  let run: LagPoint[] = [];
  observations.forEach((observation, i) => {
    const y = observation[lag];
    if (y === null || gapEnds.has(times[i])) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (y !== null) run.push({ x: new Date(times[i]), y, observation });
  });
  if (run.length) runs.push(run);
  return runs;
}

/** Everything the chart draws, from observations sorted by time. */
export function lagChartModel(observations: readonly Observation[], thresholds: Thresholds | undefined): LagChartModel {
  const times = observations.map((o) => Date.parse(o.at));
  const from = Math.min(...times);
  const to = Math.max(...times, from + 60_000);
  const gaps = gapsOf(times);
  const gapEnds = new Set(gaps.map((g) => g.to));
  const sync = lagLine(observations, times, gapEnds, 'syncLagMinutes');
  const passwordLine = lagLine(observations, times, gapEnds, 'passwordSyncLagMinutes');
  const password = passwordLine.length > 0 ? passwordLine : undefined;
  const dataMax = Math.max(0, ...[...sync, ...(password ?? [])].flat().map((p) => p.y));
  // The warning line is always in view; the critical one once the lag has reached the warning.
  const warning: ThresholdLine | undefined = thresholds && { kind: 'warning', minutes: thresholds.syncWarningMinutes };
  const critical: ThresholdLine | undefined = thresholds && { kind: 'critical', minutes: thresholds.syncCriticalMinutes };
  const showCritical = warning !== undefined && dataMax >= warning.minutes;
  const drawn = [warning, showCritical ? critical : undefined].filter((t): t is ThresholdLine => t !== undefined);
  const yMax = niceMax(Math.max(dataMax, ...drawn.map((t) => t.minutes)));
  const demoEnd = demoUntil(observations, times);
  return {
    sync,
    password,
    thresholds: drawn,
    offChart: showCritical ? undefined : critical,
    gaps,
    demo: demoEnd === undefined ? undefined : { from, to: demoEnd },
    from,
    to,
    yMax,
  };
}
