import type { CloudSyncInfo } from './cloud-sync';

/**
 * One truthful picture of a tenant's identity integration, read from Microsoft Graph.
 * Every section is either data or "unavailable, because …": a missing permission, a role that
 * cannot read it, a failed call. Rules never mistake an unavailable section for "off".
 */

export type Section<T> =
  | { status: 'ok'; data: T }
  | {
      status: 'unavailable';
      /** Why, in words an admin understands ("needs a Global Administrator", "403 Authorization_RequestDenied"). */
      reason: string;
      /** Graph error code, when there was one. */
      code?: string;
      httpStatus?: number;
    };

export interface VerifiedDomain {
  name: string;
  /** "Managed" or "Federated". */
  type: string;
  isDefault: boolean;
  isInitial: boolean;
}

export interface OrganizationInfo {
  id: string;
  displayName: string;
  tenantType: string | null;
  /** true = syncing now; false = was synced, no longer; null = never synced. */
  onPremisesSyncEnabled: boolean | null;
  /** Last directory sync (Entra Connect Sync / Cloud Sync), ISO UTC, or null. */
  lastSyncDateTime: string | null;
  verifiedDomains: VerifiedDomain[];
}

export interface PasswordSyncInfo {
  /** Beta-only organization.onPremisesLastPasswordSyncDateTime. */
  lastPasswordSyncDateTime: string | null;
}

export type DeletionPreventionType = 'disabled' | 'enabledForCount' | 'enabledForPercentage' | 'unknown';

/** directory/onPremisesSynchronization (Entra Connect's sync configuration); readable only with a delegated Global Administrator token. */
export interface SyncSettings {
  passwordHashSyncEnabled: boolean;
  /** Every feature flag Graph returns (passwordWritebackEnabled, groupWriteBackEnabled, …). */
  features: Record<string, boolean>;
  /** null when Graph returned no configuration (it is nullable; a tenant that never synced). */
  accidentalDeletionPrevention: { type: DeletionPreventionType; threshold: number | null } | null;
  /** Beta-only configuration.synchronizationClientVersion ("2.5.79.0"); null when Graph gave none. */
  clientVersion: string | null;
  /** Beta-only configuration.synchronizationInterval, an ISO 8601 duration as Graph sent it ("PT30M"). */
  synchronizationInterval: string | null;
  /** Beta-only configuration.customerRequestedSynchronizationInterval; null when not set. */
  customerRequestedSynchronizationInterval: string | null;
}

export interface FederationInfo {
  issuerUri: string | null;
  passiveSignInUri: string | null;
  preferredAuthenticationProtocol: string | null;
  federatedIdpMfaBehavior: string | null;
  /** notAfter of the current token-signing certificate, ISO UTC, or null when absent or unreadable. */
  signingCertificateExpiry: string | null;
  signingCertificateSubject: string | null;
  /** notAfter of the next (rollover) certificate, when published. */
  nextSigningCertificateExpiry: string | null;
}

export interface DomainInfo {
  name: string;
  /** "Managed" or "Federated". */
  authenticationType: string;
  isVerified: boolean;
  isDefault: boolean;
  isInitial: boolean;
  /** false for a subdomain, which inherits its root domain's authentication settings. */
  isRoot: boolean;
  /** Only for federated domains that have a configuration of their own. */
  federation?: Section<FederationInfo>;
  /** A federated subdomain: the root domain whose federation configuration it signs in with. */
  inheritsFederationFrom?: string;
}

export type Edition = 'Free' | 'P1' | 'P2';

export interface SkuInfo {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  enabledUnits: number;
  consumedUnits: number;
  /** Entra premium service plans in the SKU: "AAD_PREMIUM", "AAD_PREMIUM_P2". */
  premiumPlans: string[];
}

export interface LicensingInfo {
  edition: Edition;
  skus: SkuInfo[];
}

export interface SyncedObjectCounts {
  /** Users with onPremisesSyncEnabled eq true. */
  users: number;
  groups: number | null;
}

export interface ProvisioningError {
  objectId: string;
  objectType: 'user' | 'group';
  displayName: string | null;
  userPrincipalName: string | null;
  /** "UserPrincipalName" or "ProxyAddress". */
  propertyCausingError: string;
  value: string | null;
  occurredDateTime: string | null;
}

