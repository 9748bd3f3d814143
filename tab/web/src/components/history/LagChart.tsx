/**
 * Sync lag over time, drawn by Fluent UI's v9 LineChart (@fluentui/react-charts): the lags as
 * lines broken at gaps, each threshold as a flat dashed series named in the legend and labelled on
 * the chart, the gaps and the demo period as shaded bands. Colours are Fluent tokens, so the dark
 * and high-contrast themes follow the FluentProvider. The text summary, the gap list below and the
 * table in HistoryView are its alternatives for screen readers.
 * What it costs (npm run bench:tab, against the hand-drawn SVG it replaced): +90.6 KiB gzip, all in
 * the lazily loaded history chunk (index.html up front +0.6 KiB); the demo week's chart drawn about
 * 0.4 s later in a cold browser (median 1.58 s against 1.15 s, six alternating runs on a busy machine).
 * Without `optimizeLargeData` (a <line> and a <circle> per point) it took 3.3 s, hence LARGE.
 */
import { LineChart, type ChartAnnotation, type ColorFillBarsProps, type LineChartPoints } from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { HistoryResponse, Observation } from '../../../../../contract/tab';
import { duration, exactTime } from '../../format';
import { useState } from 'react';
import { useWidth } from '../../hooks/useWidth';
import { lagChartModel, type LagLine, type ThresholdLine } from './lag-series';

/**
 * The chart's height with its legend: Fluent takes the legend's height out of its parent's, and
 * narrow, the legend wraps to a row per entry and needs the extra room.
 */
const HEIGHT = 300;
const NARROW = 480;
const NARROW_HEIGHT = 440;
/** Above this many observations the lines are drawn as one path each, without a marker per point (a week is ~500). */
const LARGE = 200;
const TITLE = 'Directory sync lag over time';
const SYNC = 'Directory sync lag';
const PASSWORD = 'Password sync lag';
const GAP = 'No observations';
const DEMO = 'Demo history (made up)';

const COLOR = {
  sync: tokens.colorBrandForeground1,
  password: tokens.colorNeutralForeground3,
  warning: tokens.colorPaletteDarkOrangeForeground1,
  critical: tokens.colorPaletteRedForeground1,
  gap: tokens.colorNeutralForeground4,
  demo: tokens.colorNeutralBackground5,
};

// Fluent capitalises legend words, which turns "3.0 h" into "3.0 H"; the names are sentences here.
const useStyles = makeStyles({ legend: { textTransform: 'none' } });

const tickTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

const thresholdLabel = (t: ThresholdLine): string => `${t.kind === 'warning' ? 'Warning' : 'Critical'} from ${duration(t.minutes)}`;

/**
 * A lag as one series per unbroken run, all under one legend name (Fluent groups series by it):
 * the way to break the line that holds in both of LineChart's modes (its `gaps` are ignored when
 * drawing large data as one path).
 */
function lagSeries(legend: string, line: LagLine, color: string, dashed: boolean): LineChartPoints[] {
  return line.map((run) => ({
    legend,
    color,
    lineOptions: { strokeWidth: 2, ...(dashed ? { strokeDasharray: '5 4' } : {}) },
    data: run.map(({ x, y, observation }) => ({
      x,
      y,
      xAxisCalloutData: exactTime(observation.at),
      yAxisCalloutData: `${duration(y)}${observation.demo ? ' (demo history)' : ''}`,
      ...(observation.worstSeverity === 'warning' || observation.worstSeverity === 'critical'
        ? { markerColor: COLOR[observation.worstSeverity] }
        : {}),
    })),
  }));
}

function thresholdSeries(t: ThresholdLine, from: number, to: number): LineChartPoints {
  return {
    legend: thresholdLabel(t),
    color: COLOR[t.kind],
    hideNonActiveDots: true,
    lineOptions: { strokeWidth: 1.5, strokeDasharray: '6 3' },
    data: [from, to].map((x) => ({
      x: new Date(x),
      y: t.minutes,
      hideCallout: true,
      xAxisCalloutData: exactTime(new Date(x).toISOString()),
      yAxisCalloutData: duration(t.minutes),
    })),
  };
}

