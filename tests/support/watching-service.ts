import type { RunningDevTenant } from '../../devtenant/server';
import { CachedSnapshots } from '../../identity/tenant/snapshot-cache';
import type { Clock } from '../../notifications/clock';
import { NotificationService, type NotificationServiceOptions } from '../../notifications/service';
import { createGraphPort } from '../../platform/graph/client';
import { silentLogger } from '../../platform/logger';

/**
 * The notification service as the alert specs drive it: reading the dev tenant's Graph (snapshots
 * kept `cacheMs`, 0 = every check reads), no schedule (checks run when the spec says), a test tab
 * URL, silent. `options` adds the store, transport and whatever a spec is about.
 */
export function watchingService(
  devTenant: RunningDevTenant,
  clock: Clock,
  options: Omit<NotificationServiceOptions, 'snapshots' | 'tabUrl' | 'watchIntervalMinutes' | 'clock' | 'logger'>,
  cacheMs = 0,
): NotificationService {
  const graph = createGraphPort({ endpoint: devTenant.url, token: devTenant.token() });
  return new NotificationService({
    snapshots: new CachedSnapshots(
      () => graph,
      cacheMs,
      () => clock.now(),
    ),
    tabUrl: 'https://example.test/tab/',
    watchIntervalMinutes: 0,
    clock,
    logger: silentLogger,
    ...options,
  });
}
