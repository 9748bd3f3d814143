import { agentsSection, CLOUD_SYNC_AGENTS_CALL } from './cloud-sync-agents-reader';
import { CLOUD_SYNC_CONFIGURATIONS_CALL, readCloudSync } from './cloud-sync-reader';
import { withFederation } from './federation-reader';
import type { GraphCall, GraphPort, GraphReply } from '../../platform/graph/port';
import { accessHint, bool, sectionFrom, str, valuesOf, type AccessHint } from './sections';
import { HEALTH_OVERVIEWS_CALL, ISSUES_CALL, readEntraIssues } from './service-health';
import { syncSettingsSection } from './sync-settings-reader';
import type {
  DomainInfo,
  Edition,
  LicensingInfo,
  OrganizationInfo,
  ProvisioningError,
  ProvisioningErrors,
  ReadIdentity,
  Section,
  TenantSnapshot,
} from './snapshot';

/** Entra premium service plan ids (Microsoft's licensing service plan reference). */
export const PREMIUM_PLANS = {
  P1: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
  P2: 'eec0eb4f-6444-4f95-aba0-50c24d67f998',
} as const;

/** How many objects with provisioning errors we keep as examples (the total comes from $count). */
export const ERROR_SAMPLES = 20;

const EVENTUAL = { ConsistencyLevel: 'eventual' };

/**
 * The status view's reads: one v1.0 $batch, plus one beta request in parallel (the last password
 * sync, and for a signed-in admin the sync configuration, whose client version and intervals are
 * beta-only, and Cloud Sync's provisioning agents). Cloud Sync's jobs need the ids of its configurations, so they follow with the federation settings.
 */
export const STATUS_CALLS = {
  organization: {
    url: 'organization?$select=id,displayName,tenantType,onPremisesSyncEnabled,onPremisesLastSyncDateTime,verifiedDomains,assignedPlans',
  },
  domains: { url: 'domains?$select=id,authenticationType,isVerified,isDefault,isInitial,isRoot' },
  skus: { url: 'subscribedSkus?$select=skuId,skuPartNumber,capabilityStatus,prepaidUnits,consumedUnits,servicePlans' },
  syncedUsers: { url: 'users/$count?$filter=onPremisesSyncEnabled eq true', headers: EVENTUAL },
  syncedGroups: { url: 'groups/$count?$filter=onPremisesSyncEnabled eq true', headers: EVENTUAL },
  userErrors: {
    url: `users?$filter=onPremisesProvisioningErrors/any(o:o/category eq 'PropertyConflict')&$select=id,displayName,userPrincipalName,onPremisesProvisioningErrors&$count=true&$top=${ERROR_SAMPLES}`,
    headers: EVENTUAL,
  },
  groupErrors: {
    url: `groups?$filter=onPremisesProvisioningErrors/any(o:o/category eq 'PropertyConflict')&$select=id,displayName,onPremisesProvisioningErrors&$count=true&$top=${ERROR_SAMPLES}`,
    headers: EVENTUAL,
  },
  issues: ISSUES_CALL,
  healthOverviews: HEALTH_OVERVIEWS_CALL,
  cloudSyncConfigurations: CLOUD_SYNC_CONFIGURATIONS_CALL,
} satisfies Record<string, GraphCall>;

const PASSWORD_SYNC_CALL: GraphCall = { url: 'organization?$select=id,onPremisesLastPasswordSyncDateTime', version: 'beta' };
/** On beta (onpremisesdirectorysynchronization-get?view=graph-rest-beta): v1.0 lacks the client version and intervals. */
export const SYNC_SETTINGS_CALL: GraphCall = { url: 'directory/onPremisesSynchronization', version: 'beta' };

/**
 * The beta reads as one request: a $batch of the three for a signed-in admin, the password-sync GET
 * alone app-only (app-only access is never granted the sync configuration nor the provisioning
 * agents: not asked, and said so, SYNC_SETTINGS_APP_ONLY and AGENTS_APP_ONLY).
 */
async function readBeta(
  graph: GraphPort,
  readAs: ReadIdentity,
): Promise<{ password: GraphReply; syncSettings?: GraphReply; agents?: GraphReply }> {
  if (readAs.kind === 'app') return { password: await graph.get(PASSWORD_SYNC_CALL) };
  const [password, syncSettings, agents] = await graph.batch([PASSWORD_SYNC_CALL, SYNC_SETTINGS_CALL, CLOUD_SYNC_AGENTS_CALL]);
  return { password, syncSettings, agents };
}

