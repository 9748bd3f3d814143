import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { CloudSyncJobRow, Finding, StatusResponse } from '../../../../../contract/tab';
import { SEVERITY_ORDER } from '../../../../../identity/tenant/findings';
import { NARROW, useMediaQuery } from '../../hooks/useMediaQuery';
import { SeverityBadge } from '../Severity';
import { TimeAgo } from '../TimeAgo';

/** Graph's synchronizationStatus codes in an admin's words; any other code is shown as Graph sent it. */
const STATE: Record<string, string> = {
  Active: 'Running',
  Quarantine: 'In quarantine',
  Paused: 'Paused',
  NotRun: 'First run not finished',
  NotConfigured: 'Not configured',
};
const RUN_STATE: Record<string, string> = { Succeeded: 'succeeded', Failed: 'failed', EntryLevelErrors: 'some objects failed' };

/** "every 2 minutes" from an ISO 8601 duration ("PT2M"); the duration as given when it is not one. */
function every(interval: string | null): string | null {
  if (!interval) return null;
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(interval);
  if (!match) return interval;
  const parts = [
    [match[1], 'day'],
    [match[2], 'hour'],
    [match[3], 'minute'],
  ].flatMap(([n, unit]) => (n && Number(n) > 0 ? [`${Number(n)} ${unit}${Number(n) === 1 ? '' : 's'}`] : []));
  return parts.length ? `every ${parts.join(' ')}` : interval;
}

function State({ job, finding }: { job: CloudSyncJobRow; finding?: Finding }): JSX.Element {
  return (
    <span className="job-state">
      {finding && <SeverityBadge severity={finding.severity} />} {STATE[job.statusCode] ?? `Graph's state "${job.statusCode}"`}
      {job.quarantine?.reason && <span className="muted"> ({job.quarantine.reason})</span>}
    </span>
  );
}

function LastRun({ job, now }: { job: CloudSyncJobRow; now: Date }): JSX.Element {
  const run = job.lastRun;
  if (!run?.ended) return <span>Never</span>;
  const escrowed = run.escrowed ? `, ${run.escrowed} ${run.escrowed === 1 ? 'object' : 'objects'} failed` : '';
  return (
    <span>
      <TimeAgo iso={run.ended} now={now} />
      {run.state && ` (${RUN_STATE[run.state] ?? run.state}${escrowed})`}
    </span>
  );
}

/** The worst cloudSync.* finding about this job. */
function findingFor(job: CloudSyncJobRow, findings: Finding[]): Finding | undefined {
  return findings
    .filter((f) => f.code.startsWith('cloudSync.') && f.subject === job.subject)
    .sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity])[0];
}

/** Cloud Sync's provisioning jobs, one row each: what it syncs, its state, its last run and last clean run. */
export function CloudSyncJobs({
  cloudSync,
  findings,
  now,
}: {
  cloudSync: NonNullable<StatusResponse['cloudSync']>;
  findings: Finding[];
  now: Date;
}): JSX.Element {
  const narrow = useMediaQuery(NARROW);
  const unread = cloudSync.unread.map((u) => (
    <p key={u.configuration} className="muted">
      {u.configuration}: jobs not checked, because {u.reason}
    </p>
  ));
  if (!cloudSync.jobs.length) return <>{unread.length ? unread : <p className="muted">No provisioning jobs were returned.</p>}</>;
  if (narrow) {
    return (
      <>
        <ul className="card-list" aria-label="Cloud Sync jobs">
          {cloudSync.jobs.map((job) => (
            <li key={job.subject} className="card">
              <div className="card-title">
                {job.configuration}: {job.syncs}
              </div>
              <State job={job} finding={findingFor(job, findings)} />
              <div>
                Last run <LastRun job={job} now={now} />
              </div>
            </li>
          ))}
        </ul>
        {unread}
      </>
    );
  }
  return (
    <>
      <div className="table-scroll">
        <Table aria-label="Cloud Sync jobs" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Configuration</TableHeaderCell>
              <TableHeaderCell>Syncs</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell>Last run</TableHeaderCell>
              <TableHeaderCell>Last run without errors</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {cloudSync.jobs.map((job) => (
              <TableRow key={job.subject}>
                <TableCell>{job.configuration}</TableCell>
                <TableCell>
                  {job.syncs}
                  {every(job.interval) && <span className="muted">, {every(job.interval)}</span>}
                </TableCell>
                <TableCell>
                  <State job={job} finding={findingFor(job, findings)} />
                </TableCell>
                <TableCell>
                  <LastRun job={job} now={now} />
                </TableCell>
                <TableCell>
                  <TimeAgo iso={job.lastSuccessfulRun} now={now} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {unread}
    </>
  );
}
