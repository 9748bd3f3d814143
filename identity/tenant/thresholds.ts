import { AppError } from '../../platform/errors';
/**
 * When a health rule speaks up, and why at that point. Every default carries its reason; a tenant
 * may override any value with `mergeThresholds`, which refuses values that make no sense.
 */

/** A permission as Graph names it, with its app role id when known (the id survives when the name could not be resolved). */
export interface PermissionRef {
  value: string;
  appRoleId?: string;
}

export interface HealthThresholds {
  sync: {
    /** sync.stale: age of organization.onPremisesLastSyncDateTime. A finding starts AT the value (age >= value). */
    stale: { warningAfterHours: number; criticalAfterHours: number };
    /** sync.errors: objects with on-premises provisioning errors. A finding starts AT the value (count >= value). */
    errors: { warningAtObjects: number; criticalAtObjects: number };
  };
  cloudSync: {
    /**
     * cloudSync.failing: age of a Cloud Sync job's last successful run. A finding starts AT the value.
     * cloudSync.quarantined turns critical when a quarantine has lasted criticalAfterHours.
     */
    lastSuccess: { warningAfterHours: number; criticalAfterHours: number };
  };
  phs: {
    /** phs.stale: age of the beta organization.onPremisesLastPasswordSyncDateTime. Starts AT the value. */
    stale: { warningAfterMinutes: number; criticalAfterMinutes: number };
  };
  federation: {
    /** federation.certExpiring: days left on a federated domain's token-signing certificate. Starts AT the value (days left <= value). */
    certificate: { warningDaysBeforeExpiry: number; criticalDaysBeforeExpiry: number };
  };
  apps: {
    /** app.credentialExpiring: days left on an app's secret or certificate. Starts AT the value (days left <= value). */
    credential: { warningDaysBeforeExpiry: number };
    /** app.highPrivilege: what counts as high privilege for a non-Microsoft app. */
    highPrivilege: {
      /** Application permissions (app-only, no user present) that reach the whole tenant: a warning. */
      applicationPermissions: PermissionRef[];
      /** Broad read-only application permissions: worth knowing about, so info. */
      broadReadApplicationPermissions: PermissionRef[];
      /** Delegated scopes that, consented for all users (consentType AllPrincipals), deserve a warning. */
      tenantWideDelegatedScopes: string[];
    };
  };
}

/**
 * A delta sync must run at least once every 7 days, or a full sync is needed (Microsoft Learn,
 * "Microsoft Entra Connect Sync: Scheduler"). This is a fact about the product, not a tunable threshold.
 */
export const DELTA_SYNC_MAX_GAP_HOURS = 7 * 24;

