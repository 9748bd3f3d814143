/**
 * Entra Connect's details as an admin reads them: accidental-deletion prevention and the sync
 * features on or off, with plain names, from the sync configuration Graph gives a Global
 * Administrator (directory/onPremisesSynchronization). Pure: built from a snapshot.
 *
 * The sync client's version, its sync interval and the interval the customer asked for come from
 * the beta resource
 * (https://learn.microsoft.com/en-us/graph/api/resources/onpremisesdirectorysynchronizationconfiguration?view=graph-rest-beta),
 * and the panel says so.
 */
import { versionSupport } from './connect-version';
import { intervalInWords } from './iso-duration';
import type { TenantSnapshot } from './snapshot';

/** Every refused reading starts with this, in the bot, `npm run check` and the tab. */
export const SYNC_CONFIGURATION_NEEDS_GLOBAL_ADMIN = 'only a Global Administrator may read the sync configuration';

/** The tab says this beside the client version and intervals. */
export const READ_FROM_BETA = "The client version and sync intervals come from Microsoft Graph's beta API, which Microsoft may change.";

/** Accidental-deletion prevention defaults to 500 deletions when Entra Connect is installed (how-to-connect-sync-feature-prevent-accidental-deletes, 2025-04-09). */
export const DEFAULT_DELETION_THRESHOLD = 500;

export type FeatureGroup = 'Passwords' | 'Writeback' | 'Matching and conflicts' | 'Other';

export interface SyncFeature {
  /** The property of onPremisesDirectorySynchronizationFeature (v1.0). */
  key: string;
  name: string;
  group: FeatureGroup;
  /** Said beside it, when Graph's own description qualifies the flag. */
  note?: string;
}

/**
 * The 19 features of onPremisesDirectorySynchronizationFeature in v1.0
 * (https://learn.microsoft.com/en-us/graph/api/resources/onpremisesdirectorysynchronizationfeature,
 * 2024-10-03), in the order the tab lists them; the names are ours.
 */
export const SYNC_FEATURES: readonly SyncFeature[] = [
  { key: 'passwordSyncEnabled', name: 'Password hash sync', group: 'Passwords' },
  {
    key: 'passwordWritebackEnabled',
    name: 'Password writeback',
    group: 'Passwords',
    note: 'Graph documents this flag as not in use, so it may not match what Entra Connect does',
  },
  { key: 'cloudPasswordPolicyForPasswordSyncedUsersEnabled', name: 'Cloud password policy for password-synced users', group: 'Passwords' },
  { key: 'userForcePasswordChangeOnLogonEnabled', name: '"Change password at next sign-in" synced from AD', group: 'Passwords' },
  { key: 'userWritebackEnabled', name: 'User writeback', group: 'Writeback' },
  { key: 'groupWriteBackEnabled', name: 'Group writeback (more group types)', group: 'Writeback' },
  { key: 'unifiedGroupWritebackEnabled', name: 'Microsoft 365 group writeback', group: 'Writeback' },
  { key: 'deviceWritebackEnabled', name: 'Device writeback', group: 'Writeback' },
  { key: 'softMatchOnUpnEnabled', name: 'Soft match on user principal name', group: 'Matching and conflicts' },
  { key: 'blockSoftMatchEnabled', name: 'Soft matching blocked', group: 'Matching and conflicts' },
  {
    key: 'blockCloudObjectTakeoverThroughHardMatchEnabled',
    name: 'Cloud objects protected from takeover by hard match',
    group: 'Matching and conflicts',
  },
  { key: 'quarantineUponUpnConflictEnabled', name: 'Quarantine on a duplicate user principal name', group: 'Matching and conflicts' },
  { key: 'quarantineUponProxyAddressesConflictEnabled', name: 'Quarantine on a duplicate proxy address', group: 'Matching and conflicts' },
  {
    key: 'fopeConflictResolutionEnabled',
    name: 'Proxy-address conflicts of a migrated FOPE tenant resolved',
    group: 'Matching and conflicts',
  },
  { key: 'directoryExtensionsEnabled', name: 'Directory extension attributes synced', group: 'Other' },
  { key: 'synchronizeUpnForManagedUsersEnabled', name: 'User principal name changes synced for licensed managed users', group: 'Other' },
  { key: 'bypassDirSyncOverridesEnabled', name: "AD's mobile numbers kept over numbers set in Entra ID", group: 'Other' },
  { key: 'concurrentOrgIdProvisioningEnabled', name: 'Users created concurrently', group: 'Other' },
  { key: 'concurrentCredentialUpdateEnabled', name: 'Credentials updated concurrently', group: 'Other' },
];

