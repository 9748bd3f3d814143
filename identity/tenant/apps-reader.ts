/**
 * Reads the tenant's integrated apps with what they can do, in a bounded number of requests.
 *
 * Which service principals are judged: every service principal not owned by Microsoft
 * (appOwnerOrganizationId not one of MICROSOFT_TENANTS) that carries the
 * WindowsAzureActiveDirectoryIntegratedApp tag, has a credential (its own or its app
 * registration's), holds a delegated grant, or holds an application permission (an app-role
 * assignment) on any resource; plus Microsoft's apps that carry the tag (listed, never judged).
 * The tag alone is not enough: it only decides what the Enterprise apps list shows by default, and
 * service principals created by consent or through the API often lack it (GRAPH-FACTS,
 * Corrections).
 *
 * Requests: one $batch (service principals with their appRoles, app registrations, delegated
 * grants; 999 a page), the further pages of each, then `appRoleAssignedTo` for every resource
 * service principal that defines an application role (20 to a $batch), and their further pages.
 * So 1 + ⌈resources / 20⌉ batches plus one GET per extra page: a tenant's resources with
 * application roles are few (Microsoft Graph, Exchange Online, SharePoint Online, its own APIs).
 * Role ids are resolved to values with the resource's own appRoles (Graph reference: "Grant or
 * revoke API permissions programmatically", learn.microsoft.com/graph/permissions-grant-via-msgraph).
 */
import { BATCH_LIMIT, type GraphCall, type GraphPort, type GraphReply } from '../../platform/graph/port';
import { credentialsOf } from './app-credentials-read';
import { type AccessHint, str, unavailableFrom, valuesOf } from './sections';
import type { AppReadingParts, ApplicationPermission, ConsentType, DelegatedGrant, IntegratedApp, Section } from './snapshot';

/** Microsoft Graph's own app id. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Tenants that own Microsoft's first-party apps (community-sourced list; see GRAPH-FACTS 2.1). */
export const MICROSOFT_TENANTS = new Set(['f8cdef31-a31e-4b4a-93e4-5f571e91255a', '72f988bf-86f1-41af-91ab-2d7cd011db47']);

/** The tag Entra's Enterprise apps list filters on by default. */
export const INTEGRATED_APP_TAG = 'WindowsAzureActiveDirectoryIntegratedApp';

const PAGE = 999;
// publisherName is not a v1.0 servicePrincipal property (only beta has it), so it is not asked for.
const SP_FIELDS =
  'id,appId,displayName,accountEnabled,servicePrincipalType,appOwnerOrganizationId,tags,verifiedPublisher,keyCredentials,passwordCredentials,appRoles';

export const APPS_CALLS = {
  servicePrincipals: { url: `servicePrincipals?$select=${SP_FIELDS}&$top=${PAGE}` },
  applications: { url: `applications?$select=id,appId,displayName,passwordCredentials,keyCredentials&$top=${PAGE}` },
  grants: { url: `oauth2PermissionGrants?$top=${PAGE}` },
} satisfies Record<string, GraphCall>;

/** Least-privileged permissions per read (Graph reference pages of each list call). */
const HINTS = {
  servicePrincipals: { permission: 'Application.Read.All' },
  applications: { permission: 'Application.Read.All' },
  grants: { permission: 'Directory.Read.All' },
  assignments: { permission: 'Application.Read.All' },
} satisfies Record<string, AccessHint>;

export interface AppsReading {
  apps: Section<IntegratedApp[]>;
  /** Absent when the service principals themselves could not be read. */
  parts?: AppReadingParts;
}

type Item = Record<string, unknown>;

