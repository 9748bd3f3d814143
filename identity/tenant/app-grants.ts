/**
 * app.highPrivilegeGranted / app.tenantWideConsent: what changed in the apps' grants since the
 * watcher last read them. Graph has no "granted at" on an oauth2PermissionGrant or an
 * appRoleAssignment that the app reads (appRoleAssignment.createdDateTime exists, a grant has
 * none), so "newly" is known from stored state: a ledger of every grant the watcher has seen, each
 * with when it first saw it. Pure: the watcher stores the ledger and hands it back next time.
 *
 * - The first read of a tenant fills the ledger and reports nothing: what is there already was not
 *   granted "newly" (the tab's app.highPrivilege shows standing high privilege).
 * - A grant missing from the previous ledger is new from this read; it is reported for
 *   NEW_GRANT_DAYS, then it is no longer news (its alert resolves; app.highPrivilege still lists it).
 * - A grant revoked and granted again is new again. A part Graph refused this time (delegated grants,
 *   application permissions) keeps its old ledger entries and its check says "unknown, because …".
 * - Microsoft's own apps are never judged; disabled apps are remembered (re-enabling one is no new
 *   grant) but not reported.
 */
import type { Finding, UnknownCheck } from './findings';
import { isTenantsConcern } from './rules/app-credentials';
import { DAY_MS, unknownBecause } from './rules/common';
import { LEARN } from './rules/links';
import type { IntegratedApp, TenantSnapshot } from './snapshot';
import type { HealthThresholds } from './thresholds';

/**
 * A week: long enough that an admin team reviewing weekly sees the alert, short enough that it
 * stays news. Our choice, not a Microsoft figure.
 */
export const NEW_GRANT_DAYS = 7;

/** What the watcher remembers of the tenant's grants between two app reads. */
export interface GrantLedger {
  /** When the first read filled the ledger: grants seen then were there before watching began. */
  startedAt: string;
  /**
   * Which parts have been read once: a part Graph refused at the first read has no baseline, so what
   * it shows when first read is "there already", not new.
   */
  baselined: { application: boolean; delegated: boolean };
  /** appId → grant key → when first seen (ISO), or null for "there when watching began". */
  apps: Record<string, Record<string, string | null>>;
}

export interface GrantChanges {
  findings: Finding[];
  unknown: UnknownCheck[];
  /** The ledger to store; undefined when nothing could be read (keep the old one). */
  ledger: GrantLedger | undefined;
}

interface Grant {
  /** `app:<resource id>:<permission>`, `delegated:<resource id>:<scope>`, `consent:<resource id>`. */
  key: string;
  kind: 'application' | 'delegated' | 'consent';
  resourceId: string;
  /** "Microsoft Graph: Mail.Send"; for a consent "Microsoft Graph (User.Read, Mail.Read)". */
  label: string;
}

const lower = (text: string): string => text.toLowerCase();

/** The grants of one app the ledger tracks: tenant-wide consents, and high-privilege permissions. */
function grantsOf(app: IntegratedApp, lists: HealthThresholds['apps']['highPrivilege']): Grant[] {
  const high = new Set(lists.applicationPermissions.flatMap((ref) => [lower(ref.value), ...(ref.appRoleId ? [lower(ref.appRoleId)] : [])]));
  const highScopes = new Set(lists.tenantWideDelegatedScopes.map(lower));
  const grants: Grant[] = [];
  for (const permission of app.applicationPermissions) {
    if (!high.has(lower(permission.permission)) && !high.has(lower(permission.appRoleId))) continue;
    grants.push({
      key: `app:${permission.resourceId}:${lower(permission.permission)}`,
      kind: 'application',
      resourceId: permission.resourceId,
      label: `${permission.resourceName}: ${permission.permission}`,
    });
  }
  for (const grant of app.delegatedGrants.filter((g) => g.consentType === 'AllPrincipals')) {
    grants.push({
      key: `consent:${grant.resourceId}`,
      kind: 'consent',
      resourceId: grant.resourceId,
      label: `${grant.resourceName}${grant.scopes.length ? ` (${grant.scopes.join(', ')})` : ''}`,
    });
    for (const scope of grant.scopes.filter((s) => highScopes.has(lower(s))))
      grants.push({
        key: `delegated:${grant.resourceId}:${lower(scope)}`,
        kind: 'delegated',
        resourceId: grant.resourceId,
        label: `${grant.resourceName}: ${scope}`,
      });
  }
  return grants;
}