export interface ConnectFeature extends SyncFeature {
  /** null: Graph's answer did not carry it. */
  on: boolean | null;
}

export type ConnectDetails =
  | { state: 'notChecked'; reason: string }
  | { state: 'neverSynced' }
  | {
      state: 'read';
      deletionPrevention: { type: string; threshold: number | null; sentence: string } | null;
      features: ConnectFeature[];
      /** null: Graph gave no version. */
      clientVersion: string | null;
      /** Whether Learn's lifecycle rule retires it, or why it is not judged; null without a version. */
      versionNote: string | null;
      /** "every 30 minutes"; or Graph's text when it is not a duration; null when not given. */
      interval: string | null;
      /** The interval the customer asked for, in words; null when none is set. */
      requestedInterval: string | null;
      source: string;
    };

/** The tab's "Entra Connect details" panel, from the snapshot's sync configuration. */
export function connectDetails(snapshot: TenantSnapshot): ConnectDetails {
  const organization = snapshot.organization.status === 'ok' ? snapshot.organization.data : null;
  if (organization?.onPremisesSyncEnabled === null) return { state: 'neverSynced' };
  const section = snapshot.syncSettings;
  if (section.status === 'unavailable') return { state: 'notChecked', reason: `not checked, because ${section.reason}` };
  const prevention = section.data.accidentalDeletionPrevention;
  return {
    state: 'read',
    deletionPrevention: prevention && { ...prevention, sentence: deletionPreventionSentence(prevention) },
    features: SYNC_FEATURES.map((feature) => ({ ...feature, on: section.data.features[feature.key] ?? null })),
    clientVersion: section.data.clientVersion,
    versionNote: section.data.clientVersion === null ? null : versionSupport(section.data.clientVersion).note,
    interval: inWords(section.data.synchronizationInterval),
    requestedInterval: inWords(section.data.customerRequestedSynchronizationInterval),
    source: READ_FROM_BETA,
  };
}

/** A zero or unreadable duration is shown as Graph sent it ("PT0S"), never as an invented interval. */
function inWords(duration: string | null): string | null {
  if (duration === null) return null;
  return intervalInWords(duration) ?? `"${duration}" (as Graph reported it)`;
}

/** "On: an export that would delete more than 500 objects is stopped (the default)." */
export function deletionPreventionSentence(prevention: { type: string; threshold: number | null }): string {
  const { type, threshold } = prevention;
  if (type === 'disabled') return 'Off: a sync may delete any number of objects in Entra ID at once.';
  if (threshold === null && (type === 'enabledForCount' || type === 'enabledForPercentage')) return 'On, with no threshold reported.';
  if (type === 'enabledForCount') {
    const objects = `${threshold!.toLocaleString('en-US')} ${threshold === 1 ? 'object' : 'objects'}`;
    return `On: an export that would delete more than ${objects} is stopped${threshold === DEFAULT_DELETION_THRESHOLD ? ' (the default)' : ` (the default is ${DEFAULT_DELETION_THRESHOLD})`}.`;
  }
  if (type === 'enabledForPercentage') return `On: an export that would delete more than ${threshold}% of the synced objects is stopped.`;
  return `Graph reported a setting this app does not know ("${type}").`;
}
