/**
 * The tab API's JSON contract, shared by the server (tab/api) and the web app (tab/web).
 * Every data endpoint needs `Authorization: Bearer <token>`: in Teams the SSO token from
 * authentication.getAuthToken(); in demo mode a token from POST /api/tab/dev/token.
 * Errors are { error: { code, message } } with 400, 401, 403 (codes below), 404, 429 or 5xx.
 */
import { z } from 'zod';
import { AlertCategories, DigestHour, TimeZone } from './notifications';
import type { ErrorBody } from '../platform/errors';
import type { Finding, Severity, UnknownCheck } from '../identity/tenant/findings';
import type { HealthThresholds, ThresholdOverrides } from '../identity/tenant/thresholds';
import type { Edition } from '../identity/tenant/snapshot';
import type { IdentitySummary } from '../identity/tenant/summary';
import type { SectionName, SectionReading } from '../identity/tenant/coverage';
import type { ConnectDetails, ConnectFeature } from '../identity/tenant/connect-details';
import type { CloudSyncAgents, CloudSyncInfo } from '../identity/tenant/cloud-sync';

export type { Finding, Severity, UnknownCheck, Edition, IdentitySummary, SectionReading, ConnectDetails, ConnectFeature, CloudSyncAgents };

/** 403 codes the web app acts on. */
export type ForbiddenCode =
  /** The user must consent (or an admin must grant consent): open the consent popup, then retry. */
  | 'consent_required'
  /** The signed-in user holds none of the admin roles that may see tenant data. */
  | 'role_required';

/** An error body (the catalogue's, platform/errors.ts); role_required adds the roles that would be allowed. */
export type ApiError = ErrorBody & { error: { allowedRoles?: string[] } };

/** GET /api/tab/me */
export interface MeResponse {
  name: string;
  tenantId: string;
  /** Display names of the user's admin roles that the tab recognises. */
  roles: string[];
  /** May change notification settings (Global Administrator, Hybrid Identity Administrator). */
  canManageNotifications: boolean;
  mode: 'demo' | 'production';
}

/** A section the API could not read, shown as a "partial data" badge with the reason. */
export interface PartialSection {
  section:
    | SectionName
    /** Parts of the apps reading Graph can refuse on their own; the reason reads "not checked, because …". */
    | 'appRegistrations'
    | 'delegatedGrants'
    | 'applicationPermissions';
  reason: string;
}

export interface DomainRow {
  name: string;
  authenticationType: string;
  isDefault: boolean;
  isInitial: boolean;
  /** A federated subdomain signs in with this root domain's federation settings. */
  inheritsFederationFrom?: string;
  /** Federated domains: the token-signing certificate; or why it could not be read. */
  federation?:
    | { signingCertificateExpiry: string | null; nextSigningCertificateExpiry: string | null; issuerUri: string | null }
    | { unavailable: string };
}

/** A finding an admin excluded from alerts: still listed in the tab, marked with who, why and until when. */
export interface ExcludedFinding {
  code: Finding['code'];
  subject: string;
  exclusionId: string;
  scope: 'app' | 'finding';
  by: string;
  reason: string;
  expiresAt: string;
}

/** One Cloud Sync provisioning job as the overview lists it (Graph's synchronizationJob, in the tab's words). */
export interface CloudSyncJobRow {
  /** servicePrincipalId/jobId: the subject of the job's cloudSync.* finding, if any. */
  subject: string;
  /** The configuration's name (usually its AD domain). */
  configuration: string;
  /** What the job syncs ("users, groups and contacts", "password hashes"), or its template id when unknown. */
  syncs: string;
  /** synchronizationStatus.code as Graph sent it: Active, Quarantine, Paused, NotRun, NotConfigured (anything else shown as given). */
  statusCode: string;
  /** schedule.interval, an ISO 8601 duration ("PT2M"). */
  interval: string | null;
  /** The last run: Succeeded, Failed or EntryLevelErrors, when it ended, objects that failed. */
  lastRun: { state: string | null; ended: string | null; escrowed: number | null } | null;
  /** When the last run without errors ended. */
  lastSuccessfulRun: string | null;
  /** Present while the job is in quarantine: Graph's reason and since when. */
  quarantine: { reason: string | null; since: string | null } | null;
}

