/**
 * app.highPrivilege: a non-Microsoft app holds application permissions that reach the whole tenant, or
 * tenant-wide (AllPrincipals) consent to powerful delegated scopes (one finding per app; subject = appId).
 * High privilege → warning; only broad read (Directory.Read.All) → info. Disabled apps are skipped.
 * Application permissions and delegated grants are separate reads: when one could not be read, the
 * other is still judged and the rule also says "unknown for <that part>, because …".
 */
import type { Finding, Severity } from '../findings';
import type { ApplicationPermission, IntegratedApp } from '../snapshot';
import type { HealthThresholds, PermissionRef } from '../thresholds';
import { type HealthRule, type RuleResult, combineResults, nothingToReport, reportFindings, reportUnknown, unknownBecause } from './common';
import { isTenantsConcern } from './app-credentials';
import { LEARN } from './links';

/** How many permission names the title spells out before "and N more". */
const PERMISSIONS_IN_TITLE = 3;

interface HeldPermission {
  resourceName: string;
  permission: string;
}

export const appPrivilegeRule: HealthRule = ({ snapshot, thresholds }) => {
  const apps = snapshot.apps;
  if (apps === undefined) return nothingToReport();
  if (apps.status === 'unavailable') return reportUnknown(unknownBecause('app.highPrivilege', apps.reason));
  const judged = combineResults(apps.data.filter(isTenantsConcern).map((app) => judgeApp(app, thresholds.apps.highPrivilege)));
  const parts = snapshot.appParts;
  const unknown = [
    parts?.applicationPermissions.status === 'unavailable'
      ? unknownBecause('app.highPrivilege', parts.applicationPermissions.reason, 'application permissions')
      : undefined,
    parts?.delegatedGrants.status === 'unavailable'
      ? unknownBecause('app.highPrivilege', parts.delegatedGrants.reason, 'delegated grants and tenant-wide consent')
      : undefined,
  ].filter((check) => check !== undefined);
  return unknown.length ? combineResults([judged, reportUnknown(...unknown)]) : judged;
};

function judgeApp(app: IntegratedApp, lists: HealthThresholds['apps']['highPrivilege']): RuleResult {
  const highApplication = matchApplicationPermissions(app.applicationPermissions, lists.applicationPermissions);
  const broadRead = matchApplicationPermissions(app.applicationPermissions, lists.broadReadApplicationPermissions);
  const tenantWideDelegated = matchTenantWideScopes(app, lists.tenantWideDelegatedScopes);
  const high = [...highApplication, ...tenantWideDelegated];
  if (high.length === 0 && broadRead.length === 0) return nothingToReport();

  const severity: Severity = high.length > 0 ? 'warning' : 'info';
  const named = uniqueNames(severity === 'warning' ? high : broadRead);
  const shown = named.slice(0, PERMISSIONS_IN_TITLE).join(', ');
  const more = named.length > PERMISSIONS_IN_TITLE ? ` and ${named.length - PERMISSIONS_IN_TITLE} more` : '';
  const finding: Finding = {
    code: 'app.highPrivilege',
    severity,
    title:
      severity === 'warning'
        ? `${app.displayName} holds high-privilege permissions: ${shown}${more}`
        : `${app.displayName} can read the whole directory: ${shown}${more}`,
    subject: app.appId,
    evidence: {
      appName: app.displayName,
      appId: app.appId,
      publisher: app.verifiedPublisher ?? app.publisherName,
      verifiedPublisher: app.verifiedPublisher !== null,
      ownedByThisTenant: app.ownedByThisTenant,
      applicationPermissions: describeHeld(highApplication),
      tenantWideDelegatedScopes: describeHeld(tenantWideDelegated),
      broadReadPermissions: describeHeld(broadRead),
    },
    action:
      severity === 'warning'
        ? 'Confirm who owns this app and that it still needs each of these permissions; revoke what it does not need. Application permissions and tenant-wide consent work for every user, without anyone signed in.'
        : 'Check that this app is known and still needed; broad read access exposes every user, group and app in the directory.',
    link: LEARN.reviewAppPermissions,
  };
  return reportFindings(finding);
}

function matchApplicationPermissions(held: ApplicationPermission[], list: PermissionRef[]): HeldPermission[] {
  return held.flatMap((permission) => {
    const match = list.find(
      (ref) => sameText(ref.value, permission.permission) || (ref.appRoleId !== undefined && sameText(ref.appRoleId, permission.appRoleId)),
    );
    return match ? [{ resourceName: permission.resourceName, permission: match.value }] : [];
  });
}

function matchTenantWideScopes(app: IntegratedApp, scopes: string[]): HeldPermission[] {
  return app.delegatedGrants
    .filter((grant) => grant.consentType === 'AllPrincipals')
    .flatMap((grant) =>
      grant.scopes.flatMap((scope) => {
        const match = scopes.find((listed) => sameText(listed, scope));
        return match ? [{ resourceName: grant.resourceName, permission: match }] : [];
      }),
    );
}

/** "Microsoft Graph: Directory.ReadWrite.All, Mail.Send", or null when nothing is held. */
function describeHeld(held: HeldPermission[]): string | null {
  if (held.length === 0) return null;
  const byResource = new Map<string, string[]>();
  for (const { resourceName, permission } of held) {
    const names = byResource.get(resourceName) ?? [];
    if (!names.includes(permission)) names.push(permission);
    byResource.set(resourceName, names);
  }
  return [...byResource].map(([resource, names]) => `${resource}: ${names.join(', ')}`).join('; ');
}

function uniqueNames(held: HeldPermission[]): string[] {
  return [...new Set(held.map(({ permission }) => permission))];
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