/** Reads the apps that matter (see the file comment); `organizationName` names the publisher of the tenant's own apps. */
export async function readIntegratedApps(graph: GraphPort, tenantId: string, organizationName: string | null = null): Promise<AppsReading> {
  const [spReply, appReply, grantReply] = await graph.batch([APPS_CALLS.servicePrincipals, APPS_CALLS.applications, APPS_CALLS.grants]);
  const [sps, apps, grants] = await Promise.all([everyPage(graph, spReply), everyPage(graph, appReply), everyPage(graph, grantReply)]);
  if (sps.status !== 200) return { apps: unavailableFrom(sps, HINTS.servicePrincipals) };
  const spValues = valuesOf(sps.body);
  const assignments = await readAssignments(graph, spValues);

  const registrations = apps.status === 200 ? valuesOf(apps.body) : [];
  const grantValues = grants.status === 200 ? valuesOf(grants.body) : [];
  const parts: AppReadingParts = {
    registrations: partOf(apps, HINTS.applications, registrations.length),
    delegatedGrants: partOf(grants, HINTS.grants, grantValues.length),
    applicationPermissions: assignments.failed
      ? unavailableFrom(assignments.failed, HINTS.assignments)
      : { status: 'ok', data: assignments.values.length },
  };

  const byId = new Map(spValues.map((sp) => [String(sp.id), sp]));
  const registrationByAppId = new Map(registrations.map((app) => [String(app.appId), app]));
  const grantsByClient = groupBy(grantValues, 'clientId');
  const assignmentsByPrincipal = groupBy(assignments.values, 'principalId');

  const data: IntegratedApp[] = [];
  for (const sp of spValues) {
    const id = String(sp.id);
    const owner = str(sp.appOwnerOrganizationId);
    const isMicrosoft = owner !== null && MICROSOFT_TENANTS.has(owner);
    const registration = registrationByAppId.get(String(sp.appId));
    const ownedByThisTenant = owner !== null && owner === tenantId;
    const credentials = [
      // A managed identity's credentials are Azure's to rotate: its service principal "cannot be updated
      // or modified directly" (Graph reference, servicePrincipal resource type, servicePrincipalType).
      ...(sp.servicePrincipalType === 'ManagedIdentity' ? [] : credentialsOf(sp, 'servicePrincipal')),
      ...(registration ? credentialsOf(registration, 'application') : []),
    ];
    const clientGrants = grantsByClient.get(id) ?? [];
    const held = assignmentsByPrincipal.get(id) ?? [];
    const tagged = Array.isArray(sp.tags) && sp.tags.includes(INTEGRATED_APP_TAG);
    const matters = isMicrosoft ? tagged : tagged || credentials.length > 0 || clientGrants.length > 0 || held.length > 0;
    if (!matters) continue;
    const verified = verifiedPublisherOf(sp);
    data.push({
      id,
      appId: String(sp.appId),
      displayName: str(sp.displayName) ?? String(sp.appId),
      publisherName: verified ?? (isMicrosoft ? 'Microsoft' : ownedByThisTenant ? organizationName : null),
      verifiedPublisher: verified,
      ownerTenantId: owner,
      ownedByThisTenant,
      isMicrosoft,
      enabled: sp.accountEnabled !== false,
      servicePrincipalType: str(sp.servicePrincipalType),
      delegatedGrants: delegatedGrants(clientGrants, byId),
      applicationPermissions: held.map((a) => applicationPermission(a, byId)),
      credentials,
    });
  }
  return { apps: { status: 'ok', data }, parts };
}

/**
 * A publisher is verified when Graph names its Partner Center id (verifiedPublisherId); an
 * unverified app has a verifiedPublisher whose properties are all null (Graph reference,
 * verifiedPublisher resource type). Answers the verified publisher's name.
 */
function verifiedPublisherOf(sp: Item): string | null {
  const publisher = (sp.verifiedPublisher ?? {}) as Item;
  const id = str(publisher.verifiedPublisherId);
  if (!id?.trim()) return null;
  return str(publisher.displayName) ?? id;
}

/** Resources whose appRoles include an enabled role that applications can hold: only these can grant application permissions. */
function isApplicationResource(sp: Item): boolean {
  const roles = Array.isArray(sp.appRoles) ? (sp.appRoles as Item[]) : [];
  return roles.some(
    (role) => role.isEnabled !== false && Array.isArray(role.allowedMemberTypes) && role.allowedMemberTypes.includes('Application'),
  );
}