export const DEFAULT_THRESHOLDS: HealthThresholds = {
  sync: {
    stale: {
      /**
       * 3 hours = six missed cycles of the default Entra Connect Sync scheduler, which runs a delta
       * cycle every 30 minutes (Microsoft Learn, "Microsoft Entra Connect Sync: Scheduler"). Cloud Sync
       * runs every 2 minutes, so 3 hours is late for it too. One or two slow cycles (a large export,
       * a server reboot) stay quiet.
       */
      warningAfterHours: 3,
      /**
       * 24 hours: a whole day of changes (new hires, leavers, group changes) has not reached Entra ID.
       * Past 7 days (DELTA_SYNC_MAX_GAP_HOURS) the scheduler needs a full sync; the finding says so.
       */
      criticalAfterHours: 24,
    },
    errors: {
      /** 1 object: every provisioning error (duplicate UPN or proxy address) leaves an object out of sync, so one is worth a warning. */
      warningAtObjects: 1,
      /**
       * 50 objects: our choice, not a Microsoft figure. A handful of duplicates is routine hygiene
       * (a typo, a reused address); fifty or more points to one systemic cause — a changed UPN suffix,
       * a sync rule, a migration colliding with cloud objects — that blocks many users at once.
       */
      criticalAtObjects: 50,
    },
  },
  cloudSync: {
    lastSuccess: {
      /**
       * 1 hour = thirty missed runs: Cloud Sync runs every 2 minutes (Microsoft Learn, "What is
       * Microsoft Entra Cloud Sync?"), so a job with no successful run for an hour is not catching up
       * on its own. A quarantined job is retried less often ("synchronizationStatus resource type").
       */
      warningAfterHours: 1,
      /** 24 hours, as for sync.stale: a whole day of changes has not reached Entra ID. */
      criticalAfterHours: 24,
    },
  },
  phs: {
    stale: {
      /**
       * 120 minutes mirrors Entra Connect Health's alert "Password Hash Synchronization heartbeat was
       * skipped in last 120 minutes". PHS itself runs every 2 minutes.
       */
      warningAfterMinutes: 120,
      /** 24 hours: a day without password hash sync means changed passwords do not work in the cloud, and PHS is no longer a usable backup for federation. */
      criticalAfterMinutes: 24 * 60,
    },
  },
  federation: {
    certificate: {
      /**
       * 35 days: Microsoft Entra ID starts polling the federation metadata for the new token-signing
       * certificate 35 days before the current one expires, and emails the admins if it cannot find one
       * (Microsoft Learn, "Renew federation certificates for Microsoft 365 and Microsoft Entra ID";
       * older versions of that page said 30 days). From then on a missing rollover is worth a warning.
       */
      warningDaysBeforeExpiry: 35,
      /**
       * 15 days: the same page says to "renew immediately" when the certificates are not in sync and
       * fewer than 15 days are left. After expiry every federated sign-in fails.
       */
      criticalDaysBeforeExpiry: 15,
    },
  },
  apps: {
    credential: {
      /**
       * 30 days: time enough to create a new secret or certificate, deploy it to the app and remove the
       * old one through an ordinary change window. (Secrets may live at most 24 months, and Microsoft
       * recommends less than 12, so renewals are routine.)
       */
      warningDaysBeforeExpiry: 30,
    },
    highPrivilege: {
      /**
       * Application permissions that reach the whole tenant, with their app role ids (Microsoft Graph's unless noted)
       * (GRAPH-FACTS 2.4; ids from CISA ScubaGear and other community lists, not an official Microsoft list).
       * The first four can grant more privilege, up to Global Administrator: "allow an application to
       * grant additional privileges to itself". The rest read or change every user, group, mailbox or file.
       */
      applicationPermissions: [
        { value: 'RoleManagement.ReadWrite.Directory', appRoleId: '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8' },
        { value: 'AppRoleAssignment.ReadWrite.All', appRoleId: '06b708a9-e830-4db3-a914-8e69da51d44f' },
        { value: 'Application.ReadWrite.All', appRoleId: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9' },
        { value: 'DelegatedPermissionGrant.ReadWrite.All', appRoleId: '8e8e4742-1d95-4f68-9d56-6ee75648c72a' },
        { value: 'Application.ReadWrite.OwnedBy', appRoleId: '18a4783c-866b-4cc7-a460-3d5e5662c884' },
        { value: 'Directory.ReadWrite.All', appRoleId: '19dbc75e-c2e2-444c-a770-ec69d8559fc7' },
        { value: 'User.ReadWrite.All', appRoleId: '741f803b-c850-494e-b5df-cde7c675a1ca' },
        { value: 'Group.ReadWrite.All', appRoleId: '62a82d76-70ea-41e2-9197-370581804d09' },
        { value: 'Mail.ReadWrite', appRoleId: 'e2a3a72e-5f79-4c64-b1b1-878b674786c9' },
        { value: 'Mail.Send', appRoleId: 'b633e1c5-b582-4048-a93e-9f11b44c7e96' },
        { value: 'Files.ReadWrite.All', appRoleId: '75359482-378d-4052-8f01-80520e7db3cd' },
        { value: 'Sites.FullControl.All', appRoleId: 'a82116e5-55eb-4c41-a434-62fe8a61c773' },
        { value: 'Sites.ReadWrite.All', appRoleId: '9492366f-7969-46a4-8d15-ed1a20078fff' },
        // Office 365 Exchange Online's application role for EWS with full access to every mailbox
        // (Microsoft Learn, "Authenticate an EWS application by using OAuth").
        { value: 'full_access_as_app', appRoleId: 'dc890d15-9560-4a4c-9b7f-a736ec74ec40' },
      ],
      /**
       * Directory.Read.All lets an app read every user, group, device and app without a user present.
       * Many legitimate tools need it, so it is info, not a warning — and only for non-Microsoft apps.
       */
      broadReadApplicationPermissions: [{ value: 'Directory.Read.All', appRoleId: '7ab1d382-f21e-4acd-a863-ba3e13f7da61' }],
      /**
       * Delegated scopes that, consented on behalf of every user (AllPrincipals), let the app act as any
       * signed-in user on the whole directory, every mailbox or every site.
       */
      tenantWideDelegatedScopes: [
        'Directory.ReadWrite.All',
        'Directory.AccessAsUser.All',
        'RoleManagement.ReadWrite.Directory',
        'AppRoleAssignment.ReadWrite.All',
        'Application.ReadWrite.All',
        'DelegatedPermissionGrant.ReadWrite.All',
        'User.ReadWrite.All',
        'Group.ReadWrite.All',
        'Mail.ReadWrite',
        'Mail.Send',
        'Files.ReadWrite.All',
        'Sites.FullControl.All',
        'Sites.ReadWrite.All',
      ],
    },
  },
};

/** Overrides for one tenant: any subset of the keys. A list given replaces the default list. */
export type ThresholdOverrides = {
  [Area in keyof HealthThresholds]?: {
    [Rule in keyof HealthThresholds[Area]]?: Partial<HealthThresholds[Area][Rule]>;
  };
};

export class ThresholdsError extends AppError {
  constructor(readonly problems: string[]) {
    super('bad_request', `Invalid health thresholds: ${problems.join('; ')}`);
  }
}

/** Pairs where the warning must come before the critical level; `rising` = the measured value grows towards critical. */
const WARNING_BEFORE_CRITICAL: { warning: string; critical: string; rising: boolean }[] = [
  { warning: 'sync.stale.warningAfterHours', critical: 'sync.stale.criticalAfterHours', rising: true },
  { warning: 'sync.errors.warningAtObjects', critical: 'sync.errors.criticalAtObjects', rising: true },
  { warning: 'cloudSync.lastSuccess.warningAfterHours', critical: 'cloudSync.lastSuccess.criticalAfterHours', rising: true },
  { warning: 'phs.stale.warningAfterMinutes', critical: 'phs.stale.criticalAfterMinutes', rising: true },
  { warning: 'federation.certificate.warningDaysBeforeExpiry', critical: 'federation.certificate.criticalDaysBeforeExpiry', rising: false },
];

/**
 * Defaults with a tenant's overrides laid over them. Throws a ThresholdsError naming every bad key:
 * unknown keys, numbers that are not positive, lists of the wrong shape, a warning that does not come
 * before its critical level.
 */
export function mergeThresholds(defaults: HealthThresholds, overrides: ThresholdOverrides | undefined): HealthThresholds {
  const problems: string[] = [];
  const merged = mergeValue(defaults, overrides, '', problems) as HealthThresholds;
  if (problems.length === 0) problems.push(...orderProblems(merged));
  if (problems.length > 0) throw new ThresholdsError(problems);
  return merged;
}

function mergeValue(fallback: unknown, override: unknown, path: string, problems: string[]): unknown {
  if (override === undefined) return structuredClone(fallback);
  if (Array.isArray(fallback)) return checkedList(fallback, override, path, problems);
  if (typeof fallback === 'number') return checkedNumber(fallback, override, path, problems);
  if (!isPlainObject(override)) {
    problems.push(`${path || 'thresholds'} must be an object`);
    return structuredClone(fallback);
  }
  const defaults = fallback as Record<string, unknown>;
  for (const key of Object.keys(override)) if (!(key in defaults)) problems.push(`${join(path, key)} is not a known threshold`);
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defaults)) merged[key] = mergeValue(value, override[key], join(path, key), problems);
  return merged;
}

