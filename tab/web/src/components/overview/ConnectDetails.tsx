import { Badge } from '@fluentui/react-components';
import type { ConnectDetails as Details, ConnectFeature, Finding } from '../../../../../contract/tab';
import { SeverityBadge } from '../Severity';
import { worstFor } from './checks';

const GROUPS: ReadonlyArray<ConnectFeature['group']> = ['Passwords', 'Writeback', 'Matching and conflicts', 'Other'];

function OnOff({ on }: { on: boolean | null }): JSX.Element {
  if (on === null)
    return (
      <Badge appearance="outline" color="informative" shape="rounded">
        Not reported
      </Badge>
    );
  return (
    <Badge appearance="tint" color={on ? 'success' : 'informative'} shape="rounded">
      {on ? 'On' : 'Off'}
    </Badge>
  );
}

/**
 * Entra Connect's sync configuration as Graph gives a signed-in Global Administrator: the client
 * version, the sync interval in words, deletion prevention in words and every feature on or off by
 * its plain name; for anyone else, why not.
 */
export function ConnectDetails({ details, findings }: { details: Details; findings: Finding[] }): JSX.Element | null {
  if (details.state === 'neverSynced') return null;
  const severity = worstFor(findings, ['sync.deletionPreventionOff']);
  const versionSeverity = worstFor(findings, ['sync.clientVersionUnsupported']);
  return (
    <section aria-labelledby="connect-heading" className="panel" data-testid="connect-details" data-state={details.state}>
      <h3 id="connect-heading">Entra Connect details</h3>
      {details.state === 'notChecked' ? (
        <p className="muted" data-testid="connect-not-checked">
          {details.reason.charAt(0).toUpperCase() + details.reason.slice(1)}.
        </p>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>Sync client version</dt>
              <dd data-testid="connect-client-version">
                {versionSeverity && <SeverityBadge severity={versionSeverity} />} {details.clientVersion ?? 'Not reported by Graph'}
                {details.versionNote && <span className="muted"> ({details.versionNote})</span>}
              </dd>
            </div>
            <div>
              <dt>Sync interval</dt>
              <dd data-testid="connect-interval">{details.interval ?? 'Not reported by Graph'}</dd>
            </div>
            {details.requestedInterval && (
              <div>
                <dt>Interval the organisation asked for</dt>
                <dd data-testid="connect-requested-interval">{details.requestedInterval}</dd>
              </div>
            )}
            <div>
              <dt>Accidental-deletion prevention</dt>
              <dd data-testid="connect-deletion-prevention">
                {severity && <SeverityBadge severity={severity} />}{' '}
                {details.deletionPrevention ? details.deletionPrevention.sentence : 'Not configured: Graph returned no setting.'}
              </dd>
            </div>
          </dl>
          <div className="feature-groups">
            {GROUPS.map((group) => (
              <div key={group} className="feature-group">
                <h4>{group}</h4>
                <ul className="feature-list" aria-label={`${group} features`}>
                  {details.features
                    .filter((f) => f.group === group)
                    .map((f) => (
                      <li key={f.key} data-feature={f.key} data-on={f.on === null ? 'unknown' : String(f.on)}>
                        <OnOff on={f.on} /> {f.name}
                        {f.note && <span className="muted"> ({f.note})</span>}
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </div>
          <p className="muted" data-testid="connect-source">
            {details.source}
          </p>
        </>
      )}
    </section>
  );
}
