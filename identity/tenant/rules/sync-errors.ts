/** sync.errors: objects that cannot sync because of provisioning errors (duplicate UPN or proxy address). */
import type { Finding, Severity } from '../findings';
import type { ProvisioningError } from '../snapshot';
import { type HealthRule, formatCount, reportFindings, reportUnknown, unknownBecause } from './common';
import { LEARN } from './links';

/** How many sample objects the evidence names; the rest are counted. */
export const SYNC_ERROR_SAMPLES_IN_EVIDENCE = 5;

export const syncErrorsRule: HealthRule = ({ snapshot, thresholds }) => {
  const errors = snapshot.provisioningErrors;
  if (errors.status === 'unavailable') return reportUnknown(unknownBecause('sync.errors', errors.reason));
  const { total, samples, groupsNotRead } = errors.data;
  const limits = thresholds.sync.errors;
  const severity: Severity | undefined =
    total >= limits.criticalAtObjects ? 'critical' : total >= limits.warningAtObjects ? 'warning' : undefined;
  // Users were read, groups were not: what the users show stands, the groups stay unknown.
  const groupsUnknown = groupsNotRead ? [unknownBecause('sync.errors', groupsNotRead, 'groups')] : [];
  if (!severity) return { findings: [], unknown: groupsUnknown };

  const shown = samples.slice(0, SYNC_ERROR_SAMPLES_IN_EVIDENCE);
  const evidence: Finding['evidence'] = {
    objectsWithErrors: total,
    warningAtObjects: limits.warningAtObjects,
    criticalAtObjects: limits.criticalAtObjects,
    samplesShown: shown.length,
  };
  shown.forEach((sample, index) => (evidence[`sample${index + 1}`] = describeSample(sample)));
  if (groupsNotRead) evidence.groupsChecked = false;
  const result = reportFindings({
    code: 'sync.errors',
    severity,
    title: `${formatCount(total, 'synced object')} ${total === 1 ? 'has' : 'have'} provisioning errors`,
    subject: snapshot.tenantId,
    evidence,
    action:
      'Find the other object that already holds each conflicting UserPrincipalName or proxy address, then change or remove the duplicate in on-premises Active Directory (or in the cloud object) and let the next sync clear the error.',
    link: LEARN.duplicateAttributeResiliency,
  });
  return { ...result, unknown: groupsUnknown };
};

function describeSample(error: ProvisioningError): string {
  const who = error.userPrincipalName ?? error.displayName ?? error.objectId;
  const value = error.value === null ? '' : ` ${error.value}`;
  const when = error.occurredDateTime ? ` since ${error.occurredDateTime}` : '';
  return `${error.objectType} ${who}: duplicate ${error.propertyCausingError}${value}${when}`;
}
