/**
 * The health rules: pure functions of (snapshot, now, thresholds) that say what needs an admin's
 * attention. A rule whose data is unavailable reports "unknown, because …" instead of guessing.
 */
import { type Finding, type HealthReport, SEVERITY_ORDER, type UnknownCheck } from './findings';
import { appCredentialRule } from './rules/app-credentials';
import { appPrivilegeRule } from './rules/app-privilege';
import { cloudSyncRule } from './rules/cloud-sync';
import { cloudSyncAgentsRule } from './rules/cloud-sync-agents';
import { type HealthRule, combineResults } from './rules/common';
import { clientVersionRule } from './rules/client-version';
import { deletionPreventionRule } from './rules/deletion-prevention';
import { federationCertificateRule } from './rules/federation-certificates';
import { phsStaleRule } from './rules/phs-stale';
import { serviceIncidentRule } from './rules/service-incidents';
import { syncDisabledRule } from './rules/sync-disabled';
import { syncErrorsRule } from './rules/sync-errors';
import { syncStaleRule } from './rules/sync-stale';
import type { TenantSnapshot } from './snapshot';
import { DEFAULT_THRESHOLDS, type HealthThresholds } from './thresholds';

export type { HealthRule, RuleInput, RuleResult } from './rules/common';

/** Every rule, one per finding code (the certificate rules each cover an "expiring" and an "expired" code, Cloud Sync's its three job codes, its agents' rule two). */
export const HEALTH_RULES: readonly HealthRule[] = [
  syncDisabledRule,
  syncStaleRule,
  phsStaleRule,
  syncErrorsRule,
  deletionPreventionRule,
  clientVersionRule,
  federationCertificateRule,
  appCredentialRule,
  appPrivilegeRule,
  serviceIncidentRule,
  cloudSyncRule,
  cloudSyncAgentsRule,
];

/** Findings sorted by severity (critical first), then code, then subject; unknown checks by code, then reason. */
export function evaluateHealth(snapshot: TenantSnapshot, now: Date, thresholds: HealthThresholds = DEFAULT_THRESHOLDS): HealthReport {
  const { findings, unknown } = combineResults(HEALTH_RULES.map((rule) => rule({ snapshot, now, thresholds })));
  return { findings: [...findings].sort(byImportance), unknown: [...unknown].sort(byCodeThenReason) };
}

export function byImportance(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || compareText(a.code, b.code) || compareText(a.subject, b.subject);
}

function byCodeThenReason(a: UnknownCheck, b: UnknownCheck): number {
  return compareText(a.code, b.code) || compareText(a.reason, b.reason);
}

/** Plain code-unit order, so the result does not depend on the machine's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
