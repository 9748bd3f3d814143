/** sync.deletionPreventionOff: accidental-deletion prevention is disabled for directory sync. */
import type { SyncSettings } from '../snapshot';
import { type HealthRule, nothingToReport, reportFindings, reportUnknown, unknownBecause } from './common';
import { LEARN } from './links';

/** Said when the section gives no reason of its own. */
export const SYNC_SETTINGS_NEED_GLOBAL_ADMIN = "only a Global Administrator's delegated token can read sync settings";

export const deletionPreventionRule: HealthRule = ({ snapshot }) => {
  const organization = snapshot.organization;
  // A cloud-only tenant, or one whose sync is off, has nothing to protect; sync.disabled speaks for the latter.
  if (organization.status === 'ok' && organization.data.onPremisesSyncEnabled !== true) return nothingToReport();
  const settings = snapshot.syncSettings;
  if (settings.status === 'unavailable') {
    return reportUnknown(unknownBecause('sync.deletionPreventionOff', settings.reason.trim() || SYNC_SETTINGS_NEED_GLOBAL_ADMIN));
  }
  const prevention = settings.data.accidentalDeletionPrevention;
  if (prevention.type === 'unknown') {
    return reportUnknown(unknownBecause('sync.deletionPreventionOff', 'Graph reported a prevention type this app does not recognise'));
  }
  if (prevention.type !== 'disabled') return nothingToReport();
  return reportFindings({
    code: 'sync.deletionPreventionOff',
    severity: 'warning',
    title: 'Accidental-deletion prevention is turned off for directory sync',
    subject: snapshot.tenantId,
    evidence: evidenceOf(settings.data),
    action:
      'Turn it back on (on the Entra Connect server: Enable-ADSyncExportDeletionThreshold; the default threshold is 500 deletions), so a mistaken OU move or filter change cannot delete objects in bulk.',
    link: LEARN.preventAccidentalDeletes,
  });
};

function evidenceOf(settings: SyncSettings): Record<string, string | number | null> {
  return {
    synchronizationPreventionType: settings.accidentalDeletionPrevention.type,
    alertThreshold: settings.accidentalDeletionPrevention.threshold,
  };
}
