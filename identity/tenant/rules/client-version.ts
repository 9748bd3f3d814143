/**
 * sync.clientVersionUnsupported: the Entra Connect Sync client reports a 1.x version. Learn's
 * version release history (reference-connect-version-history, ms.date 2023-11-06) retires every
 * 1.x version: synchronisation stopped working for them on 1 October 2023. A 2.x build is retired
 * 12 months after a newer build supersedes it, which needs release dates Graph does not give, so
 * a 2.x version is never a finding (connect-version.ts). The version is on Graph beta only and read
 * only with a Global Administrator's token; without it, sync.deletionPreventionOff already says the
 * sync configuration was not checked, and why.
 */
import { V1_SYNC_STOPPED, VERSION_HISTORY_PAGE, versionSupport } from '../connect-version';
import { type HealthRule, nothingToReport, reportFindings } from './common';

export const clientVersionRule: HealthRule = ({ snapshot }) => {
  const organization = snapshot.organization;
  if (organization.status === 'ok' && organization.data.onPremisesSyncEnabled !== true) return nothingToReport();
  const settings = snapshot.syncSettings;
  if (settings.status === 'unavailable' || settings.data.clientVersion === null) return nothingToReport();
  const version = settings.data.clientVersion;
  if (versionSupport(version).verdict !== 'retired') return nothingToReport();
  return reportFindings({
    code: 'sync.clientVersionUnsupported',
    severity: 'critical',
    title: `Entra Connect Sync ${version} is a retired version`,
    subject: snapshot.tenantId,
    evidence: { synchronizationClientVersion: version, retiredOn: V1_SYNC_STOPPED },
    action: 'Upgrade the Entra Connect server to the latest 2.x build (or move to Cloud Sync): 1.x no longer synchronises.',
    link: VERSION_HISTORY_PAGE,
  });
};
