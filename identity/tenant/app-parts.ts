import type { AppReadingParts, TenantSnapshot } from './snapshot';

/** A part of the apps reading Graph refused, in words for the apps card and the tab. */
export interface AppPartNotChecked {
  part: keyof AppReadingParts;
  /** "Credentials of app registrations" */
  what: string;
  /** "not checked, because not permitted (403 Authorization_RequestDenied): needs Directory.Read.All" */
  reason: string;
}

export const APP_PART_LABELS: Readonly<Record<keyof AppReadingParts, string>> = {
  registrations: 'Credentials of app registrations',
  delegatedGrants: 'Delegated grants and tenant-wide consent',
  applicationPermissions: 'Application permissions',
};

/** The parts of a snapshot's apps reading that were not checked, and why (none when the apps were not read at all). */
export function appPartsNotChecked(snapshot: Pick<TenantSnapshot, 'appParts'>): AppPartNotChecked[] {
  const parts = snapshot.appParts;
  if (!parts) return [];
  return (Object.keys(APP_PART_LABELS) as Array<keyof AppReadingParts>).flatMap((part) => {
    const section = parts[part];
    return section.status === 'unavailable'
      ? [{ part, what: APP_PART_LABELS[part], reason: `not checked, because ${section.reason}` }]
      : [];
  });
}