function checkedNumber(fallback: number, override: unknown, path: string, problems: string[]): number {
  if (typeof override === 'number' && Number.isFinite(override) && override > 0) return override;
  problems.push(`${path} must be a positive number, got ${JSON.stringify(override)}`);
  return fallback;
}

function checkedList(fallback: unknown[], override: unknown, path: string, problems: string[]): unknown[] {
  const wantsPermissions = typeof fallback[0] === 'object';
  const fits = (item: unknown): boolean => (wantsPermissions ? isPermissionRef(item) : typeof item === 'string' && item.trim() !== '');
  if (Array.isArray(override) && override.every(fits)) return structuredClone(override);
  const shape = wantsPermissions ? '{ value, appRoleId? } permissions' : 'non-empty strings';
  problems.push(`${path} must be a list of ${shape}`);
  return structuredClone(fallback);
}

function orderProblems(thresholds: HealthThresholds): string[] {
  const problems: string[] = [];
  for (const { warning, critical, rising } of WARNING_BEFORE_CRITICAL) {
    const warningValue = valueAt(thresholds, warning);
    const criticalValue = valueAt(thresholds, critical);
    const inOrder = rising ? warningValue < criticalValue : warningValue > criticalValue;
    if (!inOrder) {
      const relation = rising ? 'less' : 'greater';
      problems.push(`${warning} (${warningValue}) must be ${relation} than ${critical} (${criticalValue}), so the warning comes first`);
    }
  }
  return problems;
}

function valueAt(thresholds: HealthThresholds, path: string): number {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], thresholds) as number;
}

function isPermissionRef(item: unknown): boolean {
  if (!isPlainObject(item)) return false;
  const { value, appRoleId } = item as { value?: unknown; appRoleId?: unknown };
  return typeof value === 'string' && value.trim() !== '' && (appRoleId === undefined || typeof appRoleId === 'string');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
