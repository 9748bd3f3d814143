import type { GraphCall, GraphPort, GraphReply } from '../../platform/graph/port';
import { sectionFrom, str, unavailableFrom, valuesOf } from './sections';
import type { AppCredential, ApplicationPermission, ConsentType, DelegatedGrant, IntegratedApp, Section } from './snapshot';

/** Microsoft Graph's own app id; its service principal holds the appRoles that name application permissions. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Tenants that own Microsoft's first-party apps (community-sourced list; see GRAPH-FACTS). */
export const MICROSOFT_TENANTS = new Set(['f8cdef31-a31e-4b4a-93e4-5f571e91255a', '72f988bf-86f1-41af-91ab-2d7cd011db47']);

const PAGE = 999;
const SP_FIELDS =
  'id,appId,displayName,accountEnabled,servicePrincipalType,appOwnerOrganizationId,tags,verifiedPublisher,keyCredentials,passwordCredentials';

const CALLS = {
  servicePrincipals: {
    url: `servicePrincipals?$filter=tags/any(t:t eq 'WindowsAzureActiveDirectoryIntegratedApp')&$select=${SP_FIELDS}&$top=${PAGE}`,
  },
  applications: { url: `applications?$select=id,appId,displayName,passwordCredentials,keyCredentials&$top=${PAGE}` },
  grants: { url: `oauth2PermissionGrants?$top=${PAGE}` },
  graphServicePrincipal: { url: `servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')?$select=id,appId,displayName,appRoles` },
} satisfies Record<string, GraphCall>;

/**
 * Reads the tenant's integrated apps with what they can do: delegated grants (consent type,
 * scopes), application permissions resolved to names through Microsoft Graph's service
 * principal, and credentials with expiry. Pages every collection to its end.
 */
export async function readIntegratedApps(graph: GraphPort, tenantId: string): Promise<Section<IntegratedApp[]>> {
  const [sps, apps, grants, graphSp] = await graph.batch([
    CALLS.servicePrincipals,
    CALLS.applications,
    CALLS.grants,
    CALLS.graphServicePrincipal,
  ]);
  const hint = { permission: 'Application.Read.All' };
  if (sps.status !== 200) return unavailableFrom(sps, hint);
  const [allSps, allApps, allGrants] = await Promise.all([everyPage(graph, sps), everyPage(graph, apps), everyPage(graph, grants)]);
  if (allSps.status !== 200) return unavailableFrom(allSps, hint);

  const graphSection = sectionFrom(graphSp, hint, (body) => body as Record<string, unknown>);
  const roleNames = new Map<string, string>();
  let assignments: Record<string, unknown>[] = [];
  if (graphSection.status === 'ok') {
    for (const role of (graphSection.data.appRoles ?? []) as Record<string, unknown>[])
      roleNames.set(String(role.id), String(role.value ?? role.id));
    const assigned = await everyPage(
      graph,
      await graph.get({ url: `servicePrincipals/${String(graphSection.data.id)}/appRoleAssignedTo?$top=${PAGE}` }),
    );
    if (assigned.status === 200) assignments = valuesOf(assigned.body);
  }
  const resourceNames = new Map<string, string>();
  if (graphSection.status === 'ok')
    resourceNames.set(String(graphSection.data.id), String(graphSection.data.displayName ?? 'Microsoft Graph'));
  const spValues = valuesOf(allSps.body);
  for (const sp of spValues) resourceNames.set(String(sp.id), String(sp.displayName ?? sp.id));

  const registrations = new Map<string, Record<string, unknown>>();
  if (allApps.status === 200) for (const app of valuesOf(allApps.body)) registrations.set(String(app.appId), app);
  const grantsByClient = groupBy(allGrants.status === 200 ? valuesOf(allGrants.body) : [], 'clientId');
  const assignmentsByClient = groupBy(assignments, 'principalId');

  const data = spValues.map((sp): IntegratedApp => {
    const owner = str(sp.appOwnerOrganizationId);
    const id = String(sp.id);
    const registration = registrations.get(String(sp.appId));
    return {
      id,
      appId: String(sp.appId),
      displayName: str(sp.displayName) ?? String(sp.appId),
      publisherName: str(sp.publisherName),
      verifiedPublisher: str((sp.verifiedPublisher as Record<string, unknown> | undefined)?.displayName),
      ownerTenantId: owner,
      ownedByThisTenant: owner !== null && owner === tenantId,
      isMicrosoft: owner !== null && MICROSOFT_TENANTS.has(owner),
      enabled: sp.accountEnabled !== false,
      servicePrincipalType: str(sp.servicePrincipalType),
      delegatedGrants: delegatedGrants(grantsByClient.get(id) ?? [], resourceNames),
      applicationPermissions: (assignmentsByClient.get(id) ?? []).map((a): ApplicationPermission => ({
        resourceId: String(a.resourceId),
        resourceName: str(a.resourceDisplayName) ?? resourceNames.get(String(a.resourceId)) ?? String(a.resourceId),
        appRoleId: String(a.appRoleId),
        permission: roleNames.get(String(a.appRoleId)) ?? String(a.appRoleId),
      })),
      credentials: [...credentialsOf(sp, 'servicePrincipal'), ...(registration ? credentialsOf(registration, 'application') : [])],
    };
  });
  return { status: 'ok', data };
}

/** Follows @odata.nextLink to the end; answers one reply whose body holds every value, or the first failure. */
async function everyPage(graph: GraphPort, first: GraphReply): Promise<GraphReply> {
  if (first.status !== 200) return first;
  const values = [...valuesOf(first.body)];
  let next = str((first.body as Record<string, unknown>)['@odata.nextLink']);
  while (next) {
    const page = await graph.get({ url: next });
    if (page.status !== 200) return page;
    values.push(...valuesOf(page.body));
    next = str((page.body as Record<string, unknown>)['@odata.nextLink']);
  }
  return { status: 200, body: { value: values } };
}

function groupBy(items: Record<string, unknown>[], key: string): Map<string, Record<string, unknown>[]> {
  const map = new Map<string, Record<string, unknown>[]>();
  for (const item of items) {
    const value = String(item[key]);
    const list = map.get(value);
    if (list) list.push(item);
    else map.set(value, [item]);
  }
  return map;
}

/** One entry per resource and consent type: tenant-wide consent, or per-user consents counted together. */
function delegatedGrants(grants: Record<string, unknown>[], resourceNames: Map<string, string>): DelegatedGrant[] {
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
        resourceName: resourceNames.get(resourceId) ?? resourceId,
        consentType,
        principalCount: consentType === 'Principal' ? 1 : 0,
        scopes,
      });
    }
  }
  return [...merged.values()];
}

function credentialsOf(object: Record<string, unknown>, source: AppCredential['source']): AppCredential[] {
  const read = (list: unknown, kind: AppCredential['kind']): AppCredential[] =>
    (Array.isArray(list) ? (list as Record<string, unknown>[]) : []).map((c) => ({
      kind,
      source,
      displayName: str(c.displayName),
      keyId: str(c.keyId),
      endDateTime: str(c.endDateTime),
    }));
  return [...read(object.passwordCredentials, 'password'), ...read(object.keyCredentials, 'certificate')];
}
