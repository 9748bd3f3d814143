/**
 * A finding's evidence as sentences an admin reads ("Last directory sync: 7 hours ago (15 Jan 2026,
 * 06:10 UTC).", "A warning from 1 object, critical from 50."), one function per finding code. The
 * tab, the status card, the alert cards and `npm run check` all show these; the raw evidence record
 * stays for pipelines (check --json). Pure: `now` comes in, times are written in UTC.
 *
 * Every code has its entry (the Record is exhaustive), so a new finding code does not compile until
 * it says how its evidence reads. A key an entry does not know is left out rather than shown raw.
 * Over 300 lines: one sentence function per finding code beside the exhaustive record that names them all, so a code's words stay in one place.
 */
import type { Finding, FindingCode } from './findings';
import { describeAge } from './age';

type Evidence = Finding['evidence'];
type Sentences = (evidence: Evidence, now: Date) => string[];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** "15 Jan 2026, 06:10 UTC", or the text as given when it is not a time. */
export function utcTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/**
 * "7 hours ago (15 Jan 2026, 06:10 UTC)", "in 12 days (27 Jan 2026, 12:00 UTC)": the one age
 * wording (age.ts, rounded down), so a title's "in 9 days" and its evidence agree.
 */
export function whenText(iso: string, now: Date): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return `${describeAge(now.getTime() - at)} (${utcTime(iso)})`;
}

/** A sync.errors sample ("user a@contoso.com: duplicate ProxyAddress smtp:a@contoso.com since <time>") as a sentence. */
function sampleSentence(sample: string): string {
  const match = /^(user|group) (.+?): duplicate (\S+)(?: (.+?))?(?: since (\S+))?$/.exec(sample);
  if (!match) return `For example, ${readableTimes(sample)}.`;
  const [, kind, who, property, value, since] = match;
  const what = value ? `${property} ${value}` : `${property}`;
  return `For example, ${kind} ${who}: its ${what} is already used by another object${since ? ` (since ${utcTime(since)})` : ''}.`;
}

/** ISO times inside a text, written as UTC times an admin reads. */
function readableTimes(text: string): string {
  return text.replace(ISO_TIME, (iso) => utcTime(iso));
}

