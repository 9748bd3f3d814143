import type { StatusResponse } from '../../../../../contract/tab';
import { TimeAgo } from '../TimeAgo';
import { worstFor } from './checks';
import { Tile } from './Tile';

function count(value: number | null): string {
  return value === null ? 'Unknown' : value.toLocaleString();
}

function deletionPrevention(value: StatusResponse['sync']['deletionPrevention'], whyNot: string): { text: string; detail?: string } {
  if (!value) return { text: 'Not checked', detail: whyNot };
  if (value.type === 'disabled') return { text: 'Off' };
  if (value.type === 'enabledForCount')
    return { text: 'On', detail: value.threshold === null ? undefined : `Stops a sync that deletes more than ${value.threshold} objects` };
  if (value.type === 'enabledForPercentage')
    return {
      text: 'On',
      detail: value.threshold === null ? undefined : `Stops a sync that deletes more than ${value.threshold}% of objects`,
    };
  return { text: 'Unknown', detail: value.type };
}

export function SyncTiles({ status, now }: { status: StatusResponse; now: Date }): JSX.Element {
  const { sync, findings } = status;
  if (sync.enabled === null) {
    return <p className="muted">This tenant has never synced from an on-premises directory: every account is a cloud account.</p>;
  }
  // Why sync settings were not read, as the API says it (e.g. "not checked, because only a signed-in Global Administrator …").
  const settings = status.sections.find((s) => s.section === 'syncSettings');
  const whyNot = settings && settings.state !== 'read' ? settings.detail : 'not checked: readable only with a Global Administrator sign-in';
  const deletion = deletionPrevention(sync.deletionPrevention, whyNot);
  const phs =
    sync.passwordHashSync === null
      ? `Password hash sync setting ${whyNot}`
      : sync.passwordHashSync
        ? 'Password hash sync is on'
        : 'Password hash sync is off';
  return (
    <div className="tiles">
      <Tile label="Directory sync" severity={worstFor(findings, ['sync.disabled'])}>
        {sync.enabled ? 'On' : 'Off (was on)'}
      </Tile>
      <Tile label="Last sync" severity={worstFor(findings, ['sync.stale', 'sync.disabled'])}>
        <TimeAgo iso={sync.lastSync} now={now} />
      </Tile>
      <Tile label="Last password sync" detail={phs} severity={worstFor(findings, ['phs.stale'])}>
        {sync.lastPasswordSync ? (
          <TimeAgo iso={sync.lastPasswordSync} now={now} />
        ) : sync.passwordHashSync === false ? (
          'Not used'
        ) : (
          'Unknown'
        )}
      </Tile>
      <Tile label="Synced users">{count(sync.syncedUsers)}</Tile>
      <Tile label="Synced groups">{count(sync.syncedGroups)}</Tile>
      <Tile label="Provisioning errors" severity={worstFor(findings, ['sync.errors'])}>
        {count(sync.provisioningErrors)}
      </Tile>
      <Tile label="Accidental-deletion prevention" detail={deletion.detail} severity={worstFor(findings, ['sync.deletionPreventionOff'])}>
        {deletion.text}
      </Tile>
    </div>
  );
}
