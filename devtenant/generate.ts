import { AppError } from '../platform/errors';
/**
 * Large tenants without a large file: a scenario declares
 *
 *   "@scenario": { …, "generate": { "servicePrincipals": { "count": 20000, …options } } }
 *
 * and the dev tenant expands it, deterministically (seeded PRNG, never Math.random), into extra
 * `servicePrincipals` values (integrated apps, Graph's shapes), the `applications` registered in
 * this tenant, `oauth2PermissionGrants` (tenant-wide and per-user consent) and one
 * `servicePrincipals/{id}/appRoleAssignments` collection per generated app (empty for most, as
 * Graph answers for an app without application permissions).
 *
 * Item i is drawn from its own PRNG stream (seed, i), so item i is the same whatever the count.
 * Timestamps are computed from the serving instant directly (no separate shift pass), equal to what
 * shifting timestamps written at "@scenario.now" would give.
 */

export const GENERATED_APP_TAG = 'WindowsAzureActiveDirectoryIntegratedApp';
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Graph application permissions that let an app take over the tenant or read/write it broadly (GRAPH-FACTS 2.4). */
export const HIGH_PRIVILEGE_APP_ROLES: Readonly<Record<string, string>> = {
  '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8': 'RoleManagement.ReadWrite.Directory',
  '06b708a9-e830-4db3-a914-8e69da51d44f': 'AppRoleAssignment.ReadWrite.All',
  '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9': 'Application.ReadWrite.All',
  '18a4783c-866b-4cc7-a460-3d5e5662c884': 'Application.ReadWrite.OwnedBy',
  '19dbc75e-c2e2-444c-a770-ec69d8559fc7': 'Directory.ReadWrite.All',
  '741f803b-c850-494e-b5df-cde7c675a1ca': 'User.ReadWrite.All',
  '62a82d76-70ea-41e2-9197-370581804d09': 'Group.ReadWrite.All',
  'e2a3a72e-5f79-4c64-b1b1-878b674786c9': 'Mail.ReadWrite',
};

export interface ServicePrincipalGeneration {
  /** How many integrated-app service principals to add (1 … 200000). */
  count: number;
  /** PRNG seed (string or integer); default "entra-companion". Same seed, same tenant. */
  seed: string;
  /** Tenant id the "own" apps belong to; default: organization.value[0].id. */
  tenantId?: string;
  /** appId of the resource service principal (in the hand-written servicePrincipals) that grants and app roles are on. */
  resourceAppId: string;
  /** Share of apps registered in this tenant (appOwnerOrganizationId = tenant; an `applications` entry with a client secret). */
  ownedShare: number;
  /** Share of third-party apps whose publisher is verified (verifiedPublisher filled). */
  verifiedPublisherShare: number;
  /** Share of third-party apps that are gallery SAML apps (SP keyCredentials: a SAML signing certificate). */
  samlShare: number;
  /** Share of all apps with tenant-wide admin consent (an AllPrincipals grant on the resource). */
  tenantWideConsentShare: number;
  /** Share of all apps with per-user consent (1–3 Principal grants). */
  userConsentShare: number;
  /** Share of all apps holding ordinary application permissions on the resource. */
  applicationPermissionShare: number;
  /** Share of all apps holding a high-privilege application permission (one of HIGH_PRIVILEGE_APP_ROLES the resource defines). */
  highPrivilegeShare: number;
  /** Share of the apps that have a credential (owned: client secret; SAML: signing certificate) whose credential has expired (1–60 days ago). */
  expiredCredentialShare: number;
  /** Share of the apps that have a credential whose credential expires within `expiringWithinDays`. */
  expiringCredentialShare: number;
  expiringWithinDays: number;
  /** Share of apps with accountEnabled false. */
  disabledShare: number;
}

export interface GenerateSpec {
  servicePrincipals?: ServicePrincipalGeneration;
}

/** A problem with a generate block; `key` is the full scenario key ("@scenario.generate.servicePrincipals.count"). */
export class GenerateSpecError extends AppError {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super('invalid_data', problem);
  }
}

const BASE = '@scenario.generate';
const SP_KEY = `${BASE}.servicePrincipals`;

const SHARE_DEFAULTS = {
  ownedShare: 0.25,
  verifiedPublisherShare: 0.5,
  samlShare: 0.15,
  tenantWideConsentShare: 0.15,
  userConsentShare: 0.25,
  applicationPermissionShare: 0.08,
  highPrivilegeShare: 0.005,
  expiredCredentialShare: 0.03,
  expiringCredentialShare: 0.05,
  disabledShare: 0.02,
} as const;

