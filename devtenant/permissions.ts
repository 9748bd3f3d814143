import { ENTRA_ROLES } from '../identity/tenant/admin-roles';
import { graphError, type GraphResponse } from './answer';
import type { Caller } from './tokens';

/**
 * Which caller may make each Graph call the app makes, per the Graph reference page of that call
 * (its "Permissions" table: least privileged first, then the higher ones that also work, and the
 * directory roles a delegated caller needs where the page names them). docs/graph-permissions.md
 * lists the same rows for people; tests/unit/graph-permissions.spec.ts keeps the two and
 * aad.manifest.json in agreement. A call without a row here is refused: add its row (and the doc's)
 * from the reference page before the app makes it.
 */

export type RoleName = keyof typeof ENTRA_ROLES;
export type Mode = 'delegated' | 'application';

export interface PermissionRule {
  /** As docs/graph-permissions.md writes it, e.g. "GET /v1.0/organization". */
  call: string;
  /** The feature (snapshot section or check) that makes the call. */
  feature: string;
  /** Matches the path after the version root ("beta/" prefixed for beta), without the query. */
  path: RegExp;
  /** Delegated permissions that allow it, least privileged first; null: not supported. */
  delegated: readonly string[] | null;
  /** Application permissions that allow it, least privileged first; null: not supported. */
  application: readonly string[] | null;
  /** A delegated caller must also hold one of these directory roles (Global Administrator holds all). */
  roles?: readonly RoleName[];
  /** Permissions that let the call through but return only these properties (the rest null). */
  limited?: { permissions: readonly string[]; keep: readonly string[] };
  /** How the app makes it: the tab on-behalf-of the admin, and/or app-only (watcher, bot, check); empty: the app does not, Graph serves it and so does the dev tenant. */
  usedWith: readonly Mode[];
  /** The Graph reference page the row was read from. */
  page: string;
}

const DIRECTORY_READ = ['Directory.Read.All', 'Directory.ReadWrite.All'];
const APPLICATION_READ = ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', ...DIRECTORY_READ];
const BOTH: readonly Mode[] = ['delegated', 'application'];
const LEARN = 'https://learn.microsoft.com/en-us/graph/api/';

