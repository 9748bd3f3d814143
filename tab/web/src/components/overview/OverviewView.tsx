import { Button, Spinner } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { StatusResponse } from '../../../../../contract/tab';
import { useLoad } from '../../hooks/useLoad';
import { useNow } from '../../hooks/useNow';
import { useAnnounce } from '../Announcer';
import { ErrorPanel } from '../ErrorPanel';
import { Loading } from '../Loading';
import { PartialBadge } from '../PartialBadge';
import { TimeAgo } from '../TimeAgo';
import type { ViewProps } from '../views';
import { AppsAttention } from './AppsAttention';
import { CloudSyncAgents } from './CloudSyncAgents';
import { CloudSyncJobs } from './CloudSyncJobs';
import { ConnectDetails } from './ConnectDetails';
import { DomainsTable } from './DomainsTable';
import { FindingsList, NotChecked } from './FindingsList';
import { SectionsRead } from './SectionsRead';
import { SyncTiles } from './SyncTiles';

const MODEL: Record<StatusResponse['identity']['model'], string> = {
  'cloud-only': 'Cloud only',
  hybrid: 'Hybrid (synced from on-premises)',
  unknown: 'Unknown',
};
const EDITION: Record<NonNullable<StatusResponse['edition']>, string> = {
  Free: 'Microsoft Entra ID Free',
  P1: 'Microsoft Entra ID P1',
  P2: 'Microsoft Entra ID P2',
};

export default function OverviewView({ client, inTeams, navigate }: ViewProps): JSX.Element {
  const { state, reload } = useLoad((refresh) => client.status(refresh), [client]);
  // A request of its own: the status stays one Graph round trip, the apps are counted beside it (the server reads the status once for both).
  const { state: apps, reload: reloadApps } = useLoad((refresh) => client.appsSummary(refresh), [client]);
  const now = useNow(state.data?.takenAt);
  const announce = useAnnounce();
  useEffect(() => {
    if (state.status === 'ok' && !state.refreshing) announce(`Overview loaded: ${state.data.findings.length} findings.`);
    if (state.status === 'error') announce(`Could not load the overview: ${state.error.message}`);
  }, [state, announce]);

  const refreshing = state.status === 'loading' || (state.status === 'ok' && state.refreshing);
  return (
    <section aria-labelledby="overview-heading" className="view" data-view="overview">
      <div className="view-head">
        <h2 id="overview-heading">Overview</h2>
        <div className="view-actions">
          {state.data && (
            <span className="muted" data-testid="read-at">
              {state.data.organization ?? 'Tenant'} · <TimeAgo iso={state.data.takenAt} now={now} prefix="Read " />
            </span>
          )}
          <Button
            onClick={() => {
              reload(true);
              reloadApps(true);
            }}
            disabled={refreshing}
            icon={refreshing && state.data ? <Spinner size="extra-tiny" /> : undefined}
          >
            Refresh
          </Button>
        </div>
      </div>
      {state.status === 'error' && <ErrorPanel error={state.error} onRetry={() => reload(false)} what="the overview" inTeams={inTeams} />}
      {state.status === 'loading' && !state.data && <Loading label="Loading the overview" tiles={6} rows={3} />}
      {state.data && <Overview status={state.data} now={now} apps={<AppsAttention state={apps} onOpen={() => navigate('apps')} />} />}
    </section>
  );
}

function Overview({ status, now, apps }: { status: StatusResponse; now: Date; apps: JSX.Element }): JSX.Element {
  const { identity } = status;
  useEffect(() => {
    // For npm run bench:tab: when the overview first showed data, since navigation start.
    if (!performance.getEntriesByName('overview-rendered').length) performance.mark('overview-rendered');
  }, []);
  return (
    <div className="overview" data-testid="overview">
      <PartialBadge partial={status.partial} />
      <section aria-labelledby="identity-heading" className="panel">
        <h3 id="identity-heading">Identity</h3>
        <dl className="facts">
          <div>
            <dt>Identity model</dt>
            <dd data-testid="identity-model">{MODEL[identity.model]}</dd>
          </div>
          <div>
            <dt>Sign-in method</dt>
            <dd data-testid="sign-in">
              {identity.signIn}
              <span className="basis"> — based on: {identity.basis}</span>
            </dd>
          </div>
          <div>
            <dt>Edition</dt>
            <dd>{status.edition ? EDITION[status.edition] : 'Unknown'}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="sync-heading" className="panel">
        <h3 id="sync-heading">Directory sync</h3>
        <SyncTiles status={status} now={now} />
      </section>
      <ConnectDetails details={status.connect} findings={status.findings} />
      {status.cloudSync && status.cloudSync.configurations > 0 && (
        <section aria-labelledby="cloud-sync-heading" className="panel">
          <h3 id="cloud-sync-heading">Cloud Sync</h3>
          <CloudSyncJobs cloudSync={status.cloudSync} findings={status.findings} now={now} />
          {status.cloudSync.agents && (
            <>
              <h4>Provisioning agents</h4>
              <CloudSyncAgents agents={status.cloudSync.agents} findings={status.findings} />
            </>
          )}
        </section>
      )}
      <section aria-labelledby="findings-heading" className="panel">
        <h3 id="findings-heading">
          Findings
          {status.excluded.length > 0 && (
            <span className="muted excluded-count" data-testid="excluded-count">
              {' '}
              · {status.excluded.length} excluded
            </span>
          )}
          {apps}
        </h3>
        <FindingsList findings={status.findings} now={now} excluded={status.excluded} />
      </section>
      <section aria-labelledby="domains-heading" className="panel">
        <h3 id="domains-heading">Authentication per domain</h3>
        <DomainsTable domains={status.domains} now={now} />
      </section>
      {status.unknown.length > 0 && (
        <section aria-labelledby="unknown-heading" className="panel">
          <h3 id="unknown-heading">Not checked</h3>
          <NotChecked unknown={status.unknown} />
        </section>
      )}
      <section aria-labelledby="sections-heading" className="panel">
        <h3 id="sections-heading">What was read</h3>
        <SectionsRead status={status} />
      </section>
    </div>
  );
}
