/**
 * The 19 booleans of onPremisesDirectorySynchronizationFeature on Graph's v1.0 reference page
 * (https://learn.microsoft.com/graph/api/resources/onpremisesdirectorysynchronizationfeature, 2024-10-03),
 * sorted: what specs hold the dev tenant's v1.0 answer and the app's reading of it to. Written from the
 * page, not imported from the app (identity/tenant/connect-details.ts, whose list the dev tenant
 * serves too), so that a spec can tell when the app drifts from Graph.
 */
export const V1_SYNC_FEATURES: readonly string[] = [
  'blockCloudObjectTakeoverThroughHardMatchEnabled',
  'blockSoftMatchEnabled',
  'bypassDirSyncOverridesEnabled',
  'cloudPasswordPolicyForPasswordSyncedUsersEnabled',
  'concurrentCredentialUpdateEnabled',
  'concurrentOrgIdProvisioningEnabled',
  'deviceWritebackEnabled',
  'directoryExtensionsEnabled',
  'fopeConflictResolutionEnabled',
  'groupWriteBackEnabled',
  'passwordSyncEnabled',
  'passwordWritebackEnabled',
  'quarantineUponProxyAddressesConflictEnabled',
  'quarantineUponUpnConflictEnabled',
  'softMatchOnUpnEnabled',
  'synchronizeUpnForManagedUsersEnabled',
  'unifiedGroupWritebackEnabled',
  'userForcePasswordChangeOnLogonEnabled',
  'userWritebackEnabled',
];