export const PERMISSION_RULES: readonly PermissionRule[] = [
  {
    call: 'GET /v1.0/organization',
    feature: 'organization: sync on/off, last sync, verified domains, assigned plans',
    path: /^organization(\/[^/]+)?$/,
    delegated: ['Organization.Read.All', 'User.Read', ...DIRECTORY_READ, 'Organization.ReadWrite.All'],
    application: ['Organization.Read.All', ...DIRECTORY_READ, 'Organization.ReadWrite.All'],
    limited: { permissions: ['User.Read'], keep: ['id', 'displayName', 'verifiedDomains'] },
    usedWith: BOTH,
    page: `${LEARN}organization-get`,
  },
  {
    call: 'GET /beta/organization',
    feature: 'last password sync (onPremisesLastPasswordSyncDateTime is beta-only)',
    path: /^beta\/organization(\/[^/]+)?$/,
    delegated: ['Organization.Read.All', 'User.Read', ...DIRECTORY_READ, 'Organization.ReadWrite.All'],
    application: ['Organization.Read.All', ...DIRECTORY_READ, 'Organization.ReadWrite.All'],
    limited: { permissions: ['User.Read'], keep: ['id', 'displayName', 'verifiedDomains'] },
    usedWith: BOTH,
    page: `${LEARN}organization-get?view=graph-rest-beta`,
  },
  {
    call: 'GET /beta/directory/onPremisesSynchronization',
    feature:
      'Entra Connect sync configuration: client version and sync interval (beta-only), accidental-deletion prevention, the sync features on or off (password hash sync, writeback …)',
    path: /^beta\/directory\/onPremisesSynchronization(\/[^/]+)?$/,
    delegated: ['OnPremDirectorySynchronization.Read.All', 'OnPremDirectorySynchronization.ReadWrite.All'],
    // Beta has the same permissions table as v1.0: "Application: Not supported"; "Global
    // Administrator is the only role supported". The app reads beta for the client version and
    // interval (v1.0's configuration has only accidentalDeletionPrevention). App-only
    // readers (bot, watcher, check) never ask: only the tab, on behalf of a signed-in admin.
    application: null,
    roles: ['globalAdministrator'],
    usedWith: ['delegated'],
    page: `${LEARN}onpremisesdirectorysynchronization-get?view=graph-rest-beta`,
  },
  {
    call: 'GET /beta/onPremisesPublishingProfiles/provisioning/agents',
    feature: "Cloud Sync's provisioning agents: machine, external IP, active or inactive (beta-only)",
    path: /^beta\/onPremisesPublishingProfiles\/provisioning\/agents(\/[^/]+)?$/,
    // The onPremisesAgent pages (onpremisesagent-list, onpremisesagent-get, beta): delegated work or
    // school only, least privileged Policy.Read.HybridAuthentication, higher Directory.ReadWrite.All
    // and Policy.ReadWrite.HybridAuthentication; "Application: Not supported", no directory role
    // named. Only the tab reads it, on behalf of the signed-in admin; app-only readers never ask.
    delegated: ['Policy.Read.HybridAuthentication', 'Directory.ReadWrite.All', 'Policy.ReadWrite.HybridAuthentication'],
    application: null,
    usedWith: ['delegated'],
    page: `${LEARN}onpremisesagent-list?view=graph-rest-beta`,
  },
  {
    call: 'GET /v1.0/directory/onPremisesSynchronization',
    feature: 'not read by the app (v1.0 has no client version or interval, so it reads beta); served as Graph serves it',
    path: /^directory\/onPremisesSynchronization(\/[^/]+)?$/,
    // The v1.0 page's table, the same as beta's: delegated only, Global Administrator the only role.
    delegated: ['OnPremDirectorySynchronization.Read.All', 'OnPremDirectorySynchronization.ReadWrite.All'],
    application: null,
    roles: ['globalAdministrator'],
    usedWith: [],
    page: `${LEARN}onpremisesdirectorysynchronization-get?view=graph-rest-1.0`,
  },
  {
    call: 'GET /v1.0/domains',
    feature: 'domains, authentication type',
    path: /^domains(\/[^/]+)?$/,
    delegated: ['Domain.Read.All', 'Domain.ReadWrite.All', ...DIRECTORY_READ],
    application: ['Domain.Read.All', 'Domain.ReadWrite.All', ...DIRECTORY_READ],
    usedWith: BOTH,
    page: `${LEARN}domain-list`,
  },
  {
    call: 'GET /v1.0/domains/{id}/federationConfiguration',
    feature: 'federation settings and token-signing certificate',
    path: /^domains\/[^/]+\/federationConfiguration(\/[^/]+)?$/,
    delegated: ['Domain.Read.All', 'Domain.ReadWrite.All'],
    application: ['Domain.Read.All', 'Domain.ReadWrite.All'],
    roles: ['globalReader', 'securityReader', 'hybridIdentityAdministrator', 'securityAdministrator'],
    usedWith: BOTH,
    page: `${LEARN}domain-list-federationconfiguration`,
  },
  {
    call: 'GET /v1.0/subscribedSkus',
    feature: 'edition (Free / P1 / P2)',
    path: /^subscribedSkus(\/[^/]+)?$/,
    delegated: ['LicenseAssignment.Read.All', 'Organization.Read.All', ...DIRECTORY_READ, 'Organization.ReadWrite.All'],
    application: ['LicenseAssignment.Read.All', 'Organization.Read.All', ...DIRECTORY_READ, 'Organization.ReadWrite.All'],
    roles: ['globalReader', 'directoryReaders'],
    usedWith: BOTH,
    page: `${LEARN}subscribedsku-list`,
  },
  {
    call: 'GET /v1.0/users',
    feature: 'synced users ($count) and users with provisioning errors',
    path: /^users(\/\$count)?$/,
    delegated: ['User.Read.All', 'User.ReadWrite.All', ...DIRECTORY_READ],
    application: ['User.Read.All', 'User.ReadWrite.All', ...DIRECTORY_READ],
    usedWith: BOTH,
    page: `${LEARN}user-list`,
  },
  {
    call: 'GET /v1.0/groups',
    feature: 'synced groups ($count) and groups with provisioning errors',
    path: /^groups(\/\$count)?$/,
    delegated: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIRECTORY_READ],
    application: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIRECTORY_READ],
    usedWith: BOTH,
    page: `${LEARN}group-list`,
  },
  {
    call: 'GET /v1.0/admin/serviceAnnouncement/issues',
    feature: 'Entra service health',
    path: /^admin\/serviceAnnouncement\/(issues|healthOverviews)(\/[^/]+)?$/,
    delegated: ['ServiceHealth.Read.All'],
    application: ['ServiceHealth.Read.All'],
    usedWith: BOTH,
    page: `${LEARN}serviceannouncement-list-issues`,
  },
  {
    call: 'GET /v1.0/servicePrincipals',
    feature: "integrated apps, their credentials, Microsoft Graph's app roles",
    path: /^servicePrincipals(\/[^/]+|\([^)]*\))?$/,
    delegated: APPLICATION_READ,
    application: APPLICATION_READ,
    usedWith: BOTH,
    page: `${LEARN}serviceprincipal-list`,
  },
  {
    call: 'GET /v1.0/servicePrincipals/{id}/synchronization/jobs',
    feature: 'Cloud Sync: the provisioning jobs of its AD-to-Entra configurations (status, quarantine, last runs)',
    path: /^servicePrincipals\/[^/]+\/synchronization\/jobs(\/[^/]+)?$/,
    delegated: ['Synchronization.Read.All', 'Synchronization.ReadWrite.All'],
    // The page's least privileged application permission, Application.ReadWrite.OwnedBy, reaches only
    // service principals the caller owns, never Cloud Sync's: left out, so the dev tenant is as strict.
    application: ['Synchronization.Read.All', 'Synchronization.ReadWrite.All'],
    roles: ['hybridIdentityAdministrator', 'applicationAdministrator', 'cloudApplicationAdministrator'],
    usedWith: BOTH,
    page: `${LEARN}synchronization-synchronization-list-jobs`,
  },
  {
    call: 'GET /v1.0/servicePrincipals/{id}/appRoleAssignedTo',
    feature: 'application permissions granted on a resource (who holds its app roles)',
    path: /^servicePrincipals(\/[^/]+|\([^)]*\))\/(appRoleAssignedTo|appRoleAssignments)$/,
    delegated: ['Application.Read.All', 'AppRoleAssignment.ReadWrite.All', ...DIRECTORY_READ],
    application: ['Application.Read.All', 'AppRoleAssignment.ReadWrite.All', ...DIRECTORY_READ],
    usedWith: BOTH,
    page: `${LEARN}serviceprincipal-list-approleassignedto`,
  },
  {
    call: 'GET /v1.0/applications',
    feature: 'app registrations: secrets and certificates with expiry',
    path: /^applications(\/[^/]+|\([^)]*\))?$/,
    delegated: APPLICATION_READ,
    application: APPLICATION_READ,
    usedWith: BOTH,
    page: `${LEARN}application-list`,
  },
  {
    call: 'GET /v1.0/oauth2PermissionGrants',
    feature: 'delegated grants (consent type, scopes)',
    path: /^(oauth2PermissionGrants(\/[^/]+)?|servicePrincipals\/[^/]+\/oauth2PermissionGrants)$/,
    delegated: ['Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'],
    application: ['Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'],
    usedWith: BOTH,
    page: `${LEARN}oauth2permissiongrant-list`,
  },
  {
    call: 'GET /v1.0/users/{id}/transitiveMemberOf/microsoft.graph.directoryRole',
    feature: "the chat user's admin roles (who may see `status`, subscribe a channel, acknowledge)",
    path: /^users\/[^/]+\/transitiveMemberOf(\/microsoft\.graph\.directoryRole)?$/,
    delegated: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', ...DIRECTORY_READ],
    application: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', ...DIRECTORY_READ],
    usedWith: ['application'],
    page: `${LEARN}user-list-transitivememberof`,
  },
];