/** GET /api/tab/status[?refresh=1] — one Graph round trip when not cached. */
export interface StatusResponse {
  tenantId: string;
  organization: string | null;
  /** When Graph was read (the cache may serve it for a minute). */
  takenAt: string;
  identity: IdentitySummary;
  sync: {
    /** true syncing, false was synced, null never. */
    enabled: boolean | null;
    lastSync: string | null;
    lastPasswordSync: string | null;
    /** null = unknown (sync settings readable only by a Global Administrator). */
    passwordHashSync: boolean | null;
    deletionPrevention: { type: string; threshold: number | null } | null;
    syncedUsers: number | null;
    syncedGroups: number | null;
    provisioningErrors: number | null;
  };
  domains: DomainRow[];
  edition: Edition | null;
  findings: Finding[];
  unknown: UnknownCheck[];
  partial: PartialSection[];
  /** Whose access read it: "a signed-in user's access (Global Reader)". */
  readAs: string;
  /** Every section: read, partly read or not checked, and why not. */
  sections: SectionReading[];
  /** Of `findings`, those an exclusion in force covers (empty when notifications are not running). */
  excluded: ExcludedFinding[];
  /**
   * Cloud Sync's AD-to-Entra configurations, their jobs and agents (agents null: a snapshot from
   * before they were read); configurations 0: not used; null when not read (`sections` says why).
   */
  cloudSync: (Pick<CloudSyncInfo, 'configurations' | 'unread'> & { jobs: CloudSyncJobRow[]; agents: CloudSyncAgents | null }) | null;
  /** Entra Connect's sync configuration: read (a Global Administrator's sign-in), not checked and why, or never synced. */
  connect: ConnectDetails;
}

export type ConsentKind = 'admin' | 'user' | 'none';

export interface PermissionRow {
  kind: 'delegated' | 'application';
  resource: string;
  /** e.g. "Mail.Read" */
  permission: string;
  /** The same in plain words: "Read mail in every mailbox". */
  description: string;
  /** Delegated only: tenant-wide (admin) or by some users. */
  consent?: 'admin' | 'user';
  highPrivilege: boolean;
}

export interface AppRow {
  id: string;
  appId: string;
  displayName: string;
  publisher: string | null;
  verifiedPublisher: boolean;
  ownedByThisTenant: boolean;
  isMicrosoft: boolean;
  enabled: boolean;
  highPrivilege: boolean;
  consent: ConsentKind;
  /** Earliest credential end date, or null. */
  nextCredentialExpiry: string | null;
  /** A credential expired or expires within the warning window. */
  credentialsExpiring: boolean;
  permissions: PermissionRow[];
  credentials: Array<{ kind: 'password' | 'certificate'; displayName: string | null; endDateTime: string | null }>;
}

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * GET /api/tab/apps?search=&verified=true|false&highPrivilege=true&expiring=true&consent=admin|user|none&refresh=1
 *   &sort=name|expiry|risk&cursor=&limit=1..200 (default 50)
 * Pages with an opaque cursor. GET /api/tab/apps.csv with the same filters returns every match as CSV.
 */
export const AppsQuery = z.object({
  search: z.string().max(200).optional(),
  verified: flag.optional(),
  highPrivilege: flag.optional(),
  expiring: flag.optional(),
  consent: z.enum(['admin', 'user', 'none']).optional(),
  sort: z.enum(['name', 'expiry', 'risk']).default('name'),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  refresh: z.enum(['0', '1']).optional(),
});
export type AppsQuery = z.infer<typeof AppsQuery>;

export interface AppsResponse {
  /** Matches for the filters (all pages). */
  total: number;
  items: AppRow[];
  nextCursor: string | null;
  partial: PartialSection[];
}

