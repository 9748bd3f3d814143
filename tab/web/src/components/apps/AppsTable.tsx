import { Badge, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { AppRow } from '../../../../../contract/tab';
import { exactDate, relativeTime } from '../../format';
import { NARROW, useMediaQuery } from '../../hooks/useMediaQuery';
import { CONSENT_LABEL, publisherText } from './labels';

interface Props {
  apps: AppRow[];
  now: Date;
  onOpen: (app: AppRow) => void;
}

function Expiry({ app, now }: { app: AppRow; now: Date }): JSX.Element {
  if (!app.nextCredentialExpiry) return <span className="muted">No credentials</span>;
  const expired = Date.parse(app.nextCredentialExpiry) < now.getTime();
  return (
    <span className={app.credentialsExpiring ? 'expiring' : undefined}>
      {app.credentialsExpiring && (
        <Badge appearance="tint" color={expired ? 'danger' : 'warning'}>
          {expired ? 'Expired' : 'Expiring'}
        </Badge>
      )}{' '}
      <time dateTime={app.nextCredentialExpiry} title={exactDate(app.nextCredentialExpiry)}>
        {relativeTime(app.nextCredentialExpiry, now)}
      </time>
    </span>
  );
}

function Publisher({ app }: { app: AppRow }): JSX.Element {
  return (
    <span>
      {publisherText(app)}{' '}
      {app.verifiedPublisher ? (
        <Badge appearance="outline" color="success">
          Verified
        </Badge>
      ) : (
        <Badge appearance="outline" color="informative">
          Not verified
        </Badge>
      )}
    </span>
  );
}

function Privilege({ app }: { app: AppRow }): JSX.Element {
  return app.highPrivilege ? (
    <Badge appearance="tint" color="danger">
      High privilege
    </Badge>
  ) : (
    <span className="muted">Standard</span>
  );
}

/** The apps as a table on wide screens, as cards below 640px. */
export function AppsTable({ apps, now, onOpen }: Props): JSX.Element {
  const narrow = useMediaQuery(NARROW);
  if (narrow) {
    return (
      <ul className="card-list" aria-label="Integrated apps">
        {apps.map((app) => (
          <li key={app.id} className="card" data-testid="app-row">
            <Button appearance="transparent" className="app-name" onClick={() => onOpen(app)}>
              {app.displayName}
            </Button>
            <div>
              <Publisher app={app} />
            </div>
            <div>
              Consent: {CONSENT_LABEL[app.consent]} · <Privilege app={app} />
            </div>
            <div>
              Next credential expiry: <Expiry app={app} now={now} />
            </div>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="table-scroll">
      <Table aria-label="Integrated apps" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Publisher</TableHeaderCell>
            <TableHeaderCell>Consent</TableHeaderCell>
            <TableHeaderCell>Privilege</TableHeaderCell>
            <TableHeaderCell>Next credential expiry</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {apps.map((app) => (
            <TableRow key={app.id} data-testid="app-row">
              <TableCell>
                <Button
                  appearance="transparent"
                  className="app-name"
                  onClick={() => onOpen(app)}
                  aria-label={`${app.displayName}: show details`}
                >
                  {app.displayName}
                </Button>
              </TableCell>
              <TableCell>
                <Publisher app={app} />
              </TableCell>
              <TableCell>{CONSENT_LABEL[app.consent]}</TableCell>
              <TableCell>
                <Privilege app={app} />
              </TableCell>
              <TableCell>
                <Expiry app={app} now={now} />
              </TableCell>
              <TableCell>{app.enabled ? 'Enabled' : 'Disabled'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
