import { Badge } from '@fluentui/react-components';
import type { PartialSection } from '../../../../contract/tab';
import { APP_PART_LABELS } from '../../../../identity/tenant/app-parts';

const SECTION_LABEL: Record<PartialSection['section'], string> = {
  organization: 'Organization',
  passwordSync: 'Password sync',
  syncSettings: 'Sync settings',
  domains: 'Domains',
  licensing: 'Licensing',
  syncedObjects: 'Synced users and groups',
  provisioningErrors: 'Provisioning errors',
  serviceHealth: 'Service health',
  cloudSync: 'Cloud Sync',
  apps: 'Integrated apps',
  appRegistrations: APP_PART_LABELS.registrations,
  delegatedGrants: APP_PART_LABELS.delegatedGrants,
  applicationPermissions: APP_PART_LABELS.applicationPermissions,
};

/** "Partial data": which sections Graph would not give us, and why. */
export function PartialBadge({ partial }: { partial: PartialSection[] }): JSX.Element | null {
  if (!partial.length) return null;
  return (
    <section className="partial" aria-labelledby="partial-badge">
      <Badge id="partial-badge" appearance="filled" color="warning" shape="rounded">
        Partial data
      </Badge>
      <ul aria-label="Sections not available">
        {partial.map((p) => (
          <li key={p.section}>
            <strong>{SECTION_LABEL[p.section] ?? p.section}</strong>: {p.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
