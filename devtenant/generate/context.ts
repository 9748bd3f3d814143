import { isObject } from '../json';
import { HIGH_PRIVILEGE_APP_ROLES } from './microsoft-graph';
import { GenerateSpecError, SP_KEY, type ServicePrincipalGeneration } from './spec';

/**
 * What the generator needs from the hand-written part of the scenario (the tenant, the resource
 * its apps are granted on, the users who consent), read once and checked before anything is drawn.
 */

/** What the generator takes from the hand-written part of the scenario. */
export interface GenerationContext {
  tenantId: string;
  tenantName: string;
  /** The tenant's default verified domain, for identifier URIs. */
  domain: string;
  resource: { id: string; displayName: string };
  /** Application roles of the resource, split by privilege. */
  ordinaryRoles: string[];
  highPrivilegeRoles: string[];
  /** Delegated scope names to consent to. */
  scopes: string[];
  /** Users whose consent per-user grants stand for. */
  userIds: string[];
  /** Ids already used by hand-written service principals (generated ones must not collide). */
  takenIds: ReadonlySet<string>;
}

const DEFAULT_SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'User.Read',
  'User.ReadBasic.All',
  'Calendars.Read',
  'Files.Read.All',
  'Mail.Read',
  'Sites.Read.All',
  'Contacts.Read',
  'Tasks.ReadWrite',
];

/**
 * Reads the context from the scenario's entries (keys → bodies) and checks the generator can
 * run against them; problems name the key at fault.
 */
export function resolveGenerationContext(spec: ServicePrincipalGeneration, entries: ReadonlyMap<string, unknown>): GenerationContext {
  for (const key of ['servicePrincipals', 'applications', 'oauth2PermissionGrants']) {
    const entry = entries.get(key);
    if (entry !== undefined && (!isObject(entry) || !Array.isArray(entry.value))) {
      throw new GenerateSpecError(key, `must be a collection ({"value": […]}) for ${SP_KEY} to add to, not an error entry`);
    }
  }
  const organization = collection(entries.get('organization'))[0];
  const tenantId = spec.tenantId ?? (typeof organization?.id === 'string' ? organization.id : undefined);
  if (!tenantId) throw new GenerateSpecError(`${SP_KEY}.tenantId`, 'is needed when there is no "organization" entry with an id');
  const tenantName = typeof organization?.displayName === 'string' ? organization.displayName : 'Contoso';
  const domains = Array.isArray(organization?.verifiedDomains) ? (organization.verifiedDomains as Array<Record<string, unknown>>) : [];
  const domain = String(domains.find((d) => d.isDefault)?.name ?? domains[0]?.name ?? 'contoso.onmicrosoft.com');

  const servicePrincipals = collection(entries.get('servicePrincipals'));
  const resource = servicePrincipals.find((sp) => sp.appId === spec.resourceAppId);
  if (!resource || typeof resource.id !== 'string') {
    throw new GenerateSpecError(
      `${SP_KEY}.resourceAppId`,
      `no service principal with appId ${spec.resourceAppId} in "servicePrincipals" to grant permissions on`,
    );
  }
  const roles = (Array.isArray(resource.appRoles) ? (resource.appRoles as Array<Record<string, unknown>>) : []).filter(
    (role) =>
      typeof role.id === 'string' &&
      role.isEnabled !== false &&
      (!Array.isArray(role.allowedMemberTypes) || role.allowedMemberTypes.includes('Application')),
  );
  const highPrivilegeRoles = roles.map((role) => role.id as string).filter((id) => id in HIGH_PRIVILEGE_APP_ROLES);
  const ordinaryRoles = roles.map((role) => role.id as string).filter((id) => !(id in HIGH_PRIVILEGE_APP_ROLES));
  if (spec.highPrivilegeShare > 0 && highPrivilegeRoles.length === 0) {
    throw new GenerateSpecError(
      `${SP_KEY}.highPrivilegeShare`,
      `the resource "${String(resource.displayName)}" defines no high-privilege application role in appRoles (e.g. Directory.ReadWrite.All 19dbc75e-c2e2-444c-a770-ec69d8559fc7), so names could not resolve`,
    );
  }
  if (spec.applicationPermissionShare > 0 && ordinaryRoles.length === 0) {
    throw new GenerateSpecError(
      `${SP_KEY}.applicationPermissionShare`,
      `the resource "${String(resource.displayName)}" defines no ordinary application role in appRoles to assign`,
    );
  }
  const scopeValues = (
    Array.isArray(resource.oauth2PermissionScopes) ? (resource.oauth2PermissionScopes as Array<Record<string, unknown>>) : []
  )
    .map((scope) => scope.value)
    .filter((value): value is string => typeof value === 'string');
  const userIds = collection(entries.get('users'))
    .map((user) => user.id)
    .filter((id): id is string => typeof id === 'string');
  return {
    tenantId: tenantId.toLowerCase(),
    tenantName,
    domain,
    resource: { id: resource.id, displayName: String(resource.displayName ?? 'Microsoft Graph') },
    ordinaryRoles,
    highPrivilegeRoles,
    scopes: scopeValues.length > 0 ? scopeValues : DEFAULT_SCOPES,
    userIds,
    takenIds: new Set(servicePrincipals.map((sp) => String(sp.id))),
  };
}

function collection(entry: unknown): Array<Record<string, unknown>> {
  return isObject(entry) && Array.isArray(entry.value) ? (entry.value as Array<Record<string, unknown>>) : [];
}
