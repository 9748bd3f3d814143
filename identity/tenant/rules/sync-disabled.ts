/** sync.disabled: directory sync was on and is now off, or users are marked as synced while sync is off. */
import type { Finding, Severity } from '../findings';
import type { OrganizationInfo, TenantSnapshot } from '../snapshot';
import { type HealthRule, formatCount, nothingToReport, reportFindings, reportUnknown, unknownBecause } from './common';
import { LEARN } from './links';

export const syncDisabledRule: HealthRule = ({ snapshot }) => {
  const organization = snapshot.organization;
  if (organization.status === 'unavailable') return reportUnknown(unknownBecause('sync.disabled', organization.reason));
  const syncEnabled = organization.data.onPremisesSyncEnabled;
  if (syncEnabled === true) return nothingToReport();

  const syncedUsers = syncedUserCount(snapshot);
  if (syncEnabled === false) return reportFindings(syncTurnedOff(snapshot, organization.data, syncedUsers));
  // null means "never synced" (cloud-only), unless users say otherwise.
  if (syncedUsers !== null && syncedUsers > 0) return reportFindings(syncedUsersWithoutSync(snapshot, organization.data, syncedUsers));
  return nothingToReport();
};

/**
 * Warning while synced users remain (or their number is unknown): they can no longer be changed from
 * on-premises. Info once none remain: turning sync off on purpose converts every object to cloud-only,
 * and a finished move to the cloud should not warn forever.
 */
function syncTurnedOff(snapshot: TenantSnapshot, organization: OrganizationInfo, syncedUsers: number | null): Finding {
  const severity: Severity = syncedUsers === 0 ? 'info' : 'warning';
  const title =
    syncedUsers === null
      ? 'Directory sync was on and is now turned off'
      : syncedUsers === 0
        ? 'Directory sync was turned off and no synced users remain'
        : `Directory sync was turned off while ${formatCount(syncedUsers, 'user')} ${syncedUsers === 1 ? 'is' : 'are'} still marked as synced`;
  return {
    code: 'sync.disabled',
    severity,
    title,
    subject: snapshot.tenantId,
    evidence: evidence(organization, syncedUsers, snapshot),
    action:
      severity === 'info'
        ? 'If you moved to cloud-only identities on purpose, nothing is left to do. Otherwise re-enable sync from the Entra Connect or Cloud Sync server (no sooner than 72 hours after it was turned off).'
        : 'If sync was turned off by mistake, re-enable it from the Entra Connect or Cloud Sync server (no sooner than 72 hours after it was turned off). If it was on purpose, wait for the synced users to become cloud-only and check nobody still edits them on-premises.',
    link: LEARN.fixDirectorySync,
  };
}

function syncedUsersWithoutSync(snapshot: TenantSnapshot, organization: OrganizationInfo, syncedUsers: number): Finding {
  return {
    code: 'sync.disabled',
    severity: 'warning',
    title: `${formatCount(syncedUsers, 'user')} ${syncedUsers === 1 ? 'is' : 'are'} marked as synced, but directory sync is not enabled`,
    subject: snapshot.tenantId,
    evidence: evidence(organization, syncedUsers, snapshot),
    action:
      'Check which tool is meant to sync this tenant and whether it is installed and running: these users still expect their changes from on-premises Active Directory.',
    link: LEARN.fixDirectorySync,
  };
}

function evidence(organization: OrganizationInfo, syncedUsers: number | null, snapshot: TenantSnapshot): Finding['evidence'] {
  return {
    onPremisesSyncEnabled: organization.onPremisesSyncEnabled,
    lastSyncDateTime: organization.lastSyncDateTime,
    syncedUsers,
    syncedGroups: snapshot.syncedObjects.status === 'ok' ? snapshot.syncedObjects.data.groups : null,
  };
}

function syncedUserCount(snapshot: TenantSnapshot): number | null {
  return snapshot.syncedObjects.status === 'ok' ? snapshot.syncedObjects.data.users : null;
}
