import { Field, Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Observation } from '../../../../../contract/tab';
import { duration, exactTime } from '../../format';
import { useLoad } from '../../hooks/useLoad';
import { useAnnounce } from '../Announcer';
import { ErrorPanel } from '../ErrorPanel';
import { EmptyState, Loading } from '../Loading';
import { SEVERITY_LABEL } from '../Severity';
import type { ViewProps } from '../views';
import { LagChart } from './LagChart';

function summarise(observations: Observation[]): string {
  const lags = observations.map((o) => o.syncLagMinutes).filter((m): m is number => m !== null);
  const last = observations[observations.length - 1];
  if (!lags.length)
    return `${observations.length} observations from ${exactTime(observations[0].at)} to ${exactTime(last.at)}; none had a directory sync time.`;
  const worst = observations.reduce((a, b) => ((b.syncLagMinutes ?? -1) > (a.syncLagMinutes ?? -1) ? b : a));
  const average = lags.reduce((a, b) => a + b, 0) / lags.length;
  return (
    `${observations.length} observations from ${exactTime(observations[0].at)} to ${exactTime(last.at)}. ` +
    `Latest sync lag ${duration(last.syncLagMinutes)}; average ${duration(average)}; ` +
    `longest ${duration(worst.syncLagMinutes)} at ${exactTime(worst.at)}.`
  );
}

export default function HistoryView({ client, inTeams }: ViewProps): JSX.Element {
  const [days, setDays] = useState(7);
  const { state, reload } = useLoad(() => client.history(days), [client, days]);
  const announce = useAnnounce();
  useEffect(() => {
    if (state.status === 'ok') announce(`Sync history loaded: ${state.data.observations.length} observations.`);
  }, [state, announce]);

  const observations = state.status === 'ok' ? [...state.data.observations].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) : [];
  const demoPoints = observations.filter((o) => o.demo);
  return (
    <section aria-labelledby="history-heading" className="view" data-view="history">
      <div className="view-head">
        <h2 id="history-heading">Sync history</h2>
        <div className="view-actions">
          <Field label="Period" orientation="horizontal">
            <Select value={String(days)} onChange={(_, data) => setDays(Number(data.value))}>
              <option value="1">Last 24 hours</option>
              <option value="7">Last 7 days</option>
              <option value="30">Last 30 days</option>
            </Select>
          </Field>
        </div>
      </div>
      {state.status === 'loading' && <Loading label="Loading the sync history" rows={4} />}
      {state.status === 'error' && <ErrorPanel error={state.error} onRetry={() => reload()} what="the sync history" inTeams={inTeams} />}
      {state.status === 'ok' && observations.length === 0 && (
        <EmptyState title="No observations yet">
          The watcher records an observation every 10 minutes. Come back after it has run to see how far directory sync lags.
        </EmptyState>
      )}
      {state.status === 'ok' && observations.length > 0 && (
        <>
          <p id="history-summary" data-testid="history-summary">
            {summarise(observations)}
          </p>
          {demoPoints.length > 0 && (
            <p className="demo-note" data-testid="demo-note">
              <strong>Demo history:</strong> the {demoPoints.length} points up to {exactTime(demoPoints[demoPoints.length - 1].at)} are made
              up by the demo, so a fresh demo has something to show (Microsoft Graph keeps only the last sync time, no history). Real
              observations follow as the watcher checks the tenant every 10 minutes.
            </p>
          )}
          <LagChart
            observations={observations}
            summaryId="history-summary"
            {...(state.data.thresholds ? { thresholds: state.data.thresholds } : {})}
          />
          <details className="data-table">
            <summary>Show the observations as a table</summary>
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">Sync observations</caption>
                <thead>
                  <tr>
                    <th scope="col">Observed</th>
                    <th scope="col">Last sync</th>
                    <th scope="col">Sync lag</th>
                    <th scope="col">Password sync lag</th>
                    <th scope="col">Worst finding</th>
                  </tr>
                </thead>
                <tbody>
                  {observations.map((o) => (
                    <tr key={o.at}>
                      <td>
                        {exactTime(o.at)}
                        {o.demo ? ' (demo)' : ''}
                      </td>
                      <td>{exactTime(o.lastSync)}</td>
                      <td>{duration(o.syncLagMinutes)}</td>
                      <td>{duration(o.passwordSyncLagMinutes)}</td>
                      <td>{o.worstSeverity === 'none' ? 'None' : SEVERITY_LABEL[o.worstSeverity]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