type ShareName = keyof typeof SHARE_DEFAULTS;
const OPTION_NAMES = ['count', 'seed', 'tenantId', 'resourceAppId', 'expiringWithinDays', ...Object.keys(SHARE_DEFAULTS)];
export const MAX_GENERATED = 200_000;

/** Validates "@scenario".generate. */
export function parseGenerateSpec(raw: unknown): GenerateSpec {
  if (!isObject(raw)) throw new GenerateSpecError(BASE, 'must be an object, e.g. {"servicePrincipals": {"count": 20000}}');
  for (const name of Object.keys(raw)) {
    if (name !== 'servicePrincipals') throw new GenerateSpecError(`${BASE}.${name}`, 'is not a generator (supported: servicePrincipals)');
  }
  return raw.servicePrincipals === undefined ? {} : { servicePrincipals: parseServicePrincipals(raw.servicePrincipals) };
}

function parseServicePrincipals(raw: unknown): ServicePrincipalGeneration {
  if (!isObject(raw)) throw new GenerateSpecError(SP_KEY, 'must be an object with at least "count"');
  for (const name of Object.keys(raw)) {
    if (!OPTION_NAMES.includes(name))
      throw new GenerateSpecError(`${SP_KEY}.${name}`, `is not an option (known: ${OPTION_NAMES.join(', ')})`);
  }
  const count = raw.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_GENERATED) {
    throw new GenerateSpecError(`${SP_KEY}.count`, `must be an integer between 1 and ${MAX_GENERATED}, got ${JSON.stringify(count)}`);
  }
  const seed = raw.seed ?? 'entra-companion';
  if (!(typeof seed === 'string' && seed) && !(typeof seed === 'number' && Number.isInteger(seed))) {
    throw new GenerateSpecError(`${SP_KEY}.seed`, 'must be a non-empty string or an integer');
  }
  const guid = (name: string): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !GUID.test(value))
      throw new GenerateSpecError(`${SP_KEY}.${name}`, `must be a GUID, got ${JSON.stringify(value)}`);
    return value.toLowerCase();
  };
  const shares = {} as Record<ShareName, number>;
  for (const name of Object.keys(SHARE_DEFAULTS) as ShareName[]) {
    const value = raw[name] ?? SHARE_DEFAULTS[name];
    if (typeof value !== 'number' || !(value >= 0 && value <= 1))
      throw new GenerateSpecError(`${SP_KEY}.${name}`, `must be a number between 0 and 1, got ${JSON.stringify(raw[name])}`);
    shares[name] = value;
  }
  if (shares.expiredCredentialShare + shares.expiringCredentialShare > 1) {
    throw new GenerateSpecError(`${SP_KEY}.expiringCredentialShare`, 'expiredCredentialShare + expiringCredentialShare must not exceed 1');
  }
  if (shares.tenantWideConsentShare + shares.userConsentShare > 1) {
    throw new GenerateSpecError(`${SP_KEY}.userConsentShare`, 'tenantWideConsentShare + userConsentShare must not exceed 1');
  }
  const within = raw.expiringWithinDays ?? 30;
  if (typeof within !== 'number' || !Number.isInteger(within) || within < 1 || within > 365) {
    throw new GenerateSpecError(
      `${SP_KEY}.expiringWithinDays`,
      `must be an integer between 1 and 365, got ${JSON.stringify(raw.expiringWithinDays)}`,
    );
  }
  return {
    count,
    seed: String(seed),
    tenantId: guid('tenantId'),
    resourceAppId: guid('resourceAppId') ?? MICROSOFT_GRAPH_APP_ID,
    ...shares,
    expiringWithinDays: within,
  };
}

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

export interface GeneratedApps {
  servicePrincipals: Array<Record<string, unknown>>;
  applications: Array<Record<string, unknown>>;
  oauth2PermissionGrants: Array<Record<string, unknown>>;
  /** Service principal id → its appRoleAssignments (every generated app has one, often empty). */
  appRoleAssignments: Map<string, Array<Record<string, unknown>>>;
}

