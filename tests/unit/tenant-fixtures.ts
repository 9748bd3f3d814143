/**
 * A healthy hybrid tenant (Entra Connect with password hash sync, one AD FS federated domain, a few
 * apps), as the health rules see it. Tests take it and change just the part they are about.
 */
import type {
  AppCredential,
  DomainInfo,
  FederationInfo,
  IntegratedApp,
  OrganizationInfo,
  PasswordSyncInfo,
  ProvisioningError,
  ProvisioningErrors,
  Section,
  ServiceIssue,
  SyncedObjectCounts,
  SyncSettings,
  TenantSnapshot,
} from '../../identity/tenant/snapshot';
import type { Finding, FindingCode, HealthReport, UnknownCheck } from '../../identity/tenant/findings';
import type { CloudSyncInfo } from '../../identity/tenant/cloud-sync';

export const NOW = new Date('2026-01-15T12:00:00Z');
export const TENANT_ID = '84841066-274d-4ec0-a5c1-276be684bdd3';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Offset {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
}

function offsetMs({ days = 0, hours = 0, minutes = 0, seconds = 0 }: Offset): number {
  return days * DAY + hours * HOUR + minutes * MINUTE + seconds * 1000;
}

/** ISO time this long before `now`. */
export function ago(offset: Offset, now: Date = NOW): string {
  return new Date(now.getTime() - offsetMs(offset)).toISOString();
}

/** ISO time this long after `now`. */
export function fromNow(offset: Offset, now: Date = NOW): string {
  return new Date(now.getTime() + offsetMs(offset)).toISOString();
}

export function ok<T>(data: T): Section<T> {
  return { status: 'ok', data };
}

export function unavailable(reason = 'needs a Global Administrator', code = 'Authorization_RequestDenied'): Section<never> {
  return { status: 'unavailable', reason, code, httpStatus: 403 };
}

export function federation(overrides: Partial<FederationInfo> = {}): FederationInfo {
  return {
    issuerUri: 'http://sts.contoso.com/adfs/services/trust',
    passiveSignInUri: 'https://sts.contoso.com/adfs/ls',
    preferredAuthenticationProtocol: 'wsFed',
    federatedIdpMfaBehavior: 'acceptIfMfaDoneByFederatedIdp',
    signingCertificateExpiry: fromNow({ days: 200 }),
    signingCertificateSubject: 'CN=ADFS Signing - sts.contoso.com',
    nextSigningCertificateExpiry: null,
    ...overrides,
  };
}

/** A federated domain; `null` stands for a federation configuration that was never read. */
export function federatedDomain(name: string, section: Section<FederationInfo> | null = ok(federation())): DomainInfo {
  return {
    name,
    authenticationType: 'Federated',
    isVerified: true,
    isDefault: false,
    isInitial: false,
    isRoot: true,
    federation: section ?? undefined,
  };
}

export function managedDomain(name: string): DomainInfo {
  return {
    name,
    authenticationType: 'Managed',
    isVerified: true,
    isDefault: false,
    isInitial: name.endsWith('.onmicrosoft.com'),
    isRoot: true,
  };
}

export function credential(overrides: Partial<AppCredential> = {}): AppCredential {
  return {
    kind: 'certificate',
    source: 'application',
    displayName: 'CN=app',
    keyId: 'key-1',
    endDateTime: fromNow({ days: 300 }),
    ...overrides,
  };
}

export function app(overrides: Partial<IntegratedApp> = {}): IntegratedApp {
  return {
    id: 'sp-hr',
    appId: '65415bb1-9267-4313-bbf5-ae259732ee12',
    displayName: 'Contoso HR',
    publisherName: 'Contoso',
    verifiedPublisher: null,
    ownerTenantId: TENANT_ID,
    ownedByThisTenant: true,
    isMicrosoft: false,
    enabled: true,
    servicePrincipalType: 'Application',
    delegatedGrants: [
      {
        resourceId: 'graph',
        resourceName: 'Microsoft Graph',
        consentType: 'AllPrincipals',
        principalCount: 0,
        scopes: ['openid', 'profile', 'User.Read'],
      },
    ],
    applicationPermissions: [
      {
        resourceId: 'graph',
        resourceName: 'Microsoft Graph',
        appRoleId: 'df021288-bdef-4463-88db-98f22de89214',
        permission: 'User.Read.All',
      },
    ],
    credentials: [credential()],
    ...overrides,
  };
}

/** Microsoft's own app with a powerful permission: the app rules must leave it alone. */
export function microsoftApp(): IntegratedApp {
  return app({
    id: 'sp-exchange',
    appId: '00000002-0000-0ff1-ce00-000000000000',
    displayName: 'Office 365 Exchange Online',
    publisherName: 'Microsoft Services',
    ownerTenantId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    ownedByThisTenant: false,
    isMicrosoft: true,
    applicationPermissions: [
      {
        resourceId: 'graph',
        resourceName: 'Microsoft Graph',
        appRoleId: '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
        permission: 'Directory.ReadWrite.All',
      },
    ],
    credentials: [credential({ endDateTime: ago({ days: 10 }) })],
  });
}

