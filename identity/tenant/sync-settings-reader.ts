/**
 * Entra Connect's sync configuration as Graph tells it: GET /beta/directory/onPremisesSynchronization
 * (https://learn.microsoft.com/en-us/graph/api/onpremisesdirectorysynchronization-get?view=graph-rest-beta).
 * Delegated OnPremDirectorySynchronization.Read.All only (application permissions "Not supported"),
 * and Global Administrator is the only role supported, as in v1.0. Read on beta because v1.0's
 * configuration holds only accidental-deletion prevention; beta's adds the client's version and
 * the sync intervals (resources/onpremisesdirectorysynchronizationconfiguration?view=graph-rest-beta).
 */
import { ENTRA_ROLES } from './admin-roles';
import { SYNC_CONFIGURATION_NEEDS_GLOBAL_ADMIN } from './connect-details';
import type { GraphReply } from '../../platform/graph/port';
import { accessHint, NotPresent, sectionFrom } from './sections';
import type { DeletionPreventionType, ReadIdentity, Section, SyncSettings } from './snapshot';

/**
 * Why an app-only read has no sync configuration. The bot, the watcher and `npm run check` read
 * app-only, so they never ask, and show deletion prevention and the sync-configuration part of
 * password-hash-sync detection as "not checked" — the same in the demo as in production. Only the
 * tab, read with a signed-in Global Administrator's own token, shows them. (Chosen over keeping the
 * last delegated reading: an old reading of a setting that an admin can turn off at any time would
 * let an alert say "on" for a tenant where it is off.)
 */
export const SYNC_SETTINGS_APP_ONLY = `${SYNC_CONFIGURATION_NEEDS_GLOBAL_ADMIN}, and Graph never gives it to the app's own (app-only) access: a Global Administrator sees it in the tab's Entra Connect details after signing in`;

const NOT_GLOBAL_ADMIN = `${SYNC_CONFIGURATION_NEEDS_GLOBAL_ADMIN}, and the signed-in admin is not one`;

/** The section from the status batch's reply; `reply` is absent when the read was app-only (never asked). */
export function syncSettingsSection(reply: GraphReply | undefined, readAs: ReadIdentity): Section<SyncSettings> {
  if (readAs.kind === 'app' || !reply) return { status: 'unavailable', reason: SYNC_SETTINGS_APP_ONLY };
  const globalAdmin = readAs.roles.some((id) => id.toLowerCase() === ENTRA_ROLES.globalAdministrator.id);
  if (reply.status === 403 && !globalAdmin) {
    const code = (reply.body as { error?: { code?: unknown } } | undefined)?.error?.code;
    return {
      status: 'unavailable',
      reason: `${NOT_GLOBAL_ADMIN} (Graph answered 403${typeof code === 'string' ? ` ${code}` : ''})`,
      httpStatus: 403,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  // A Global Administrator refused: the token lacks the scope (consent), which the hint names.
  return sectionFrom(
    reply,
    accessHint(readAs, 'OnPremDirectorySynchronization.Read.All', 'Global Administrator is the only role Graph lets read it'),
    readSyncSettings,
  );
}

const PREVENTION_TYPES: readonly DeletionPreventionType[] = ['disabled', 'enabledForCount', 'enabledForPercentage'];

/** The collection's one item (or the object itself): its features and accidental-deletion prevention. */
export function readSyncSettings(body: unknown): SyncSettings {
  const list = (body as { value?: unknown }).value;
  const item = (Array.isArray(list) ? list[0] : body) as Record<string, unknown> | undefined;
  if (!item) throw new NotPresent('not configured: this tenant has never synchronised from on-premises');
  const features = Object.fromEntries(
    Object.entries((item.features ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'boolean'),
  ) as Record<string, boolean>;
  // configuration is nullable (resources/onpremisesdirectorysynchronization): then there is no setting to show.
  const configuration = item.configuration as Record<string, unknown> | null | undefined;
  const prevention = configuration?.accidentalDeletionPrevention as Record<string, unknown> | null | undefined;
  return {
    passwordHashSyncEnabled: features.passwordSyncEnabled === true,
    features,
    accidentalDeletionPrevention: prevention
      ? {
          type: PREVENTION_TYPES.find((t) => t === prevention.synchronizationPreventionType) ?? 'unknown',
          threshold: typeof prevention.alertThreshold === 'number' ? prevention.alertThreshold : null,
        }
      : null,
    clientVersion: text(configuration?.synchronizationClientVersion),
    synchronizationInterval: text(configuration?.synchronizationInterval),
    customerRequestedSynchronizationInterval: text(configuration?.customerRequestedSynchronizationInterval),
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