const DAY = 86_400_000;
const EMPTY: readonly never[] = Object.freeze([]);
const EMPTY_LIST = EMPTY as unknown as Item[];
const UNVERIFIED = Object.freeze({ displayName: null, verifiedPublisherId: null, addedDateTime: null });
const TAGS_PLAIN = Object.freeze([GENERATED_APP_TAG]);
const TAGS_SAML = Object.freeze([
  GENERATED_APP_TAG,
  'WindowsAzureActiveDirectoryGalleryApplicationPrimaryV1',
  'WindowsAzureActiveDirectoryCustomSingleSignOnApplication',
]);
/** healthy-hybrid's owner tenant of gallery (SAML) apps. */
const GALLERY_OWNER = '47df5bb7-e6bc-4256-afb0-dd8c8e3c1ce8';

const VENDORS = [
  'Fabrikam',
  'Northwind Traders',
  'Adatum',
  'Tailspin Toys',
  'Wingtip Toys',
  'Woodgrove',
  'Litware',
  'Proseware',
  'Lucerne Publishing',
  "Margie's Travel",
  'Alpine Ski House',
  'Blue Yonder Airlines',
  'Coho Winery',
  'Fourth Coffee',
  'Graphic Design Institute',
  'Humongous Insurance',
  'Lamna Healthcare',
  'Relecloud',
  'Trey Research',
  'VanArsdel',
  'Wide World Importers',
  'A. Datum Labs',
  'Bellows College',
  'Best For You Organics',
  'City Power & Light',
  'Consolidated Messenger',
  'First Up Consultants',
  'Liberty Delightful',
  'Nod Publishers',
  'Southridge Video',
  'The Phone Company',
  'World Wide Importers',
  'Datum Cloud',
  'Kestrel Analytics',
  'Orbital Forms',
  'Quill Notes',
  'Harbor Payroll',
  'Pinecone CRM',
  'Signal Desk',
  'Beacon Docs',
];
const PRODUCTS = [
  'Expense Tracker',
  'CRM Connector',
  'Calendar Sync',
  'Docs Viewer',
  'HR Portal',
  'Payroll',
  'Helpdesk',
  'Survey Builder',
  'Sign',
  'Analytics',
  'Backup',
  'Scheduler',
  'Mail Archiver',
  'Project Board',
  'Chat Bridge',
  'Learning Hub',
  'Travel Booking',
  'Timesheets',
  'Contract Manager',
  'Asset Inventory',
  'Security Scanner',
  'Reporting',
  'Forms',
  'Whiteboard',
  'Directory Sync',
  'Badge Access',
  'Intranet',
  'Visitor Log',
  'Invoice Flow',
  'Status Page',
];

/** A timestamp in the skeleton: milliseconds from the serving instant. */
class Offset {
  constructor(readonly ms: number) {}
}

type Item = Record<string, unknown>;

interface Skeleton {
  servicePrincipals: Item[];
  /** Which service principals hold an Offset (the others are served as they are). */
  timed: boolean[];
  applications: Item[];
  oauth2PermissionGrants: Item[];
  appRoleAssignments: Array<[string, Item[]]>;
}

export interface Generator {
  /** The generated collections as served at `now`. */
  at(now: Date): GeneratedApps;
}

/**
 * A generator for one scenario: draws the apps once (the time-free skeleton), then each `at(now)`
 * only writes the timestamps, copying the few objects that hold one and sharing the rest.
 */