/** Every application permission held by a service principal, read from the resources' side; the first failure if any read failed. */
async function readAssignments(graph: GraphPort, sps: Item[]): Promise<{ values: Item[]; failed?: GraphReply }> {
  const resources = sps.filter(isApplicationResource);
  const values: Item[] = [];
  let failed: GraphReply | undefined;
  for (let i = 0; i < resources.length; i += BATCH_LIMIT) {
    const chunk = resources.slice(i, i + BATCH_LIMIT);
    const replies = await graph.batch(
      chunk.map((sp) => ({ url: `servicePrincipals/${encodeURIComponent(String(sp.id))}/appRoleAssignedTo?$top=${PAGE}` })),
    );
    const pages = await Promise.all(replies.map((reply) => everyPage(graph, reply)));
    for (const page of pages) {
      if (page.status !== 200) failed ??= page;
      // appRoleAssignedTo also lists users and groups assigned to the resource's roles; $filter on principalType is not supported.
      else values.push(...valuesOf(page.body).filter((a) => a.principalType === 'ServicePrincipal'));
    }
  }
  return { values, failed };
}

function applicationPermission(assignment: Item, byId: ReadonlyMap<string, Item>): ApplicationPermission {
  const resourceId = String(assignment.resourceId);
  const resource = byId.get(resourceId);
  const appRoleId = String(assignment.appRoleId);
  const role = (Array.isArray(resource?.appRoles) ? (resource.appRoles as Item[]) : []).find((r) => r.id === appRoleId);
  return {
    resourceId,
    resourceName: str(resource?.displayName) ?? str(assignment.resourceDisplayName) ?? resourceId,
    appRoleId,
    permission: str(role?.value) ?? appRoleId,
  };
}

function partOf(reply: GraphReply, hint: AccessHint, count: number): Section<number> {
  return reply.status === 200 ? { status: 'ok', data: count } : unavailableFrom(reply, hint);
}

/** Follows @odata.nextLink to the end; answers one reply whose body holds every value, or the first failure. */
async function everyPage(graph: GraphPort, first: GraphReply): Promise<GraphReply> {
  if (first.status !== 200) return first;
  const values = [...valuesOf(first.body)];
  let next = str((first.body as Item)['@odata.nextLink']);
  while (next) {
    const page = await graph.get({ url: next });
    if (page.status !== 200) return page;
    values.push(...valuesOf(page.body));
    next = str((page.body as Item)['@odata.nextLink']);
  }
  return { status: 200, body: { value: values } };
}

function groupBy(items: Item[], key: string): Map<string, Item[]> {
  const map = new Map<string, Item[]>();
  for (const item of items) {
    const value = String(item[key]);
    const list = map.get(value);
    if (list) list.push(item);
    else map.set(value, [item]);
  }
  return map;
}

/** One entry per resource and consent type: tenant-wide consent, or per-user consents counted together. */
function delegatedGrants(grants: Item[], byId: ReadonlyMap<string, Item>): DelegatedGrant[] {
  const merged = new Map<string, DelegatedGrant>();
  for (const grant of grants) {
    const consentType: ConsentType = grant.consentType === 'AllPrincipals' ? 'AllPrincipals' : 'Principal';
    const resourceId = String(grant.resourceId);
    const key = `${resourceId}|${consentType}`;
    const scopes = String(grant.scope ?? '')
      .split(' ')
      .filter(Boolean);
    const existing = merged.get(key);
    if (existing) {
      existing.principalCount += consentType === 'Principal' ? 1 : 0;
      existing.scopes = [...new Set([...existing.scopes, ...scopes])];
    } else {
      merged.set(key, {
        resourceId,
        resourceName: str(byId.get(resourceId)?.displayName) ?? resourceId,
        consentType,
        principalCount: consentType === 'Principal' ? 1 : 0,
        scopes,
      });
    }
  }
  return [...merged.values()];
}
