/**
 * Answers grounded in the tenant: which of a tenant's facts bear on a topic, read from a snapshot.
 * Pure: the bot hands in the snapshot it may show the asker, and the time.
 */
import type { Topic, TenantFactKind } from '../knowledge/topic';
import { sectionReadings, type SectionName } from '../tenant/coverage';
import type { Finding } from '../tenant/findings';
import { evaluateHealth } from '../tenant/rules';
import type { DomainInfo, ReadIdentity, TenantSnapshot } from '../tenant/snapshot';
import { relativeTime } from '../tenant/age';
import { dataOf } from '../tenant/summary';

/** The facts each topic area bears on (areas are the topic files); a topic's own `tenantFacts` overrides it. */
export const AREA_FACTS: Readonly<Record<string, readonly TenantFactKind[]>> = {
  'auth-method': ['signIn', 'sync', 'passwordSync'],
  phs: ['passwordSync', 'signIn', 'sync'],
  pta: ['signIn', 'sync'],
  'seamless-sso': ['signIn'],
  federation: ['signIn'],
  domains: ['signIn'],
  'identity-models': ['signIn', 'sync'],
  'connect-sync': ['sync', 'passwordSync'],
  'cloud-sync': ['sync'],
  'sync-troubleshooting': ['sync', 'passwordSync'],
  'connect-troubleshooting': ['sync', 'passwordSync'],
  'connect-health': ['sync'],
  editions: ['edition'],
  'free-subscription': ['edition'],
  'security-basics': ['edition'],
};

/** The findings that bear on each kind of fact, by code prefix. */
const FINDINGS_OF: Readonly<Record<TenantFactKind, readonly string[]>> = {
  signIn: ['federation.'],
  sync: ['sync.', 'cloudSync.'],
  passwordSync: ['phs.'],
  edition: [],
};

/** The snapshot sections each kind of fact is read from. */
const SECTIONS_OF: Readonly<Record<TenantFactKind, readonly SectionName[]>> = {
  signIn: ['organization', 'domains'],
  sync: ['organization'],
  passwordSync: ['passwordSync', 'syncSettings'],
  edition: ['licensing'],
};

/** Most domains named one by one; the rest are counted. */
export const MAX_DOMAINS_SHOWN = 5;

export interface GroundingFact {
  /** "contoso.com", "Directory sync", "Edition". */
  label: string;
  value: string;
}

/** What a tenant has that bears on a topic, with the snapshot's age. */
export interface TenantGrounding {
  organization: string;
  /** When the snapshot was read, ISO UTC, and "3 minutes ago" at `now`. */
  takenAt: string;
  age: string;
  readAs: ReadIdentity;
  facts: GroundingFact[];
  /** Findings of the health rules that bear on the topic, most severe first. */
  findings: Finding[];
  /** Sections the facts come from that could not be read: "Licensing: not checked, because …". */
  notRead: string[];
}

/** The kinds of tenant fact a topic bears on: its own list, else its area's, else none. */
export function factKindsOf(topic: Pick<Topic, 'tenantFacts'> & { area?: string }): readonly TenantFactKind[] {
  return topic.tenantFacts ?? (topic.area ? (AREA_FACTS[topic.area] ?? []) : []);
}

/** The tenant's facts of those kinds, or undefined when there are none to tell. */
export function groundTopic(kinds: readonly TenantFactKind[], snapshot: TenantSnapshot, now: Date): TenantGrounding | undefined {
  if (kinds.length === 0) return undefined;
  const wanted = new Set(kinds);
  const facts = [
    ...(wanted.has('signIn') ? signInFacts(snapshot) : []),
    ...(wanted.has('sync') ? syncFacts(snapshot, now) : []),
    ...(wanted.has('passwordSync') ? passwordSyncFacts(snapshot, now) : []),
    ...(wanted.has('edition') ? editionFacts(snapshot) : []),
  ];
  const prefixes = kinds.flatMap((kind) => FINDINGS_OF[kind]);
  const findings = prefixes.length
    ? evaluateHealth(snapshot, now).findings.filter((f) => prefixes.some((prefix) => f.code.startsWith(prefix)))
    : [];
  const sections = new Set(kinds.flatMap((kind) => SECTIONS_OF[kind]));
  const notRead = sectionReadings(snapshot)
    .filter((reading) => sections.has(reading.section) && reading.state !== 'read')
    .map((reading) => `${reading.label}: ${reading.detail}`);
  if (facts.length === 0 && findings.length === 0 && notRead.length === 0) return undefined;
  return {
    organization: dataOf(snapshot.organization)?.displayName ?? 'your tenant',
    takenAt: snapshot.takenAt,
    age: relativeTime(snapshot.takenAt, now),
    readAs: snapshot.readAs,
    facts,
    findings,
    notRead,
  };
}

