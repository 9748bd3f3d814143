import type { ReactNode } from 'react';
import type { Severity } from '../../../../../contract/tab';
import { SeverityBadge } from '../Severity';

/** One status tile: label, value, optional detail; a finding's severity adds a badge and a border. */
export function Tile({
  label,
  children,
  detail,
  severity,
}: {
  label: string;
  children: ReactNode;
  detail?: ReactNode;
  severity?: Severity;
}): JSX.Element {
  return (
    <div className="tile" data-severity={severity ?? 'none'}>
      <div className="tile-label">{label}</div>
      <div className="tile-value">{children}</div>
      {detail && <div className="tile-detail">{detail}</div>}
      {severity && <SeverityBadge severity={severity} />}
    </div>
  );
}
