import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { DomainRow } from '../../../../../contract/tab';
import { exactDate, relativeTime } from '../../format';
import { NARROW, useMediaQuery } from '../../hooks/useMediaQuery';

function Certificate({ domain, now }: { domain: DomainRow; now: Date }): JSX.Element {
  const f = domain.federation;
  if (domain.inheritsFederationFrom)
    return <span>Signs in with {domain.inheritsFederationFrom}&apos;s federation (a subdomain inherits its root domain&apos;s)</span>;
  if (!f) return <span className="muted">—</span>;
  if ('unavailable' in f) return <span>Unavailable: {f.unavailable}</span>;
  const expiry = f.signingCertificateExpiry;
  const expired = expiry !== null && Date.parse(expiry) < now.getTime();
  return (
    <span>
      {expiry ? (
        <>
          {expired ? 'Expired ' : 'Expires '}
          <time dateTime={expiry} title={exactDate(expiry)}>
            {exactDate(expiry)} ({relativeTime(expiry, now)})
          </time>
        </>
      ) : (
        'Expiry unknown'
      )}
      {f.nextSigningCertificateExpiry && (
        <span className="muted"> · next certificate until {exactDate(f.nextSigningCertificateExpiry)}</span>
      )}
    </span>
  );
}

function Flags({ domain }: { domain: DomainRow }): JSX.Element {
  return (
    <span className="flags">
      {domain.isDefault && <Badge appearance="outline">Default</Badge>}
      {domain.isInitial && <Badge appearance="outline">Initial</Badge>}
    </span>
  );
}

/** Authentication per verified domain; federated domains with their signing certificate. */
export function DomainsTable({ domains, now }: { domains: DomainRow[]; now: Date }): JSX.Element {
  const narrow = useMediaQuery(NARROW);
  if (!domains.length) return <p className="muted">No verified domains were returned.</p>;
  if (narrow) {
    return (
      <ul className="card-list" aria-label="Domains">
        {domains.map((d) => (
          <li key={d.name} className="card">
            <div className="card-title">{d.name}</div>
            <div>
              {d.authenticationType} <Flags domain={d} />
            </div>
            {(d.federation || d.inheritsFederationFrom) && <Certificate domain={d} now={now} />}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="table-scroll">
      <Table aria-label="Authentication per domain" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Domain</TableHeaderCell>
            <TableHeaderCell>Authentication</TableHeaderCell>
            <TableHeaderCell>Flags</TableHeaderCell>
            <TableHeaderCell>Signing certificate</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {domains.map((d) => (
            <TableRow key={d.name}>
              <TableCell>{d.name}</TableCell>
              <TableCell>{d.authenticationType}</TableCell>
              <TableCell>
                <Flags domain={d} />
              </TableCell>
              <TableCell>
                <Certificate domain={d} now={now} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
