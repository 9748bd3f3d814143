import { Badge } from '@fluentui/react-components';
import type { Severity } from '../../../../contract/tab';

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };
const SEVERITY_COLOR = { critical: 'danger', warning: 'warning', info: 'informative' } as const;

/** A glyph whose shape differs per severity (diamond, triangle, circle), next to the word: colour is never the only signal. */
function Glyph({ severity }: { severity: Severity }): JSX.Element {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false" className="severity-glyph">
      {severity === 'critical' && <polygon points="6,0 12,6 6,12 0,6" fill="currentColor" />}
      {severity === 'warning' && <polygon points="6,0.5 11.5,11.5 0.5,11.5" fill="currentColor" />}
      {severity === 'info' && <circle cx="6" cy="6" r="5.5" fill="currentColor" />}
    </svg>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }): JSX.Element {
  return (
    <Badge
      appearance="tint"
      color={SEVERITY_COLOR[severity]}
      icon={<Glyph severity={severity} />}
      className="severity-badge"
      data-severity={severity}
    >
      {SEVERITY_LABEL[severity]}
    </Badge>
  );
}