/** One line per domain: how its users sign in. */
function signInFacts(snapshot: TenantSnapshot): GroundingFact[] {
  const domains = dataOf(snapshot.domains);
  const org = dataOf(snapshot.organization);
  if (!domains || !org) return [];
  const managed = managedSignIn(snapshot, org.onPremisesSyncEnabled);
  const verified = domains.filter((d) => d.isVerified);
  const ordered = [...verified].sort((a, b) => rank(a) - rank(b));
  const lines = ordered.slice(0, MAX_DOMAINS_SHOWN).map((domain) => ({ label: domain.name, value: domainSignIn(domain, managed) }));
  const more = ordered.length - lines.length;
  return more > 0 ? [...lines, { label: 'Other domains', value: `${more} more` }] : lines;
}

/**
 * How users of a managed (not federated) domain sign in. Graph has no flag for pass-through
 * authentication: password hash sync off (or never seen) and no federation leaves it open.
 */
function managedSignIn(snapshot: TenantSnapshot, syncEnabled: boolean | null): string {
  if (syncEnabled === null) return 'managed: cloud accounts, no directory sync';
  const settings = dataOf(snapshot.syncSettings);
  if (settings) {
    return settings.passwordHashSyncEnabled
      ? 'managed: password hash sync'
      : 'managed: pass-through authentication or another method (password hash sync is off)';
  }
  if (dataOf(snapshot.passwordSync)?.lastPasswordSyncDateTime) return 'managed: password hash sync (passwords are being synced)';
  return 'managed: cloud authentication; whether by password hash sync or pass-through authentication could not be read';
}

/** Federated domains first, then the default, then the rest; the initial onmicrosoft.com domain last. */
function rank(domain: DomainInfo): number {
  return domain.authenticationType === 'Federated' ? 0 : domain.isDefault ? 1 : domain.isInitial ? 3 : 2;
}

function domainSignIn(domain: DomainInfo, managed: string): string {
  if (domain.authenticationType !== 'Federated') {
    return domain.isInitial ? 'managed: the initial onmicrosoft.com domain, cloud authentication' : managed;
  }
  if (domain.inheritsFederationFrom) return `federated, with ${domain.inheritsFederationFrom}'s federation (a subdomain)`;
  const federation = dataOf(domain.federation);
  if (!federation) return 'federated';
  const host = hostOf(federation.passiveSignInUri);
  const expiry = federation.signingCertificateExpiry
    ? `token-signing certificate valid until ${federation.signingCertificateExpiry.slice(0, 10)}`
    : '';
  return ['federated', [host && `sign-in at ${host}`, expiry].filter(Boolean).join(', ')].filter(Boolean).join(': ');
}

function syncFacts(snapshot: TenantSnapshot, now: Date): GroundingFact[] {
  const org = dataOf(snapshot.organization);
  if (!org) return [];
  const last = relativeTime(org.lastSyncDateTime, now);
  const value =
    org.onPremisesSyncEnabled === null
      ? 'never used: the tenant is cloud-only'
      : org.onPremisesSyncEnabled
        ? `on; last sync ${last}`
        : `turned off; the last sync was ${last}`;
  const synced = dataOf(snapshot.syncedObjects);
  return [
    { label: 'Directory sync', value },
    ...(synced && org.onPremisesSyncEnabled !== null ? [{ label: 'Synced users', value: synced.users.toLocaleString('en-US') }] : []),
  ];
}

function passwordSyncFacts(snapshot: TenantSnapshot, now: Date): GroundingFact[] {
  const org = dataOf(snapshot.organization);
  if (org?.onPremisesSyncEnabled === null) return [];
  const settings = dataOf(snapshot.syncSettings);
  const last = dataOf(snapshot.passwordSync)?.lastPasswordSyncDateTime;
  return [
    ...(settings ? [{ label: 'Password hash sync', value: settings.passwordHashSyncEnabled ? 'on' : 'off' }] : []),
    ...(snapshot.passwordSync.status === 'ok' ? [{ label: 'Last password sync', value: last ? relativeTime(last, now) : 'never' }] : []),
  ];
}

function editionFacts(snapshot: TenantSnapshot): GroundingFact[] {
  const licensing = dataOf(snapshot.licensing);
  if (!licensing) return [];
  const through = licensing.skus
    .filter((sku) => sku.premiumPlans.length > 0 && sku.capabilityStatus === 'Enabled')
    .map((sku) => sku.skuPartNumber);
  const value =
    licensing.edition === 'Free'
      ? 'Microsoft Entra ID Free: no subscription includes P1 or P2'
      : `Microsoft Entra ID ${licensing.edition}${through.length ? `, through ${through.slice(0, 3).join(', ')}` : ''}`;
  return [{ label: 'Edition', value }];
}

function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
