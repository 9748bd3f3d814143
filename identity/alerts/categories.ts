/**
 * Which kind of trouble a finding is, for routing alerts: a subscription picks the categories it
 * wants. One table, total over FindingCode: a code without a category fails typecheck here and
 * tests/unit/alert-categories.spec.ts (which reads the FindingCode union itself).
 */
import type { FindingCode } from '../tenant/findings';

/** The categories, in the order the settings show them. */
export const FINDING_CATEGORIES = ['sync', 'federation', 'apps', 'service'] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

/** What an admin reads for each category. */
export const CATEGORY_LABEL: Readonly<Record<FindingCategory, string>> = {
  sync: 'Directory sync',
  federation: 'Federation',
  apps: 'Apps',
  service: 'Service health',
};

/** Every finding code's category. Password hash sync and Cloud Sync belong to sync. */
export const CATEGORY_OF_CODE = {
  'sync.disabled': 'sync',
  'sync.stale': 'sync',
  'phs.stale': 'sync',
  'sync.errors': 'sync',
  'sync.deletionPreventionOff': 'sync',
  'sync.clientVersionUnsupported': 'sync',
  'cloudSync.quarantined': 'sync',
  'cloudSync.failing': 'sync',
  'cloudSync.notRun': 'sync',
  'cloudSync.noActiveAgent': 'sync',
  'cloudSync.agentRedundancy': 'sync',
  'federation.certExpiring': 'federation',
  'federation.certExpired': 'federation',
  'app.credentialExpiring': 'apps',
  'app.credentialExpired': 'apps',
  'app.highPrivilege': 'apps',
  'app.highPrivilegeGranted': 'apps',
  'app.tenantWideConsent': 'apps',
  'service.incident': 'service',
} as const satisfies Record<FindingCode, FindingCategory>;

export function categoryOf(code: FindingCode): FindingCategory {
  return CATEGORY_OF_CODE[code];
}

/** Findings about one app (its subject is the app): what "exclude this app" covers. */
export function isAppFinding(code: FindingCode): boolean {
  return categoryOf(code) === 'apps';
}
