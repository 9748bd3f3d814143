import type { Observation } from '../../../../../contract/tab';
import { duration, exactTime } from '../../format';
import { useWidth } from '../../hooks/useWidth';

const HEIGHT = 220;
const PAD = { top: 12, right: 16, bottom: 28, left: 48 };

type Series = 'syncLagMinutes' | 'passwordSyncLagMinutes';

/** Line segments, broken where an observation has no value. */
function segments(points: Array<{ x: number; y: number | null }>): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const p of points) {
    if (p.y === null) {
      if (current.length) out.push(current.join(' '));
      current = [];
    } else current.push(`${p.x.toFixed(1)},${p.y.toFixed(1)}`);
  }
  if (current.length) out.push(current.join(' '));
  return out;
}

function niceMax(value: number): number {
  if (value <= 0) return 60;
  const steps = [10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 4320, 10080];
  return steps.find((s) => s >= value) ?? Math.ceil(value / 1440) * 1440;
}

const tickTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** Sync lag over time as an inline SVG line chart; the text summary and table are its alternatives. */
export function LagChart({ observations, summaryId }: { observations: Observation[]; summaryId: string }): JSX.Element {
  const [ref, width] = useWidth<HTMLDivElement>();
  const times = observations.map((o) => Date.parse(o.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const span = Math.max(t1 - t0, 60_000);
  const hasPassword = observations.some((o) => o.passwordSyncLagMinutes !== null);
  const max = niceMax(
    Math.max(0, ...observations.flatMap((o) => [o.syncLagMinutes ?? 0, hasPassword ? (o.passwordSyncLagMinutes ?? 0) : 0])),
  );
  const innerW = Math.max(width - PAD.left - PAD.right, 40);
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number): number => PAD.left + ((t - t0) / span) * innerW;
  const y = (m: number): number => PAD.top + innerH - (m / max) * innerH;
  const line = (series: Series): string[] =>
    segments(observations.map((o, i) => ({ x: x(times[i]), y: o[series] === null ? null : y(o[series]) })));
  const yTicks = [0, max / 4, max / 2, (3 * max) / 4, max];
  const xTickCount = width < 480 ? 2 : 4;
  const xTicks = Array.from({ length: xTickCount + 1 }, (_, i) => t0 + (span * i) / xTickCount);

  return (
    <div ref={ref} className="chart">
      <svg width={width} height={HEIGHT} role="img" aria-labelledby="lag-chart-title" aria-describedby={summaryId} className="lag-chart">
        <title id="lag-chart-title">Directory sync lag over time</title>
        {yTicks.map((m) => (
          <g key={m}>
            <line x1={PAD.left} x2={PAD.left + innerW} y1={y(m)} y2={y(m)} className="grid" />
            <text x={PAD.left - 6} y={y(m)} dy="0.32em" textAnchor="end" className="tick">
              {duration(m)}
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
      </ul>
    </div>
  );
}