export function LagChart({
  observations,
  summaryId,
  thresholds,
}: {
  observations: Observation[];
  summaryId: string;
  thresholds?: NonNullable<HistoryResponse['thresholds']>;
}): JSX.Element {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const styles = useStyles();
  const model = lagChartModel(observations, thresholds);
  const lines = [
    ...lagSeries(SYNC, model.sync, COLOR.sync, false),
    ...(model.password ? lagSeries(PASSWORD, model.password, COLOR.password, true) : []),
    ...model.thresholds.map((t) => thresholdSeries(t, model.from, model.to)),
  ];
  const bands: ColorFillBarsProps[] = [
    ...(model.demo
      ? [{ legend: DEMO, color: COLOR.demo, data: [{ startX: new Date(model.demo.from), endX: new Date(model.demo.to) }] }]
      : []),
    ...(model.gaps.length
      ? [
          {
            legend: GAP,
            color: COLOR.gap,
            applyPattern: true,
            data: model.gaps.map((g) => ({ startX: new Date(g.from), endX: new Date(g.to) })),
          },
        ]
      : []),
  ];
  const annotations: ChartAnnotation[] = model.thresholds.map((t) => ({
    id: `threshold-${t.kind}`,
    text: thresholdLabel(t),
    coordinates: { type: 'data', x: new Date(model.to), y: t.minutes },
    layout: { align: 'end', verticalAlign: 'bottom' },
    style: { textColor: COLOR[t.kind] },
    accessibility: { ariaLabel: `${thresholdLabel(t)} of sync lag` },
  }));

  const narrow = width < NARROW;
  const xTickCount = narrow ? 1 : 4;
  const xTicks = Array.from({ length: xTickCount + 1 }, (_, i) => new Date(model.from + ((model.to - model.from) * i) / xTickCount));

  return (
    <div ref={ref} className="chart">
      <div ref={setBox} style={{ minHeight: narrow ? NARROW_HEIGHT : HEIGHT }}>
        {/*
          Only once the box is in the page: Fluent sizes the chart from parentRef while rendering, but
          without one its first commit has a container height of 0, which draws each gap and demo band
          as a rect of negative height (Chromium logs "<rect> attribute height: A negative value").
        */}
        {box && (
          <LineChart
            parentRef={box}
            data={{ chartTitle: TITLE, lineChartData: lines }}
            colorFillBars={bands}
            annotations={annotations}
            width={width}
            height={narrow ? NARROW_HEIGHT : HEIGHT}
            yMinValue={0}
            yMaxValue={model.yMax}
            yAxisTickValues={[0, model.yMax / 4, model.yMax / 2, (3 * model.yMax) / 4, model.yMax]}
            yAxisTickFormat={(m: number) => duration(m)}
            tickValues={xTicks}
            customDateTimeFormatter={(d: Date) => tickTime.format(d)}
            useUTC={false}
            enabledLegendsWrapLines
            optimizeLargeData={observations.length > LARGE}
            legendProps={{ styles: { legend: styles.legend } }}
            svgProps={{ 'aria-describedby': summaryId }}
            margins={{ top: 16, right: 56, bottom: 35, left: 64 }}
          />
        )}
      </div>
      {(model.gaps.length > 0 || model.offChart) && (
        <ul className="chart-notes">
          {model.offChart && <li data-testid="threshold-off-chart">{thresholdLabel(model.offChart)} (above the chart)</li>}
          {model.gaps.map((g) => (
            <li key={g.from} data-testid="gap">
              No observations from {exactTime(new Date(g.from).toISOString())} to {exactTime(new Date(g.to).toISOString())} (the watcher did
              not run)
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