/**
 * Reads the tenant's identity-integration status. One round trip for a managed-only tenant (the
 * v1.0 batch and the beta read run in parallel); then, in parallel, a batch for the federation
 * settings of federated domains and the further pages of service issues, when there are any.
 * Never throws for a Graph refusal: the section says why it is unavailable.
 */
export async function readStatus(graph: GraphPort, now: Date, readAs: ReadIdentity): Promise<Omit<TenantSnapshot, 'apps'>> {
  const names = Object.keys(STATUS_CALLS) as Array<keyof typeof STATUS_CALLS>;
  const hint = (permission: string, note?: string): AccessHint => accessHint(readAs, permission, note);
  const [replies, beta] = await Promise.all([graph.batch(names.map((name) => STATUS_CALLS[name])), readBeta(graph, readAs)]);
  const passwordReply = beta.password;
  const reply = Object.fromEntries(names.map((name, i) => [name, replies[i]])) as Record<keyof typeof STATUS_CALLS, GraphReply>;

  const organization = onlyBasicProperties(sectionFrom(reply.organization, hint('Organization.Read.All'), readOrganization));
  const [domains, serviceHealth, cloudSync] = await Promise.all([
    withFederation(graph, sectionFrom(reply.domains, hint('Domain.Read.All'), readDomains), hint('Domain.Read.All')),
    readEntraIssues(graph, reply.issues, reply.healthOverviews, hint('ServiceHealth.Read.All')),
    readCloudSync(
      graph,
      reply.cloudSyncConfigurations,
      {
        configurations: hint('Application.Read.All'),
        jobs: hint('Synchronization.Read.All', readAs.kind === 'user' ? CLOUD_SYNC_ROLES : undefined),
      },
      agentsSection(beta.agents, readAs),
    ),
  ]);
  const assignedPlanIds = organization.status === 'ok' ? assignedPlans(reply.organization.body) : [];
  return {
    takenAt: now.toISOString(),
    readAs,
    tenantId: organization.status === 'ok' ? organization.data.id : '',
    organization,
    passwordSync: sectionFrom(passwordReply, hint('Organization.Read.All', 'read on the beta endpoint'), (body) => ({
      lastPasswordSyncDateTime: str(valuesOf(body)[0]?.onPremisesLastPasswordSyncDateTime),
    })),
    syncSettings: syncSettingsSection(beta.syncSettings, readAs),
    domains,
    licensing: sectionFrom(reply.skus, hint('LicenseAssignment.Read.All or Organization.Read.All'), (body) =>
      readLicensing(body, assignedPlanIds),
    ),
    syncedObjects: sectionFrom(reply.syncedUsers, hint('User.Read.All'), (body) => ({
      users: countOf(body),
      groups: reply.syncedGroups.status === 200 ? countOf(reply.syncedGroups.body) : null,
    })),
    provisioningErrors: readProvisioningErrors(reply.userErrors, reply.groupErrors, hint),
    serviceHealth,
    cloudSync,
  };
}

/** The directory roles the synchronization API lets read jobs delegated (synchronization-synchronization-list-jobs). */
const CLOUD_SYNC_ROLES =
  'the signed-in admin also needs Hybrid Identity Administrator, Application Administrator or Cloud Application Administrator';

function readOrganization(body: unknown): OrganizationInfo {
  const org = valuesOf(body)[0];
  if (!org) throw new Error('no organization');
  const domains = Array.isArray(org.verifiedDomains) ? (org.verifiedDomains as Record<string, unknown>[]) : [];
  return {
    id: String(org.id),
    displayName: str(org.displayName) ?? '',
    tenantType: str(org.tenantType),
    onPremisesSyncEnabled: typeof org.onPremisesSyncEnabled === 'boolean' ? org.onPremisesSyncEnabled : null,
    lastSyncDateTime: str(org.onPremisesLastSyncDateTime),
    verifiedDomains: domains.map((d) => ({
      name: String(d.name),
      type: str(d.type) ?? 'Managed',
      isDefault: bool(d.isDefault),
      isInitial: bool(d.isInitial),
    })),
  };
}

/**
 * With only User.Read, Graph returns id, displayName and verifiedDomains and nulls the rest, which
 * would read as "never synced": call that unavailable instead.
 */