export function createGenerator(spec: ServicePrincipalGeneration, context: GenerationContext): Generator {
  let skeleton: Skeleton | undefined;
  return {
    at(now: Date): GeneratedApps {
      skeleton ??= buildSkeleton(spec, context);
      // Offsets are whole seconds and the ms are cut, as shiftScenario does for "…:SSZ" timestamps.
      const nowMs = now.getTime();
      const stamp = (value: unknown): unknown => {
        if (value instanceof Offset) return new Date(nowMs + value.ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
        if (Array.isArray(value)) return value.map(stamp);
        if (typeof value === 'object' && value !== null) {
          const out: Item = {};
          for (const key in value) out[key] = stamp((value as Item)[key]);
          return out;
        }
        return value;
      };
      const { timed } = skeleton;
      return {
        servicePrincipals: skeleton.servicePrincipals.map((sp, i) => (timed[i] ? (stamp(sp) as Item) : sp)),
        applications: skeleton.applications.map((app) => stamp(app) as Item),
        oauth2PermissionGrants: skeleton.oauth2PermissionGrants,
        appRoleAssignments: new Map(
          skeleton.appRoleAssignments.map(([id, list]) => [id, list.length ? (list.map(stamp) as Item[]) : list]),
        ),
      };
    },
  };
}

/** Expands the generator for serving at `now` (see createGenerator to serve it repeatedly). */
export function generateServicePrincipals(spec: ServicePrincipalGeneration, context: GenerationContext, now: Date): GeneratedApps {
  return createGenerator(spec, context).at(now);
}

function buildSkeleton(spec: ServicePrincipalGeneration, context: GenerationContext): Skeleton {
  const at = (offsetMs: number): unknown => new Offset(offsetMs);
  const seed = hashString(spec.seed);
  const out: Skeleton = { servicePrincipals: [], timed: [], applications: [], oauth2PermissionGrants: [], appRoleAssignments: [] };
  const vendorTenants = VENDORS.map((vendor) => guidFrom(new Rng(hashString(`${spec.seed}|tenant|${vendor}`))));
  const vendorPublisherIds = VENDORS.map((vendor) => String(1_000_000 + (hashString(`publisher|${vendor}`) % 9_000_000)));
  const credentialSpan = (rng: Rng, hasCredential: boolean): { start: unknown; end: unknown } | undefined => {
    if (!hasCredential) return undefined;
    const pick = rng.next();
    let endOffset: number;
    if (pick < spec.expiredCredentialShare) endOffset = -rng.int(1, 60) * DAY - rng.int(0, 86_399) * 1000;
    else if (pick < spec.expiredCredentialShare + spec.expiringCredentialShare)
      endOffset = rng.int(0, spec.expiringWithinDays - 1) * DAY + rng.int(3_600, 86_399) * 1000;
    else endOffset = rng.int(spec.expiringWithinDays + 1, 730) * DAY + rng.int(0, 86_399) * 1000;
    const lifetime = rng.pick([365, 730, 180]) * DAY;
    return { start: at(endOffset - lifetime), end: at(endOffset) };
  };

  for (let i = 0; i < spec.count; i += 1) {
    const rng = new Rng(seed ^ Math.imul(i + 1, 0x9e3779b1));
    let id = guidFrom(rng, i);
    while (context.takenIds.has(id)) id = guidFrom(rng, i);
    const appId = guidFrom(rng, i);
    const owned = rng.next() < spec.ownedShare;
    const vendorIndex = rng.int(0, VENDORS.length - 1);
    const vendor = owned ? context.tenantName : VENDORS[vendorIndex];
    const product = PRODUCTS[rng.int(0, PRODUCTS.length - 1)];
    const displayName = `${vendor} ${product}${rng.next() < 0.3 ? ` ${rng.pick(['(Dev)', '(Test)', 'EU', 'US', 'v2', 'Pilot'])}` : ''}`;
    const saml = !owned && rng.next() < spec.samlShare;
    const verified = !owned && rng.next() < spec.verifiedPublisherShare;
    const enabled = rng.next() >= spec.disabledShare;
    const createdOffset = -rng.int(30, 1_800) * DAY - rng.int(0, 86_399) * 1000;
    const credential = credentialSpan(rng, owned || saml);

    const sp: Record<string, unknown> = {
      id,
      appId,
      displayName,
      appDisplayName: displayName,
      accountEnabled: enabled,
      servicePrincipalType: 'Application',
      appOwnerOrganizationId: owned ? context.tenantId : saml ? GALLERY_OWNER : vendorTenants[vendorIndex],
      appRoleAssignmentRequired: saml,
      tags: saml ? TAGS_SAML : TAGS_PLAIN,
      signInAudience: owned ? 'AzureADMyOrg' : 'AzureADMultipleOrgs',
      preferredSingleSignOnMode: saml ? 'saml' : null,
      homepage: owned ? `https://apps.${context.domain}/${slug(product)}` : `https://www.${slug(vendor)}.example/${slug(product)}`,
      publisherName: owned ? context.tenantName : saml ? 'Microsoft Entra gallery' : vendor,
      verifiedPublisher: verified
        ? {
            displayName: vendor,
            verifiedPublisherId: vendorPublisherIds[vendorIndex],
            addedDateTime: at(createdOffset - rng.int(30, 900) * DAY),
          }
        : UNVERIFIED,
      appRoles: EMPTY,
      oauth2PermissionScopes: EMPTY,
      keyCredentials:
        saml && credential
          ? [
              {
                customKeyIdentifier: null,
                displayName: `CN=Microsoft Azure Federated SSO Certificate`,
                endDateTime: credential.end,
                key: null,
                keyId: guidFrom(rng),
                startDateTime: credential.start,
                type: 'AsymmetricX509Cert',
                usage: 'Verify',
              },
            ]
          : EMPTY,
      passwordCredentials: EMPTY,
      disabledByMicrosoftStatus: null,
    };
    out.servicePrincipals.push(sp);
    out.timed.push(verified || sp.keyCredentials !== EMPTY);

    if (owned) {
      out.applications.push({
        id: guidFrom(rng, i),
        appId,
        displayName,
        createdDateTime: at(createdOffset),
        signInAudience: 'AzureADMyOrg',
        publisherDomain: context.domain,
        identifierUris: EMPTY,
        passwordCredentials: credential
          ? [
              {
                customKeyIdentifier: null,
                displayName: rng.pick(['prod secret', 'client secret', 'CI pipeline', 'connector']),
                endDateTime: credential.end,
                hint: rng.chars(3),
                keyId: guidFrom(rng),
                secretText: null,
                startDateTime: credential.start,
              },
            ]
          : EMPTY,
        keyCredentials: EMPTY,
      });
    }

    const consent = rng.next();
    if (consent < spec.tenantWideConsentShare) {
      out.oauth2PermissionGrants.push({
        id: rng.chars(43),
        clientId: id,
        consentType: 'AllPrincipals',
        principalId: null,
        resourceId: context.resource.id,
        scope: scopes(rng, context.scopes),
      });
    } else if (consent < spec.tenantWideConsentShare + spec.userConsentShare) {
      const users = rng.int(1, 3);
      for (let u = 0; u < users; u += 1) {
        const principalId = context.userIds.length > 0 ? context.userIds[rng.int(0, context.userIds.length - 1)] : guidFrom(rng);
        out.oauth2PermissionGrants.push({
          id: rng.chars(43),
          clientId: id,
          consentType: 'Principal',
          principalId,
          resourceId: context.resource.id,
          scope: scopes(rng, context.scopes),
        });
      }
    }

    const roles: string[] = [];
    if (rng.next() < spec.applicationPermissionShare) {
      const n = Math.min(rng.int(1, 3), context.ordinaryRoles.length);
      for (let r = 0; r < n; r += 1) {
        const role = context.ordinaryRoles[rng.int(0, context.ordinaryRoles.length - 1)];
        if (!roles.includes(role)) roles.push(role);
      }
    }
    if (rng.next() < spec.highPrivilegeShare) roles.push(context.highPrivilegeRoles[rng.int(0, context.highPrivilegeRoles.length - 1)]);
    out.appRoleAssignments.push([
      id,
      roles.length === 0
        ? EMPTY_LIST
        : roles.map((appRoleId) => ({
            id: rng.chars(43),
            appRoleId,
            createdDateTime: at(createdOffset + rng.int(0, 20) * DAY),
            principalDisplayName: displayName,
            principalId: id,
            principalType: 'ServicePrincipal',
            resourceDisplayName: context.resource.displayName,
            resourceId: context.resource.id,
          })),
    ]);
  }
  return out;
}

function scopes(rng: Rng, pool: string[]): string {
  const chosen = new Set<string>();
  const n = rng.int(1, Math.min(5, pool.length));
  while (chosen.size < n) chosen.add(pool[rng.int(0, pool.length - 1)]);
  return [...chosen].join(' ');
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// ---- deterministic randomness ----

/** FNV-1a, 32-bit. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, good enough for test data. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
    this.next();
  }
  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  /** n characters of base64url, five per draw. */
  chars(n: number): string {
    const parts: string[] = [];
    for (let k = 0; k < n; k += 5) {
      const bits = this.uint32();
      for (let c = 0; c < 5 && k + c < n; c += 1) parts.push(ALPHABET[(bits >>> (c * 6)) & 63]);
    }
    return parts.join('');
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A version-4-shaped GUID from the stream; with `index`, its last 8 digits are the index (unique per kind). */
function guidFrom(rng: Rng, index?: number): string {
  const a = hex8(rng.uint32());
  const b = hex8(rng.uint32());
  const c = hex8(rng.uint32());
  const d = index === undefined ? hex8(rng.uint32()) : hex8(index >>> 0);
  const variant = '89ab'[c.charCodeAt(0) & 3];
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function collection(entry: unknown): Array<Record<string, unknown>> {
  return isObject(entry) && Array.isArray(entry.value) ? (entry.value as Array<Record<string, unknown>>) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
