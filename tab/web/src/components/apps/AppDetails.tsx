import { Badge, Button, DrawerBody, DrawerHeader, DrawerHeaderTitle, OverlayDrawer } from '@fluentui/react-components';
import type { AppRow, PermissionRow } from '../../../../../contract/tab';
import { exactDate, relativeTime } from '../../format';
import { NARROW, useMediaQuery } from '../../hooks/useMediaQuery';
import { CONSENT_LABEL, publisherText } from './labels';

interface Props {
  app: AppRow | null;
  now: Date;
  onClose: () => void;
}

function Permissions({ title, hint, rows }: { title: string; hint: string; rows: PermissionRow[] }): JSX.Element | null {
  if (!rows.length) return null;
  return (
    <section className="permission-group" aria-label={title}>
      <h4>{title}</h4>
      <p className="muted">{hint}</p>
      <ul className="permission-list">
        {rows.map((p) => (
          <li key={`${p.kind}:${p.resource}:${p.permission}:${p.consent ?? ''}`}>
            <span className="permission-words">{p.description}</span>
            {p.highPrivilege && (
              <>
                {' '}
                <Badge appearance="tint" color="danger">
                  High privilege
                </Badge>
              </>
            )}
            <div className="muted">
              <code>{p.permission}</code> on {p.resource}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Details of one app: permissions in plain words by kind and consent, and its credentials. */
export function AppDetails({ app, now, onClose }: Props): JSX.Element {
  const narrow = useMediaQuery(NARROW);
  const application = app?.permissions.filter((p) => p.kind === 'application') ?? [];
  const delegatedAdmin = app?.permissions.filter((p) => p.kind === 'delegated' && p.consent !== 'user') ?? [];
  const delegatedUser = app?.permissions.filter((p) => p.kind === 'delegated' && p.consent === 'user') ?? [];
  return (
    <OverlayDrawer
      open={app !== null}
      onOpenChange={(_, data) => !data.open && onClose()}
      position="end"
      size={narrow ? 'full' : 'medium'}
      aria-labelledby="app-details-title"
    >
      {app && (
        <>
          <DrawerHeader>
            <DrawerHeaderTitle
              heading={{ as: 'h2', id: 'app-details-title' }}
              action={
                <Button appearance="subtle" onClick={onClose} aria-label="Close details">
                  Close
                </Button>
              }
            >
              {app.displayName}
            </DrawerHeaderTitle>
          </DrawerHeader>
          <DrawerBody tabIndex={0} role="region" aria-label={`Details of ${app.displayName}`}>
            <dl className="facts">
              <div>
                <dt>Publisher</dt>
                <dd>
                  {publisherText(app)} {app.verifiedPublisher ? '(verified)' : '(not verified)'}
                </dd>
              </div>
              <div>
                <dt>Application (client) ID</dt>
                <dd>
                  <code>{app.appId}</code>
                </dd>
              </div>
              <div>
                <dt>Registered in</dt>
                <dd>{app.ownedByThisTenant ? 'This tenant' : app.isMicrosoft ? 'Microsoft' : 'Another organization'}</dd>
              </div>
              <div>
                <dt>Consent</dt>
                <dd>{CONSENT_LABEL[app.consent]}</dd>
              </div>
              <div>
                <dt>Sign-in</dt>
                <dd>{app.enabled ? 'Enabled' : 'Disabled'}</dd>
              </div>
            </dl>
            <h3>Permissions</h3>
            {app.permissions.length === 0 && <p className="muted">This app holds no API permissions in this tenant.</p>}
            <Permissions
              title="Application permissions"
              hint="The app uses these on its own, without a signed-in user."
              rows={application}
            />
            <Permissions
              title="Delegated permissions, granted by an admin for all users"
              hint="The app uses these on behalf of any signed-in user."
              rows={delegatedAdmin}
            />
            <Permissions
              title="Delegated permissions, granted by users"
              hint="The app uses these on behalf of the users who consented."
              rows={delegatedUser}
            />
            <h3>Credentials</h3>
            {app.credentials.length === 0 ? (
              <p className="muted">No secrets or certificates (or the app is registered in another tenant).</p>
            ) : (
              <ul className="credential-list">
                {app.credentials.map((c, i) => {
                  const expired = c.endDateTime !== null && Date.parse(c.endDateTime) < now.getTime();
                  return (
                    <li key={i}>
                      <strong>{c.kind === 'password' ? 'Client secret' : 'Certificate'}</strong>
                      {c.displayName && <> “{c.displayName}”</>}:{' '}
                      {c.endDateTime ? (
                        <>
                          {expired ? 'expired' : 'expires'} {exactDate(c.endDateTime)} ({relativeTime(c.endDateTime, now)})
                          {expired && (
                            <>
                              {' '}
                              <Badge appearance="tint" color="danger">
                                Expired
                              </Badge>
                            </>
                          )}
                        </>
                      ) : (
                        'no end date'
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </DrawerBody>
        </>
      )}
    </OverlayDrawer>
  );
}
