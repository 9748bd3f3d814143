/**
 * The tab API's JSON contract, shared by the server (tab/api) and the web app (tab/web).
 * Every data endpoint needs `Authorization: Bearer <token>`: in Teams the SSO token from
 * authentication.getAuthToken(); in demo mode a token from POST /api/tab/dev/token.
 * Errors are { error: { code, message } } with 400, 401, 403 (codes below), 404, 429 or 5xx.
 */
import type { Finding, Severity, UnknownCheck } from '../identity/tenant/findings';
import type { Edition } from '../identity/tenant/snapshot';
import type { IdentitySummary } from '../identity/tenant/summary';

export type { Finding, Severity, UnknownCheck, Edition, IdentitySummary };

/** 403 codes the web app acts on. */
export type ForbiddenCode =
  /** The user must consent (or an admin must grant consent): open the consent popup, then retry. */
  | 'consent_required'
  /** The signed-in user holds none of the admin roles that may see tenant data. */
  | 'role_required';

export interface ApiError {
  error: { code: string; message: string; /** For role_required: the roles that would be allowed. */ allowedRoles?: string[] };
}

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
    | 'organization'
    | 'passwordSync'
    | 'syncSettings'
    | 'domains'
    | 'licensing'
    | 'syncedObjects'
    | 'provisioningErrors'
    | 'serviceHealth'
    | 'apps';
  reason: string;
}

export interface DomainRow {
  name: string;
  authenticationType: string;
  isDefault: boolean;
  isInitial: boolean;
  /** Federated domains: the token-signing certificate; or why it could not be read. */
  federation?:
    | { signingCertificateExpiry: string | null; nextSigningCertificateExpiry: string | null; issuerUri: string | null }
    | { unavailable: string };
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

/**
 * GET /api/tab/apps?search=&verified=true|false&highPrivilege=true&expiring=true&consent=admin|user|none&refresh=1
 *   &sort=name|expiry|risk&cursor=&limit=1..200 (default 50)
 * Pages with an opaque cursor. GET /api/tab/apps.csv with the same filters returns every match as CSV.
 */
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
}

/** GET /api/tab/history?days=1..30 (default 7) */
export interface HistoryResponse {
  observations: Observation[];
}

export interface ChatSubscription {
  conversationId: string;
  /** "Personal chat with Adele Vance", "General (Contoso IT)" */
  label: string;
  kind: 'personal' | 'groupChat' | 'channel';
  minimumSeverity: Severity;
  /** Reminder while a finding stays open, hours; 0 = never. */
  reminderHours: number;
  /** One digest a day instead of each alert. */
  digest: boolean;
}

/** GET /api/tab/settings; PUT /api/tab/settings with the same body (admins only: 403 role_required otherwise). */
export interface SettingsResponse {
  subscriptions: ChatSubscription[];
  thresholds: {
    syncWarningHours: number;
    syncCriticalHours: number;
    passwordSyncWarningMinutes: number;
    certificateWarningDays: number;
    credentialWarningDays: number;
  };
  canEdit: boolean;
}

/** POST /api/tab/dev/token (demo mode only) body; answers { token, expiresAt }. */
export interface DevTokenRequest {
  /** Which demo user: an admin (Global Administrator) or a user without admin roles. */
  persona: 'admin' | 'reader' | 'user';
}