function onlyBasicProperties(section: Section<OrganizationInfo>): Section<OrganizationInfo> {
  if (section.status !== 'ok' || section.data.tenantType !== null) return section;
  return { status: 'unavailable', reason: 'Graph returned only the basic organization properties: needs Organization.Read.All' };
}

function assignedPlans(body: unknown): string[] {
  const org = valuesOf(body)[0] ?? {};
  const plans = Array.isArray(org.assignedPlans) ? (org.assignedPlans as Record<string, unknown>[]) : [];
  return plans.filter((p) => p.capabilityStatus === 'Enabled').map((p) => String(p.servicePlanId));
}

function readDomains(body: unknown): DomainInfo[] {
  return valuesOf(body).map((d) => ({
    name: String(d.id),
    authenticationType: str(d.authenticationType) ?? 'Managed',
    isVerified: bool(d.isVerified),
    isDefault: bool(d.isDefault),
    isInitial: bool(d.isInitial),
    isRoot: bool(d.isRoot),
  }));
}

function readLicensing(body: unknown, organizationPlans: readonly string[]): LicensingInfo {
  const skus = valuesOf(body).map((sku) => {
    const plans = Array.isArray(sku.servicePlans) ? (sku.servicePlans as Record<string, unknown>[]) : [];
    const premiumPlans = plans
      .filter((p) => p.servicePlanId === PREMIUM_PLANS.P1 || p.servicePlanId === PREMIUM_PLANS.P2)
      .map((p) => (p.servicePlanId === PREMIUM_PLANS.P2 ? 'AAD_PREMIUM_P2' : 'AAD_PREMIUM'));
    const prepaid = (sku.prepaidUnits ?? {}) as Record<string, unknown>;
    return {
      skuId: String(sku.skuId),
      skuPartNumber: str(sku.skuPartNumber) ?? '',
      capabilityStatus: str(sku.capabilityStatus) ?? 'Unknown',
      enabledUnits: typeof prepaid.enabled === 'number' ? prepaid.enabled : 0,
      consumedUnits: typeof sku.consumedUnits === 'number' ? sku.consumedUnits : 0,
      premiumPlans,
    };
  });
  const active = skus.filter((s) => s.capabilityStatus === 'Enabled' || s.capabilityStatus === 'Warning');
  const has = (plan: string, id: string): boolean =>
    active.some((s) => (s.premiumPlans as string[]).includes(plan)) || organizationPlans.includes(id);
  const edition: Edition = has('AAD_PREMIUM_P2', PREMIUM_PLANS.P2) ? 'P2' : has('AAD_PREMIUM', PREMIUM_PLANS.P1) ? 'P1' : 'Free';
  return { edition, skus };
}

function countOf(body: unknown): number {
  const value = typeof body === 'number' ? body : Number(String(body).trim());
  if (!Number.isFinite(value)) throw new Error('no count');
  return value;
}

function readProvisioningErrors(
  users: GraphReply,
  groups: GraphReply,
  hint: (permission: string) => AccessHint,
): Section<ProvisioningErrors> {
  const userSection = sectionFrom(users, hint('User.Read.All'), (body) => errorPage(body, 'user'));
  if (userSection.status !== 'ok') return userSection;
  const groupSection = sectionFrom(groups, hint('GroupMember.Read.All or Group.Read.All'), (body) => errorPage(body, 'group'));
  // Groups that could not be read are not "no errors": say so beside what the users gave.
  if (groupSection.status !== 'ok') return { status: 'ok', data: { ...userSection.data, groupsNotRead: groupSection.reason } };
  return {
    status: 'ok',
    data: {
      total: userSection.data.total + groupSection.data.total,
      samples: [...userSection.data.samples, ...groupSection.data.samples].slice(0, ERROR_SAMPLES),
    },
  };
}

function errorPage(body: unknown, objectType: 'user' | 'group'): ProvisioningErrors {
  const values = valuesOf(body);
  const count = (body as Record<string, unknown>)['@odata.count'];
  const samples: ProvisioningError[] = values.flatMap((object) =>
    ((object.onPremisesProvisioningErrors ?? []) as Record<string, unknown>[]).map((error) => ({
      objectId: String(object.id),
      objectType,
      displayName: str(object.displayName),
      userPrincipalName: str(object.userPrincipalName),
      propertyCausingError: str(error.propertyCausingError) ?? 'Unknown',
      value: str(error.value),
      occurredDateTime: str(error.occurredDateTime),
    })),
  );
  return { total: typeof count === 'number' ? count : values.length, samples };
}
