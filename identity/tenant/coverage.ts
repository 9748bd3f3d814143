/**
 * Per section of a snapshot: was it read, with whose access, and if not, why not — in the words
 * `npm run check`, the bot's status card and the tab all show.
 */
import { ENTRA_ROLES } from './admin-roles';
import type { CloudSyncInfo } from './cloud-sync';
import type { ReadIdentity, Section, TenantSnapshot } from './snapshot';

export type SectionName =
  | 'organization'
  | 'passwordSync'
  | 'syncSettings'
  | 'domains'
  | 'licensing'
  | 'syncedObjects'
  | 'provisioningErrors'
  | 'serviceHealth'
  | 'cloudSync'
  | 'apps';

export const SECTION_LABELS: Record<SectionName, string> = {
  organization: 'Organization and directory sync',
  passwordSync: 'Last password sync',
  syncSettings: 'Entra Connect details (deletion prevention, features)',
  domains: 'Domains and federation',
  licensing: 'Licensing',
  syncedObjects: 'Synced users and groups',
  provisioningErrors: 'Provisioning errors',
  serviceHealth: 'Microsoft Entra service health',
  cloudSync: 'Cloud Sync provisioning jobs and agents',
  apps: 'Integrated apps',
};

/** The status view's sections, in the order they are shown (apps come on their own). */
export const STATUS_SECTIONS: readonly Exclude<SectionName, 'apps'>[] = [
  'organization',
  'passwordSync',
  'syncSettings',
  'domains',
  'licensing',
  'syncedObjects',
  'provisioningErrors',
  'cloudSync',
  'serviceHealth',
];

export interface SectionReading {
  section: SectionName;
  label: string;
  /** read: Graph answered it; partial: read, but a part could not be; notChecked: not read. */
  state: 'read' | 'partial' | 'notChecked';
  /** "read with the app's own access (app-only)", or "not checked, because …". */
  detail: string;
}

const ROLE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(Object.values(ENTRA_ROLES).map((r) => [r.id, r.name]));

/** "the app's own access (app-only)", "a signed-in user's access (Global Reader)". */
export function describeAccess(readAs: ReadIdentity): string {
  if (readAs.kind === 'app') return "the app's own access (app-only)";
  const roles = readAs.roles.map((id) => ROLE_NAMES[id.toLowerCase()]).filter(Boolean);
  return `a signed-in user's access (${roles.length ? roles.join(', ') : 'no recognised admin role'})`;
}

/** Graph read the organization and it has never synchronised from on-premises (onPremisesSyncEnabled null). */
export function neverSynced(snapshot: TenantSnapshot): boolean {
  return snapshot.organization.status === 'ok' && snapshot.organization.data.onPremisesSyncEnabled === null;
}

/**
 * Every status section (and apps, when the snapshot has them), in a stable order. A tenant with no
 * directory sync has no Entra Connect to detail, so that section is left out rather than listed as
 * "not checked" (which it always is app-only).
 */
export function sectionReadings(snapshot: TenantSnapshot): SectionReading[] {
  const all = snapshot.apps ? [...STATUS_SECTIONS, 'apps' as const] : STATUS_SECTIONS;
  const names = neverSynced(snapshot) ? all.filter((name) => name !== 'syncSettings') : all;
  const by = `read with ${describeAccess(snapshot.readAs)}`;
  return names.map((section) => reading(section, snapshot[section] as Section<unknown>, by));
}

function reading(section: SectionName, value: Section<unknown>, by: string): SectionReading {
  const label = SECTION_LABELS[section];
  if (value.status === 'unavailable') {
    // Graph answered 2xx with nothing there (a tenant that never synced): read, and empty.
    const answered = value.httpStatus !== undefined && value.httpStatus >= 200 && value.httpStatus < 300;
    return answered
      ? { section, label, state: 'read', detail: `${by}: ${value.reason}` }
      : { section, label, state: 'notChecked', detail: `not checked, because ${value.reason}` };
  }
  const groupsNotRead = section === 'provisioningErrors' ? (value.data as { groupsNotRead?: string }).groupsNotRead : undefined;
  if (groupsNotRead) return { section, label, state: 'partial', detail: `${by} for users; groups not checked, because ${groupsNotRead}` };
  if (section === 'cloudSync') {
    const { unread, agents } = value.data as Pick<CloudSyncInfo, 'unread' | 'agents'>;
    const notRead = [
      unread.length && `jobs not checked for ${unread.map((u) => `${u.configuration}: ${u.reason}`).join('; ')}`,
      agents?.status === 'unavailable' && `provisioning agents not checked, because ${agents.reason}`,
    ].filter(Boolean);
    if (notRead.length) return { section, label, state: 'partial', detail: `${by}; ${notRead.join('; ')}` };
  }
  const unreadDomains =
    section === 'domains'
      ? (value.data as Array<{ name: string; federation?: Section<unknown> }>).filter((d) => d.federation?.status === 'unavailable')
      : [];
  if (unreadDomains.length) {
    const why = unreadDomains.map((d) => `${d.name}: ${(d.federation as { reason: string }).reason}`).join('; ');
    return { section, label, state: 'partial', detail: `${by}; federation settings not checked for ${why}` };
  }
  return { section, label, state: 'read', detail: by };
}
