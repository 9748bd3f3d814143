import { AppError } from '../../platform/errors';
import { isObject } from '../json';
import { MICROSOFT_GRAPH_APP_ID } from './microsoft-graph';

/**
 * The "@scenario".generate block: what to generate and in which shares, validated with problems
 * that name the full scenario key ("@scenario.generate.servicePrincipals.count").
 */

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
  /**
   * Share of the third-party apps with a consent grant whose service principal was created by that
   * consent and lacks the WindowsAzureActiveDirectoryIntegratedApp tag (GRAPH-FACTS, Corrections).
   */
  untaggedConsentShare: number;
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
/** The scenario key of the service-principal generator, the prefix of its problems' keys. */
export const SP_KEY = `${BASE}.servicePrincipals`;

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
  untaggedConsentShare: 0,
} as const;

type ShareName = keyof typeof SHARE_DEFAULTS;
const OPTION_NAMES = ['count', 'seed', 'tenantId', 'resourceAppId', 'expiringWithinDays', ...Object.keys(SHARE_DEFAULTS)];
export const MAX_GENERATED = 200_000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