/** One watcher observation (notifications) for the sync-history chart. */
export interface Observation {
  at: string;
  lastSync: string | null;
  /** Minutes between the observation and the last directory sync. */
  syncLagMinutes: number | null;
  passwordSyncLagMinutes: number | null;
  worstSeverity: Severity | 'none';
  /** Demo mode only: made up for the period before the first real observation (notifications/demo-history.ts). */
  demo?: true;
}

/** GET /api/tab/history?days=1..30 (default 7) */
export const HistoryQuery = z.object({ days: z.coerce.number().int().min(1).max(30).default(7) });

export interface HistoryResponse {
  observations: Observation[];
  /** The tenant's thresholds for the lines the chart marks (absent when notifications are off). */
  thresholds?: { syncWarningMinutes: number; syncCriticalMinutes: number; passwordSyncWarningMinutes: number };
}

const SeverityLevel = z.enum(['info', 'warning', 'critical']);

/** One chat, channel or personal chat that gets sync-health alerts, as the tab shows and edits it. */
export const ChatSubscription = z.object({
  conversationId: z.string().min(1).max(500),
  /** "Personal chat with Adele Vance", "General (Contoso IT)" */
  label: z.string().max(300),
  kind: z.enum(['personal', 'groupChat', 'channel']),
  minimumSeverity: SeverityLevel,
  /** Which kinds of finding it hears about: sync, federation, apps, service (at least one). */
  categories: AlertCategories,
  /** Reminder while a finding stays open, hours; 0 = never. */
  reminderHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 14),
  /** One digest a day instead of each alert. */
  digest: z.boolean(),
  /** The local hour (0–23) the digest goes out, in timeZone. */
  digestHour: DigestHour,
  /** IANA time zone of the digest hour ("UTC" unless the subscriber says). */
  timeZone: TimeZone,
});
export type ChatSubscription = z.infer<typeof ChatSubscription>;

/** The thresholds the tab edits: a flat view of identity's HealthThresholds (mapped by the two functions below). */
export const TabThresholds = z.object({
  syncWarningHours: z
    .number()
    .positive()
    .max(24 * 30),
  syncCriticalHours: z
    .number()
    .positive()
    .max(24 * 30),
  passwordSyncWarningMinutes: z
    .number()
    .positive()
    .max(60 * 24 * 30),
  certificateWarningDays: z.number().positive().max(365),
  credentialWarningDays: z.number().positive().max(365),
});
export type TabThresholds = z.infer<typeof TabThresholds>;

export function tabThresholdsOf(t: HealthThresholds): TabThresholds {
  return {
    syncWarningHours: t.sync.stale.warningAfterHours,
    syncCriticalHours: t.sync.stale.criticalAfterHours,
    passwordSyncWarningMinutes: t.phs.stale.warningAfterMinutes,
    certificateWarningDays: t.federation.certificate.warningDaysBeforeExpiry,
    credentialWarningDays: t.apps.credential.warningDaysBeforeExpiry,
  };
}

export function thresholdOverridesOf(t: TabThresholds): ThresholdOverrides {
  return {
    sync: { stale: { warningAfterHours: t.syncWarningHours, criticalAfterHours: t.syncCriticalHours } },
    phs: { stale: { warningAfterMinutes: t.passwordSyncWarningMinutes } },
    federation: { certificate: { warningDaysBeforeExpiry: t.certificateWarningDays } },
    apps: { credential: { warningDaysBeforeExpiry: t.credentialWarningDays } },
  };
}

/** PUT /api/tab/settings body (admins only: 403 role_required otherwise). */
export const SettingsUpdate = z.object({
  subscriptions: z.array(ChatSubscription).max(1000),
  thresholds: TabThresholds,
});
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;

/** GET /api/tab/settings; PUT answers the same. */
export type SettingsResponse = SettingsUpdate & { canEdit: boolean };

/** POST /api/tab/dev/token (demo mode only) body; answers { token, expiresAt }. Which demo user: an admin (Global Administrator), a reader, or a user without admin roles. */
export const DevTokenRequest = z.object({ persona: z.enum(['admin', 'reader', 'user']).default('admin') });
export type DevTokenRequest = z.infer<typeof DevTokenRequest>;
