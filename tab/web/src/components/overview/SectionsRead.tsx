import { Badge } from '@fluentui/react-components';
import type { SectionReading, StatusResponse } from '../../../../../contract/tab';

const STATE: Record<SectionReading['state'], { text: string; color: 'success' | 'warning' | 'danger' }> = {
  read: { text: 'Read', color: 'success' },
  partial: { text: 'Partly read', color: 'warning' },
  notChecked: { text: 'Not checked', color: 'danger' },
};

/** Per section: read with whose access, partly read, or not checked and why. */
export function SectionsRead({ status }: { status: StatusResponse }): JSX.Element {
  return (
    <>
      <p className="muted" data-testid="read-as">
        Read with {status.readAs}.
      </p>
      <ul className="sections-read" aria-label="Sections read">
        {status.sections.map((s) => (
          <li key={s.section} data-section={s.section} data-state={s.state}>
            <Badge appearance="tint" color={STATE[s.state].color} shape="rounded">
              {STATE[s.state].text}
            </Badge>{' '}
            <strong>{s.label}</strong>
            {s.state !== 'read' && <span>: {s.detail}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