/** Compares this read's grants with the ledger: the findings for what is new, and the ledger to keep. */
export function grantChanges(
  previous: GrantLedger | undefined,
  snapshot: TenantSnapshot,
  now: Date,
  thresholds: HealthThresholds,
): GrantChanges {
  const apps = snapshot.apps;
  if (apps === undefined) return { findings: [], unknown: [], ledger: previous };
  if (apps.status === 'unavailable')
    return {
      findings: [],
      unknown: [unknownBecause('app.highPrivilegeGranted', apps.reason), unknownBecause('app.tenantWideConsent', apps.reason)],
      ledger: previous,
    };
  const parts = snapshot.appParts;
  const delegatedRefused = parts?.delegatedGrants.status === 'unavailable' ? parts.delegatedGrants.reason : undefined;
  const applicationRefused = parts?.applicationPermissions.status === 'unavailable' ? parts.applicationPermissions.reason : undefined;
  /** Entries of a part Graph refused this time are kept as they were. */
  const refused = (key: string): boolean => (key.startsWith('app:') ? applicationRefused !== undefined : delegatedRefused !== undefined);

  const nowIso = now.toISOString();
  const baselined = {
    application: Boolean(previous?.baselined.application),
    delegated: Boolean(previous?.baselined.delegated),
  };
  /** When a grant not in the ledger was first seen: now, unless its part had no baseline yet. */
  const firstSeenOf = (key: string): string | null =>
    (key.startsWith('app:') ? baselined.application : baselined.delegated) ? nowIso : null;
  const ledger: GrantLedger = {
    startedAt: previous?.startedAt ?? nowIso,
    baselined: { application: baselined.application || !applicationRefused, delegated: baselined.delegated || !delegatedRefused },
    apps: {},
  };
  const findings: Finding[] = [];
  for (const app of apps.data.filter((a) => !a.isMicrosoft)) {
    const before = previous?.apps[app.appId] ?? {};
    const entries: Record<string, string | null> = {};
    for (const [key, seen] of Object.entries(before)) if (refused(key)) entries[key] = seen;
    const grants = grantsOf(app, thresholds.apps.highPrivilege).filter((g) => !refused(g.key));
    for (const grant of grants) entries[grant.key] = grant.key in before ? before[grant.key] : firstSeenOf(grant.key);
    if (Object.keys(entries).length) ledger.apps[app.appId] = entries;
    if (isTenantsConcern(app)) findings.push(...findingsOf(app, grants, entries, now, ledger.startedAt));
  }
  const unknown = [
    applicationRefused && unknownBecause('app.highPrivilegeGranted', applicationRefused, 'application permissions'),
    delegatedRefused && unknownBecause('app.highPrivilegeGranted', delegatedRefused, 'delegated grants'),
    delegatedRefused && unknownBecause('app.tenantWideConsent', delegatedRefused, 'delegated grants'),
  ].filter((u): u is UnknownCheck => Boolean(u));
  return { findings, unknown, ledger };
}

function findingsOf(app: IntegratedApp, grants: Grant[], seen: Record<string, string | null>, now: Date, startedAt: string): Finding[] {
  const isNew = (grant: Grant): boolean => {
    const at = seen[grant.key];
    return typeof at === 'string' && now.getTime() - Date.parse(at) < NEW_GRANT_DAYS * DAY_MS;
  };
  const fresh = grants.filter(isNew);
  const consents = fresh.filter((g) => g.kind === 'consent');
  // A scope that came with a new consent is told with that consent, not a second time.
  const consentedNow = new Set(consents.map((g) => g.resourceId));
  const permissions = fresh.filter((g) => g.kind === 'application' || (g.kind === 'delegated' && !consentedNow.has(g.resourceId)));
  const firstSeen = (list: Grant[]): string => list.map((g) => seen[g.key] as string).sort()[0];
  const base = {
    subject: app.appId,
    link: LEARN.reviewAppPermissions,
  };
  const about = {
    appName: app.displayName,
    appId: app.appId,
    publisher: app.verifiedPublisher ?? app.publisherName,
    verifiedPublisher: app.verifiedPublisher !== null,
    ownedByThisTenant: app.ownedByThisTenant,
    watchingSince: startedAt,
  };
  const out: Finding[] = [];
  if (permissions.length)
    out.push({
      ...base,
      code: 'app.highPrivilegeGranted',
      severity: 'warning',
      title: `${app.displayName} was newly granted ${permissions.length === 1 ? 'a high-privilege permission' : `${permissions.length} high-privilege permissions`}: ${permissions.map((g) => g.label.split(': ')[1]).join(', ')}`,
      evidence: { ...about, newPermissions: permissions.map((g) => g.label).join('; '), firstSeenAt: firstSeen(permissions) },
      action:
        'Confirm with whoever owns this app that the grant was intended and is still needed; if nobody asked for it, revoke it (Enterprise applications > the app > Permissions) and find out who granted it in the audit log.',
    });
  if (consents.length) {
    const high = fresh.some((g) => g.kind === 'delegated' && consentedNow.has(g.resourceId));
    out.push({
      ...base,
      code: 'app.tenantWideConsent',
      severity: 'warning',
      title: `${app.displayName} was newly consented for every user in the tenant${high ? ', with high-privilege scopes' : ''}`,
      evidence: { ...about, consentedResources: consents.map((g) => g.label).join('; '), firstSeenAt: firstSeen(consents) },
      action:
        'An administrator consented on behalf of all users: check in the audit log who did and why, and that the app and its publisher are known. If it was not intended, revoke the consent; an illicit consent grant needs investigating as an incident.',
      link: LEARN.appConsentInvestigation,
    });
  }
  return out;
}