function str(evidence: Evidence, key: string): string | undefined {
  const value = evidence[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(evidence: Evidence, key: string): number | undefined {
  const value = evidence[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

function hours(n: number): string {
  return count(n, 'hour');
}

function minutes(n: number): string {
  return n % 60 === 0 ? hours(n / 60) : count(n, 'minute');
}

/** The sentence list with the entries that had nothing to say dropped. */
function lines(...sentences: Array<string | undefined | false>): string[] {
  return sentences.filter((s): s is string => typeof s === 'string' && s.length > 0);
}

const syncStale: Sentences = (e, now) => {
  const last = str(e, 'lastSyncDateTime');
  const warning = num(e, 'warningAfterHours');
  const critical = num(e, 'criticalAfterHours');
  return lines(
    last ? `Last directory sync: ${whenText(last, now)}.` : e.lastSyncDateTime === null && 'Graph has never reported a directory sync.',
    warning !== undefined &&
      critical !== undefined &&
      `A warning after ${hours(warning)} without a sync, critical after ${hours(critical)}.`,
    e.fullSyncNeeded === true && 'More than 7 days without a delta sync: the next sync must be a full sync.',
  );
};

const syncDisabled: Sentences = (e, now) => {
  const last = str(e, 'lastSyncDateTime');
  const users = num(e, 'syncedUsers');
  const groups = num(e, 'syncedGroups');
  return lines(
    e.onPremisesSyncEnabled === false
      ? 'Directory sync is turned off for the tenant.'
      : e.onPremisesSyncEnabled === null && 'The tenant has never had directory sync turned on.',
    last && `Last directory sync: ${whenText(last, now)}.`,
    users !== undefined && `${count(users, 'user')} ${users === 1 ? 'is' : 'are'} still marked as synced from on-premises.`,
    groups !== undefined && `${count(groups, 'group')} ${groups === 1 ? 'is' : 'are'} still marked as synced from on-premises.`,
  );
};

const phsStale: Sentences = (e, now) => {
  const last = str(e, 'lastPasswordSyncDateTime');
  const warning = num(e, 'warningAfterMinutes');
  const critical = num(e, 'criticalAfterMinutes');
  const knownFrom = str(e, 'passwordHashSyncKnownFrom');
  return lines(
    e.passwordHashSyncEnabled === true || knownFrom === 'syncSettings'
      ? 'Password hash sync is turned on in the sync settings.'
      : knownFrom === 'recordedPasswordSync' &&
          'Password hash sync is taken to be on because passwords have been synced before (the sync settings need a Global Administrator to read).',
    last
      ? `Last password sync: ${whenText(last, now)}.`
      : e.lastPasswordSyncDateTime === null && 'No password sync has ever been recorded.',
    warning !== undefined &&
      critical !== undefined &&
      `A warning after ${minutes(warning)} without one, critical after ${minutes(critical)}.`,
  );
};

const syncErrors: Sentences = (e) => {
  const total = num(e, 'objectsWithErrors');
  const warning = num(e, 'warningAtObjects');
  const critical = num(e, 'criticalAtObjects');
  const samples = Object.keys(e)
    .filter((key) => /^sample\d+$/.test(key))
    .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))
    .map((key) => str(e, key))
    .filter((s): s is string => s !== undefined);
  const shown = samples.length;
  return lines(
    total !== undefined && `${count(total, 'synced object')} cannot sync because of provisioning errors.`,
    warning !== undefined &&
      critical !== undefined &&
      `A warning from ${count(warning, 'object')}, critical from ${count(critical, 'object')}.`,
    ...samples.map(sampleSentence),
    total !== undefined && shown > 0 && total > shown && `${count(total - shown, 'more object')} not listed here.`,
    e.groupsChecked === false && 'Groups could not be checked, so only users are counted.',
  );
};

const deletionPreventionOff: Sentences = (e) => {
  const threshold = num(e, 'alertThreshold');
  return lines(
    'Accidental-deletion prevention is set to "disabled", so a sync may delete any number of objects at once.',
    threshold !== undefined && `The threshold left configured is ${count(threshold, 'deletion')}.`,
  );
};

const federationCertificate: Sentences = (e, now) => {
  const domain = str(e, 'domain');
  const expiry = str(e, 'signingCertificateExpiry');
  const subject = str(e, 'signingCertificateSubject');
  const next = str(e, 'nextSigningCertificateExpiry');
  const issuer = str(e, 'issuerUri');
  const expired = expiry !== undefined && Date.parse(expiry) <= now.getTime();
  return lines(
    expiry && `The token-signing certificate${domain ? ` of ${domain}` : ''} ${expired ? 'expired' : 'expires'} ${whenText(expiry, now)}.`,
    subject && `Certificate subject: ${subject}.`,
    next
      ? `The next certificate is published and is valid until ${utcTime(next)}.`
      : e.nextSigningCertificateExpiry === null && 'No next (rollover) certificate is published.',
    issuer && `Federation issuer: ${issuer}.`,
  );
};

const FIXED_APP_KEYS = new Set(['appName', 'appId', 'ownedByThisTenant', 'publisher', 'verifiedPublisher', 'watchingSince', 'firstSeenAt']);

/** Whose app it is: registered here, or from another organisation (verified or not). */
function appOrigin(e: Evidence): string | undefined {
  const appId = str(e, 'appId');
  const publisher = str(e, 'publisher');
  const owner =
    e.ownedByThisTenant === true
      ? 'registered in this tenant'
      : e.ownedByThisTenant === false
        ? `from another organisation${publisher ? ` (${publisher}${e.verifiedPublisher === true ? ', verified publisher' : e.verifiedPublisher === false ? ', publisher not verified' : ''})` : ''}`
        : undefined;
  if (!appId && !owner) return undefined;
  return `The app${appId ? ` (application id ${appId})` : ''}${owner ? ` is ${owner}` : ''}.`;
}

/** App credential evidence: one key per credential, `client secret "prod" (app registration)` → its end time. */
const appCredential: Sentences = (e, now) => {
  const credentials = Object.keys(e)
    .filter((key) => !FIXED_APP_KEYS.has(key))
    .flatMap((key) => {
      const end = str(e, key);
      if (!end || Number.isNaN(Date.parse(end))) return [];
      const what = key.charAt(0).toUpperCase() + key.slice(1);
      return [`${what} ${Date.parse(end) <= now.getTime() ? 'expired' : 'expires'} ${whenText(end, now)}.`];
    });
  const usedBy = str(e, 'usedBy');
  return lines(appOrigin(e), usedBy && `${usedBy} signs in to Entra ID with this app: sync stops when it no longer can.`, ...credentials);
};

const appHighPrivilege: Sentences = (e) => {
  const application = str(e, 'applicationPermissions');
  const delegated = str(e, 'tenantWideDelegatedScopes');
  const broad = str(e, 'broadReadPermissions');
  return lines(
    appOrigin(e),
    application && `Application permissions (work without a signed-in user): ${application}.`,
    delegated && `Delegated permissions an administrator consented to for every user: ${delegated}.`,
    broad && `Broad read access to the directory: ${broad}.`,
  );
};

/** When the watcher first saw a grant, and since when it has been watching (so "new" has its measure). */
function firstSeen(e: Evidence, now: Date): string | undefined {
  const at = str(e, 'firstSeenAt');
  const since = str(e, 'watchingSince');
  if (!at) return undefined;
  return `First seen by the watcher ${whenText(at, now)}${since ? `; it has read this tenant's apps since ${utcTime(since)}` : ''}.`;
}

const appHighPrivilegeGranted: Sentences = (e, now) => {
  const permissions = str(e, 'newPermissions');
  return lines(appOrigin(e), permissions && `Newly granted: ${permissions}.`, firstSeen(e, now));
};

const appTenantWideConsent: Sentences = (e, now) => {
  const resources = str(e, 'consentedResources');
  return lines(appOrigin(e), resources && `Consented on behalf of every user for: ${resources}.`, firstSeen(e, now));
};

const STATUS_WORDS: Record<string, string> = {
  serviceInterruption: 'service interruption',
  serviceDegradation: 'service degradation',
  investigating: 'investigating',
  restoringService: 'restoring service',
  extendedRecovery: 'extended recovery',
  verifyingService: 'verifying the fix',
  falsePositive: 'false positive',
};

const serviceIncident: Sentences = (e, now) => {
  const service = str(e, 'service');
  const feature = str(e, 'feature');
  const status = str(e, 'status');
  const start = str(e, 'startDateTime');
  const id = str(e, 'id');
  return lines(
    service && `Affects ${service}${feature ? `, ${feature}` : ''}.`,
    status && `Microsoft's status: ${STATUS_WORDS[status] ?? status.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}.`,
    start && `Started ${whenText(start, now)}.`,
    id && `Microsoft's reference: ${id} (Microsoft 365 admin center, Health > Service health).`,
  );
};

/** Cloud Sync jobs (cloudSync.*): which job, its last run, and the quarantine when there is one. */
const cloudSyncJob: Sentences = (e, now) => {
  const text = (key: string): string | undefined => str(e, key)?.replace(/\.+$/, '');
  const [configuration, ended, since, lastSuccess] = ['configuration', 'lastRunEnded', 'quarantinedSince', 'lastSuccessfulRunEnded'].map(
    text,
  );
  const [escrowed, warning, critical] = ['lastRunEscrowed', 'warningAfterHours', 'criticalAfterHours'].map((key) => num(e, key));
  const reason = text('quarantineReason');
  return lines(
    configuration && `Configuration ${configuration}, job ${text('jobId') ?? 'unnamed'}; Graph's status: ${text('statusCode') ?? 'none'}.`,
    since && `In quarantine since ${whenText(since, now)}${reason ? `, because ${reason}` : ''}.`,
    text('quarantineError') && `Quarantine error: ${text('quarantineError')}.`,
    ended &&
      `Last run ended ${whenText(ended, now)}${text('lastRunState') ? ` (${text('lastRunState')})` : ''}${escrowed ? `; ${count(escrowed, 'object')} failed` : ''}.`,
    text('lastRunError') && `Its error: ${text('lastRunError')}.`,
    lastSuccess && `Last run without errors ended ${whenText(lastSuccess, now)}.`,
    warning !== undefined &&
      critical !== undefined &&
      `A warning after ${hours(warning)} without a completed run, critical after ${hours(critical)}.`,
    warning === undefined && critical !== undefined && `Critical once the quarantine lasts ${hours(critical)}.`,
  );
};

/** Cloud Sync's provisioning agents (cloudSync.noActiveAgent, cloudSync.agentRedundancy): which are active, which not. */
const cloudSyncAgents: Sentences = (e) => {
  const [agents, active, recommended] = ['agents', 'activeAgents', 'recommendedActiveAgents'].map((key) => num(e, key));
  return lines(
    agents !== undefined && active !== undefined && `${active} of ${count(agents, 'registered agent')} active.`,
    str(e, 'activeMachines') && `Active: ${str(e, 'activeMachines')}.`,
    str(e, 'inactiveMachines') && `Inactive: ${str(e, 'inactiveMachines')}.`,
    recommended !== undefined && `Microsoft recommends ${recommended} active agents for high availability.`,
  );
};

const BY_CODE: Record<FindingCode, Sentences> = {
  'sync.disabled': syncDisabled,
  'sync.stale': syncStale,
  'phs.stale': phsStale,
  'sync.errors': syncErrors,
  'sync.deletionPreventionOff': deletionPreventionOff,
  'sync.clientVersionUnsupported': (e) =>
    lines(
      str(e, 'synchronizationClientVersion') !== undefined &&
        `The sync client reports version ${str(e, 'synchronizationClientVersion')} (Graph beta).`,
      str(e, 'retiredOn') !== undefined && `Entra Connect 1.x stopped synchronising on ${str(e, 'retiredOn')}.`,
    ),
  'federation.certExpiring': federationCertificate,
  'federation.certExpired': federationCertificate,
  'app.credentialExpiring': appCredential,
  'app.credentialExpired': appCredential,
  'app.highPrivilege': appHighPrivilege,
  'app.highPrivilegeGranted': appHighPrivilegeGranted,
  'app.tenantWideConsent': appTenantWideConsent,
  'service.incident': serviceIncident,
  'cloudSync.quarantined': cloudSyncJob,
  'cloudSync.failing': cloudSyncJob,
  'cloudSync.notRun': cloudSyncJob,
  'cloudSync.noActiveAgent': cloudSyncAgents,
  'cloudSync.agentRedundancy': cloudSyncAgents,
};

/** The finding's evidence as sentences, in the order an admin needs them (may be empty). */
export function evidenceSentences(finding: Pick<Finding, 'code' | 'evidence'>, now: Date): string[] {
  const sentences = BY_CODE[finding.code];
  return sentences ? sentences(finding.evidence, now) : [];
}
