/**
 * Sync lag over time as an inline SVG line chart, hand-written: Fluent UI's v9 charting package
 * (@fluentui/react-charts) was not tried in this round (no measurement of what it adds to the
 * bundle yet), so the chart stays the small SVG it was, now marking the thresholds, the gaps and
 * the demo period. The text summary and the table are its alternatives for screen readers.
 */
import type { HistoryResponse, Observation } from '../../../../../contract/tab';
import { duration, exactTime } from '../../format';
import { useWidth } from '../../hooks/useWidth';
import { demoUntil, gapsOf, niceMax } from './chart-model';

const HEIGHT = 220;
const PAD = { top: 12, right: 16, bottom: 28, left: 48 };

type Series = 'syncLagMinutes' | 'passwordSyncLagMinutes';
type Thresholds = NonNullable<HistoryResponse['thresholds']>;

/** Line segments, broken where an observation has no value or a gap starts. */
function segments(points: Array<{ x: number; y: number | null; breakBefore: boolean }>): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const p of points) {
    if (p.y === null || p.breakBefore) {
      if (current.length) out.push(current.join(' '));
      current = [];
    }
    if (p.y !== null) current.push(`${p.x.toFixed(1)},${p.y.toFixed(1)}`);
  }
  if (current.length) out.push(current.join(' '));
  return out;
}

const tickTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function LagChart({
  observations,
  summaryId,
  thresholds,
}: {
  observations: Observation[];
  summaryId: string;
  thresholds?: Thresholds;
}): JSX.Element {
  const [ref, width] = useWidth<HTMLDivElement>();
  const times = observations.map((o) => Date.parse(o.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const span = Math.max(t1 - t0, 60_000);
  const hasPassword = observations.some((o) => o.passwordSyncLagMinutes !== null);
  const dataMax = Math.max(0, ...observations.flatMap((o) => [o.syncLagMinutes ?? 0, hasPassword ? (o.passwordSyncLagMinutes ?? 0) : 0]));
  // The warning line is always in view; the critical one once the lag has reached the warning.
  const showCritical = thresholds !== undefined && dataMax >= thresholds.syncWarningMinutes;
  const max = niceMax(Math.max(dataMax, thresholds?.syncWarningMinutes ?? 0, showCritical ? thresholds.syncCriticalMinutes : 0));
  const innerW = Math.max(width - PAD.left - PAD.right, 40);
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number): number => PAD.left + ((t - t0) / span) * innerW;
  const y = (m: number): number => PAD.top + innerH - (Math.min(m, max) / max) * innerH;
  const gaps = gapsOf(times);
  const gapStarts = new Set(gaps.map((g) => g.to));
  const line = (series: Series): string[] =>
    segments(
      observations.map((o, i) => ({ x: x(times[i]), y: o[series] === null ? null : y(o[series]), breakBefore: gapStarts.has(times[i]) })),
    );
  const yTicks = [0, max / 4, max / 2, (3 * max) / 4, max];
  const xTickCount = width < 480 ? 2 : 4;
  const xTicks = Array.from({ length: xTickCount + 1 }, (_, i) => t0 + (span * i) / xTickCount);
  const demoEnd = demoUntil(observations, times);
  const lines = thresholds
    ? [
        { minutes: thresholds.syncWarningMinutes, kind: 'warning', label: `Warning from ${duration(thresholds.syncWarningMinutes)}` },
        ...(showCritical
          ? [
              {
                minutes: thresholds.syncCriticalMinutes,
                kind: 'critical',
                label: `Critical from ${duration(thresholds.syncCriticalMinutes)}`,
              },
            ]
          : []),
      ]
    : [];

  return (
    <div ref={ref} className="chart">
      <svg width={width} height={HEIGHT} role="img" aria-labelledby="lag-chart-title" aria-describedby={summaryId} className="lag-chart">
        <title id="lag-chart-title">Directory sync lag over time</title>
        {demoEnd !== undefined && (
          <g className="demo-region" data-testid="demo-region">
            <rect x={x(t0)} y={PAD.top} width={Math.max(0, x(demoEnd) - x(t0))} height={innerH} />
            <text x={x(t0) + 6} y={PAD.top + 14} className="region-label">
              Demo history (made up)
            </text>
          </g>
        )}
        {gaps.map((gap) => (
          <g key={gap.from} className="gap" data-testid="gap">
            <rect x={x(gap.from)} y={PAD.top} width={Math.max(2, x(gap.to) - x(gap.from))} height={innerH} />
            <text x={(x(gap.from) + x(gap.to)) / 2} y={PAD.top + innerH - 6} textAnchor="middle" className="region-label">
              no data
            </text>
            <title>
              No observations from {exactTime(new Date(gap.from).toISOString())} to {exactTime(new Date(gap.to).toISOString())}
            </title>
          </g>
        ))}
        {yTicks.map((m) => (
          <g key={m}>
            <line x1={PAD.left} x2={PAD.left + innerW} y1={y(m)} y2={y(m)} className="grid" />
            <text x={PAD.left - 6} y={y(m)} dy="0.32em" textAnchor="end" className="tick">
              {duration(m)}
            </text>
          </g>
        ))}
        {lines.map((l) => (
          <g key={l.kind} className={`threshold threshold-${l.kind}`} data-testid={`threshold-${l.kind}`}>
            <line x1={PAD.left} x2={PAD.left + innerW} y1={y(l.minutes)} y2={y(l.minutes)} />
            <text x={PAD.left + innerW - 4} y={y(l.minutes) - 4} textAnchor="end" className="region-label">
              {l.label}
            </text>
          </g>
        ))}
        {xTicks.map((t, i) => (
          <text key={t} x={x(t)} y={HEIGHT - 8} textAnchor={i === 0 ? 'start' : i === xTickCount ? 'end' : 'middle'} className="tick">
            {tickTime.format(t)}
          </text>
        ))}
        {hasPassword &&
          line('passwordSyncLagMinutes').map((points, i) => <polyline key={`p${i}`} points={points} className="series series-password" />)}
        {line('syncLagMinutes').map((points, i) => (
          <polyline key={`s${i}`} points={points} className="series series-sync" />
        ))}
        {observations.map((o, i) =>
          o.syncLagMinutes === null ? null : (
            <circle
              key={o.at}
              cx={x(times[i])}
              cy={y(o.syncLagMinutes)}
              r={observations.length > 200 ? 1.5 : 3}
              className={`point point-${o.worstSeverity}`}
            >
              <title>
                {exactTime(o.at)}: sync lag {duration(o.syncLagMinutes)}
                {o.demo ? ' (demo history)' : ''}
              </title>
            </circle>
          ),
        )}
      </svg>
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="swatch swatch-sync" /> Directory sync lag (solid)
        </li>
        {hasPassword && (
          <li>
            <span className="swatch swatch-password" /> Password sync lag (dashed)
          </li>
        )}
        {thresholds && !showCritical && <li>Critical from {duration(thresholds.syncCriticalMinutes)} (above the chart)</li>}
        {gaps.length > 0 && <li>Shaded: no observations (the watcher did not run)</li>}
      </ul>
    </div>
  );
}