export interface ProvisioningErrors {
  /** All objects with errors (from $count), which may exceed the samples kept. */
  total: number;
  samples: ProvisioningError[];
  /** Set when users were read but groups were not: why (the total then counts users only). */
  groupsNotRead?: string;
}

export interface ServiceIssue {
  id: string;
  title: string;
  classification: 'incident' | 'advisory' | string;
  status: string;
  service: string;
  feature: string | null;
  startDateTime: string | null;
  isResolved: boolean;
}

export type ConsentType = 'AllPrincipals' | 'Principal';

export interface DelegatedGrant {
  resourceId: string;
  resourceName: string;
  consentType: ConsentType;
  /** Users who consented, for consentType Principal (count of grants). */
  principalCount: number;
  scopes: string[];
}

export interface ApplicationPermission {
  resourceId: string;
  resourceName: string;
  appRoleId: string;
  /** The permission's value (e.g. "Mail.Read"), or the appRoleId when it could not be resolved. */
  permission: string;
}

export interface AppCredential {
  kind: 'password' | 'certificate';
  /** Where it is registered: the app registration (application) or the service principal. */
  source: 'application' | 'servicePrincipal';
  displayName: string | null;
  keyId: string | null;
  endDateTime: string | null;
}

/**
 * The parts of the apps reading that Graph can refuse on their own (each its own call and
 * permission). When one is unavailable the apps are still listed, and the rules that need the
 * part say "unknown, because …" instead of reporting nothing. The data is how many items were read.
 */
export interface AppReadingParts {
  /** `applications`: credentials on the app registrations of this tenant (app.credential*). */
  registrations: Section<number>;
  /** `oauth2PermissionGrants`: delegated grants and tenant-wide consent (app.highPrivilege). */
  delegatedGrants: Section<number>;
  /** `servicePrincipals/{resource}/appRoleAssignedTo` on every resource: application permissions (app.highPrivilege). */
  applicationPermissions: Section<number>;
}

export interface IntegratedApp {
  /** Service principal object id. */
  id: string;
  appId: string;
  displayName: string;
  publisherName: string | null;
  /** verifiedPublisher.displayName, null when the publisher is not verified. */
  verifiedPublisher: string | null;
  ownerTenantId: string | null;
  /** Registered in this tenant (appOwnerOrganizationId equals the tenant id). */
  ownedByThisTenant: boolean;
  /** Owned by one of Microsoft's first-party tenants. */
  isMicrosoft: boolean;
  enabled: boolean;
  servicePrincipalType: string | null;
  delegatedGrants: DelegatedGrant[];
  applicationPermissions: ApplicationPermission[];
  credentials: AppCredential[];
}

/**
 * Whose access Graph was read with: the app's own (app-only, client credentials: the bot, the
 * watcher, `npm run check`) or a signed-in user's (the tab, on-behalf-of), whose directory roles
 * (role template ids, the token's `wids`) bound what Graph lets them read.
 */
export type ReadIdentity = { kind: 'app' } | { kind: 'user'; roles: readonly string[] };

export const APP_ONLY: ReadIdentity = Object.freeze({ kind: 'app' });

export interface TenantSnapshot {
  /** When Graph was read, ISO UTC. */
  takenAt: string;
  /** Whose access read it. */
  readAs: ReadIdentity;
  tenantId: string;
  organization: Section<OrganizationInfo>;
  passwordSync: Section<PasswordSyncInfo>;
  syncSettings: Section<SyncSettings>;
  domains: Section<DomainInfo[]>;
  licensing: Section<LicensingInfo>;
  syncedObjects: Section<SyncedObjectCounts>;
  provisioningErrors: Section<ProvisioningErrors>;
  serviceHealth: Section<ServiceIssue[]>;
  /** Cloud Sync's AD-to-Entra configurations and their provisioning jobs (none: the tenant does not use Cloud Sync). */
  cloudSync: Section<CloudSyncInfo>;
  /** Present when the snapshot was asked to include apps (the apps view, the watcher's daily pass). */
  apps?: Section<IntegratedApp[]>;
  /** With apps: which parts of the apps reading Graph answered, and why not when not. */
  appParts?: AppReadingParts;
}
