import type { Finding, Severity } from '../../../../../contract/tab';
import { SEVERITY_ORDER } from '../../../../../identity/tenant/findings';

/** Plain names of the health checks, for the "Not checked" list. */
export const CHECK_NAME: Record<Finding['code'], string> = {
  'sync.disabled': 'Directory sync turned off',
  'sync.stale': 'Directory sync freshness',
  'phs.stale': 'Password hash sync freshness',
  'sync.errors': 'Provisioning errors',
  'sync.deletionPreventionOff': 'Accidental-deletion prevention',
  'sync.clientVersionUnsupported': 'Entra Connect client version',
  'federation.certExpiring': 'Federation signing certificate expiry',
  'federation.certExpired': 'Federation signing certificate expired',
  'app.credentialExpiring': 'App secrets and certificates expiry',
  'app.credentialExpired': 'App secrets and certificates expired',
  'app.highPrivilege': 'High-privilege app permissions',
  'app.highPrivilegeGranted': 'High-privilege permissions newly granted',
  'app.tenantWideConsent': 'Apps newly consented for every user',
  'service.incident': 'Microsoft Entra service health',
  'cloudSync.quarantined': 'Cloud Sync quarantine',
  'cloudSync.failing': 'Cloud Sync runs',
  'cloudSync.notRun': 'Cloud Sync paused or not running',
  'cloudSync.noActiveAgent': 'Cloud Sync agents active',
  'cloudSync.agentRedundancy': 'Cloud Sync agent redundancy',
};

export const SEVERITIES: Severity[] = ['critical', 'warning', 'info'];

/** The worst finding among the given codes, for colouring a tile. */
export function worstFor(findings: Finding[], codes: Finding['code'][]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) {
    if (codes.includes(f.code) && (!worst || SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[worst])) worst = f.severity;
  }
  return worst;
}
