import type { GenerationContext } from './context';
import { GENERATED_APP_TAG } from './microsoft-graph';
import { PRODUCTS, VENDORS } from './names';
import { guidFrom, hashString, Rng } from './random';
import { samlSigningCertificate } from './saml';
import type { ServicePrincipalGeneration } from './spec';

/**
 * The service-principal generator: integrated apps with their `applications`,
 * `oauth2PermissionGrants` and per-app `appRoleAssignments`, in Graph's shapes. The apps are drawn
 * once into a time-free skeleton (timestamps as offsets from the serving instant); serving at an
 * instant writes only the timestamps.
 */

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

/** A timestamp in the skeleton: milliseconds from the serving instant; `sevenDigits` writes Graph's 7-digit fraction. */
class Offset {
  constructor(
    readonly ms: number,
    readonly sevenDigits = false,
  ) {}
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
        if (value instanceof Offset) {
          const iso = new Date(nowMs + value.ms).toISOString();
          return value.sevenDigits ? iso.replace(/Z$/, '0000Z') : iso.replace(/\.\d{3}Z$/, 'Z');
        }
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
  const sevenDigits = (offset: unknown): Offset => new Offset((offset as Offset).ms, true);

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
      // The certificate's keyId comes from the item's stream where the single Verify key's did; the rest from a stream of its own.
      ...(saml && credential
        ? samlSigningCertificate(
            guidFrom(rng),
            new Rng(hashString(`${spec.seed}|saml|${i}`)),
            sevenDigits(credential.start),
            sevenDigits(credential.end),
          )
        : { keyCredentials: EMPTY, passwordCredentials: EMPTY }),
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
    // From a stream of its own, so every other draw stays the same whatever the share.
    const untagged = new Rng(hashString(`${spec.seed}|untagged|${i}`)).next() < spec.untaggedConsentShare;
    if (untagged && !owned && !saml && consent < spec.tenantWideConsentShare + spec.userConsentShare) sp.tags = EMPTY;
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