/**
 * Reading a directoryRole object's properties (its roleTemplateId) needs one of these besides the
 * call's own permission; without, Graph returns the role with only its id and @odata.type
 * ("Limited information returned for inaccessible member objects", user-list-transitivememberof;
 * https://learn.microsoft.com/en-us/graph/api/directoryrole-list).
 */
export const DIRECTORY_ROLE_READ = ['RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory', ...DIRECTORY_READ];

export function ruleFor(path: string): PermissionRule | undefined {
  return PERMISSION_RULES.find((rule) => rule.path.test(path));
}

/** The permissions a caller holds: an app's roles, or a user's scopes, narrowed to what the tenant consented to. */
export function permissionsOf(caller: Caller, consented?: readonly string[]): Set<string> {
  const held = caller.kind === 'app' ? caller.roles : caller.scopes;
  return new Set(consented ? [...held].filter((p) => consented.includes(p)) : held);
}

export type Access =
  | { allowed: true; rule: PermissionRule; limitedTo?: readonly string[]; permissions: Set<string> }
  | { allowed: false; refusal: GraphResponse };

/** Whether the caller may make the call, as Graph decides it: 403 Authorization_RequestDenied when not. */
export function authorize(caller: Caller, path: string, consented?: readonly string[]): Access {
  const rule = ruleFor(path);
  if (!rule)
    return deny(`The dev tenant has no permission rule for GET ${path}: add it to devtenant/permissions.ts and docs/graph-permissions.md.`);
  const accepted = caller.kind === 'app' ? rule.application : rule.delegated;
  if (!accepted) {
    const mode = caller.kind === 'app' ? 'Application' : 'Delegated';
    return deny(`${mode} permissions are not supported for this API.`);
  }
  const permissions = permissionsOf(caller, consented);
  const matching = accepted.filter((p) => permissions.has(p));
  if (matching.length === 0) return deny('Insufficient privileges to complete the operation.');
  if (caller.kind === 'user' && rule.roles) {
    const ids = new Set<string>([ENTRA_ROLES.globalAdministrator.id, ...rule.roles.map((r) => ENTRA_ROLES[r].id)]);
    if (![...caller.roles].some((id) => ids.has(id))) return deny('Insufficient privileges to complete the operation.');
  }
  const limitedTo = rule.limited && matching.every((p) => rule.limited!.permissions.includes(p)) ? rule.limited.keep : undefined;
  return { allowed: true, rule, permissions, ...(limitedTo ? { limitedTo } : {}) };
}

function deny(message: string): { allowed: false; refusal: GraphResponse } {
  return { allowed: false, refusal: graphError(403, 'Authorization_RequestDenied', message) };
}