export function provisioningError(index: number): ProvisioningError {
  return {
    objectId: `user-${index}`,
    objectType: 'user',
    displayName: `User ${index}`,
    userPrincipalName: `user${index}@contoso.com`,
    propertyCausingError: 'ProxyAddress',
    value: `smtp:user${index}@contoso.com`,
    occurredDateTime: ago({ days: 1 }),
  };
}

export function provisioningErrors(total: number, samples = Math.min(total, 10)): ProvisioningErrors {
  return { total, samples: Array.from({ length: samples }, (_, index) => provisioningError(index + 1)) };
}

export function serviceIssue(overrides: Partial<ServiceIssue> = {}): ServiceIssue {
  return {
    id: 'ID123456',
    title: 'Users may be unable to sign in',
    classification: 'incident',
    status: 'serviceDegradation',
    service: 'Microsoft Entra',
    feature: 'Sign-in',
    startDateTime: ago({ hours: 2 }),
    isResolved: false,
    ...overrides,
  };
}

/** A section can be replaced whole (e.g. `unavailable(...)`) or, for object data, patched field by field. */
type Patch<T> = Section<T> | (T extends unknown[] ? T : Partial<T>);

export interface SnapshotPatch {
  organization?: Patch<OrganizationInfo>;
  passwordSync?: Patch<PasswordSyncInfo>;
  syncSettings?: Patch<SyncSettings>;
  domains?: Patch<DomainInfo[]>;
  syncedObjects?: Patch<SyncedObjectCounts>;
  provisioningErrors?: Patch<ProvisioningErrors>;
  serviceHealth?: Patch<ServiceIssue[]>;
  cloudSync?: Patch<CloudSyncInfo>;
  /** `null` leaves apps out of the snapshot (not asked for). */
  apps?: Patch<IntegratedApp[]> | null;
}

/** The healthy tenant, with `patch` applied. Every call builds fresh objects. */
export function healthySnapshot(patch: SnapshotPatch = {}, now: Date = NOW): TenantSnapshot {
  const organization: OrganizationInfo = {
    id: TENANT_ID,
    displayName: 'Contoso',
    tenantType: 'AAD',
    onPremisesSyncEnabled: true,
    lastSyncDateTime: ago({ minutes: 12 }, now),
    verifiedDomains: [
      { name: 'contoso.com', type: 'Federated', isDefault: true, isInitial: false },
      { name: 'contoso.onmicrosoft.com', type: 'Managed', isDefault: false, isInitial: true },
    ],
  };
  const snapshot: TenantSnapshot = {
    takenAt: now.toISOString(),
    // A Global Administrator's read: the one access that sees every section, sync settings included.
    readAs: { kind: 'user', roles: ['62e90394-69f5-4237-9190-012177145e10'] },
    tenantId: TENANT_ID,
    organization: applyPatch<OrganizationInfo>(organization, patch.organization),
    passwordSync: applyPatch<PasswordSyncInfo>({ lastPasswordSyncDateTime: ago({ minutes: 2 }, now) }, patch.passwordSync),
    syncSettings: applyPatch<SyncSettings>(
      {
        passwordHashSyncEnabled: true,
        features: { passwordSyncEnabled: true, passwordWritebackEnabled: false },
        accidentalDeletionPrevention: { type: 'enabledForCount', threshold: 500 },
        clientVersion: '2.5.79.0',
        synchronizationInterval: 'PT30M',
        customerRequestedSynchronizationInterval: null,
      },
      patch.syncSettings,
    ),
    domains: applyPatch<DomainInfo[]>([federatedDomain('contoso.com'), managedDomain('contoso.onmicrosoft.com')], patch.domains),
    licensing: ok({ edition: 'P1', skus: [] }),
    syncedObjects: applyPatch<SyncedObjectCounts>({ users: 1240, groups: 85 }, patch.syncedObjects),
    provisioningErrors: applyPatch<ProvisioningErrors>({ total: 0, samples: [] }, patch.provisioningErrors),
    serviceHealth: applyPatch<ServiceIssue[]>([], patch.serviceHealth),
    cloudSync: applyPatch<CloudSyncInfo>({ configurations: 0, jobs: [], unread: [] }, patch.cloudSync),
  };
  if (patch.apps !== null) snapshot.apps = applyPatch<IntegratedApp[]>([app(), microsoftApp()], patch.apps);
  return snapshot;
}

function applyPatch<T>(healthy: T, patch: Patch<T> | undefined): Section<T> {
  if (patch === undefined) return ok(healthy);
  if (isSection(patch)) return patch;
  if (Array.isArray(healthy)) return ok(patch as T);
  return ok({ ...healthy, ...(patch as Partial<T>) });
}

function isSection<T>(value: unknown): value is Section<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'status' in value &&
    ((value as { status: unknown }).status === 'ok' || (value as { status: unknown }).status === 'unavailable')
  );
}

/** The findings of one code in a report. */
export function findingsOf(code: FindingCode, report: HealthReport): Finding[] {
  return report.findings.filter((finding) => finding.code === code);
}

/** The unknown checks of one code in a report. */
export function unknownOf(code: FindingCode, report: HealthReport): UnknownCheck[] {
  return report.unknown.filter((check) => check.code === code);
}
