/**
 * sync.deletionPreventionOff: accidental-deletion prevention is disabled for directory sync. Entra
 * Connect turns it on at install with a threshold of 500 deletions, to stop a filtering or OU change
 * from deleting objects in bulk (how-to-connect-sync-feature-prevent-accidental-deletes, 2025-04-09):
 * "disabled" is the finding; any threshold that is on is the admin's to size.
 */
import type { SyncSettings } from '../snapshot';
import { type HealthRule, nothingToReport, reportFindings, reportUnknown, unknownBecause } from './common';
import { LEARN } from './links';
import { DEFAULT_DELETION_THRESHOLD, SYNC_CONFIGURATION_NEEDS_GLOBAL_ADMIN } from '../connect-details';

/** Said when the section gives no reason of its own. */
export const SYNC_SETTINGS_NEED_GLOBAL_ADMIN = SYNC_CONFIGURATION_NEEDS_GLOBAL_ADMIN;

export const deletionPreventionRule: HealthRule = ({ snapshot }) => {
  const organization = snapshot.organization;
  // A cloud-only tenant, or one whose sync is off, has nothing to protect; sync.disabled speaks for the latter.
  if (organization.status === 'ok' && organization.data.onPremisesSyncEnabled !== true) return nothingToReport();
  const settings = snapshot.syncSettings;
  if (settings.status === 'unavailable') {
    return reportUnknown(unknownBecause('sync.deletionPreventionOff', settings.reason.trim() || SYNC_SETTINGS_NEED_GLOBAL_ADMIN));
  }
  const prevention = settings.data.accidentalDeletionPrevention;
  if (!prevention) {
    return reportUnknown(unknownBecause('sync.deletionPreventionOff', 'Graph returned no accidental-deletion prevention configuration'));
  }
  if (prevention.type === 'unknown') {
    return reportUnknown(unknownBecause('sync.deletionPreventionOff', 'Graph reported a prevention type this app does not recognise'));
  }
  if (prevention.type !== 'disabled') return nothingToReport();
  return reportFindings({
    code: 'sync.deletionPreventionOff',
    severity: 'warning',
    title: 'Accidental-deletion prevention is turned off for directory sync',
    subject: snapshot.tenantId,
    evidence: evidenceOf(prevention),
    action: `Turn it back on (on the Entra Connect server: Enable-ADSyncExportDeletionThreshold; the default threshold is ${DEFAULT_DELETION_THRESHOLD} deletions), so a mistaken OU move or filter change cannot delete objects in bulk.`,
    link: LEARN.preventAccidentalDeletes,
  });
};

function evidenceOf(prevention: NonNullable<SyncSettings['accidentalDeletionPrevention']>): Record<string, string | number | null> {
  return { synchronizationPreventionType: prevention.type, alertThreshold: prevention.threshold };
}
