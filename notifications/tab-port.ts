import { DEFAULT_THRESHOLDS, mergeThresholds, type HealthThresholds, type ThresholdOverrides } from '../identity/tenant/thresholds';
import type { KeyValueStore } from '../storage/store';
import { tabThresholdsOf, thresholdOverridesOf } from '../contract/tab';
import type { TabNotifications } from '../contract/notifications';
import { PREFIX } from './keys';
import { demoObservations, type LagThresholds } from './demo-history';
import { listObservations, OBSERVATION_RETENTION_DAYS } from './observations';
import { listChatSubscriptions, SubscriptionNotFoundError, updateChatSubscription } from './subscriptions';
import { TabAlerts } from './tab-alerts';

const thresholdsKey = (tenantId: string): string => `${PREFIX}thresholds/${encodeURIComponent(tenantId)}`;

/** The tenant's health thresholds: defaults with its stored overrides (the watcher uses these). */
export async function thresholdsFor(store: KeyValueStore, tenantId: string): Promise<HealthThresholds> {
  const overrides = (await store.get<ThresholdOverrides>(thresholdsKey(tenantId)))?.value;
  return mergeThresholds(DEFAULT_THRESHOLDS, overrides);
}

/** The lines the history chart marks, in minutes. */
export function lagThresholdsOf(t: HealthThresholds): LagThresholds {
  return {
    syncWarningMinutes: t.sync.stale.warningAfterHours * 60,
    syncCriticalMinutes: t.sync.stale.criticalAfterHours * 60,
    passwordSyncWarningMinutes: t.phs.stale.warningAfterMinutes,
  };
}

/**
 * The tab API's view of notifications (contract/notifications.ts): history for the chart,
 * subscriptions with labels and thresholds, and saving them.
 */
export function tabNotificationsPort(
  store: KeyValueStore,
  now: () => number = Date.now,
  options: { demoHistory?: boolean } = {},
): TabNotifications {
  const alerts = new TabAlerts(store, now);
  const person = (actor: { userId: string; name: string }) => ({ name: actor.name, ...(actor.userId ? { id: actor.userId } : {}) });
  return {
    alerts: (tenantId) => alerts.list(tenantId),
    exclude: (tenantId, request, actor) => alerts.exclude(tenantId, request, person(actor)),
    revokeExclusion: (tenantId, id, actor) => alerts.revoke(tenantId, id, person(actor)),
    excludedAmong: (tenantId, findings) => alerts.excludedAmong(tenantId, findings),
    history: async (tenantId, days) => {
      const real = await listObservations(store, tenantId, days, now());
      if (!options.demoHistory) return real;
      // Demo mode: made-up points (marked demo) before the first real observation the store keeps.
      const first = (await listObservations(store, tenantId, OBSERVATION_RETENTION_DAYS, now()))[0];
      const until = first ? Date.parse(first.at) : now();
      return [...demoObservations(now() - days * 86_400_000, until, lagThresholdsOf(await thresholdsFor(store, tenantId))), ...real];
    },
    lagThresholds: async (tenantId) => lagThresholdsOf(await thresholdsFor(store, tenantId)),
    settings: async (tenantId) => ({
      subscriptions: await listChatSubscriptions(store, tenantId),
      thresholds: tabThresholdsOf(await thresholdsFor(store, tenantId)),
    }),
    updateSettings: async (tenantId, settings) => {
      const overrides = thresholdOverridesOf(settings.thresholds);
      mergeThresholds(DEFAULT_THRESHOLDS, overrides); // throws ThresholdsError (400) on nonsense
      // Check every chat first, so a bad one changes nothing rather than half of the settings.
      const known = new Set((await listChatSubscriptions(store, tenantId)).map((s) => s.conversationId));
      const unknown = settings.subscriptions.find((s) => !known.has(s.conversationId));
      if (unknown) throw new SubscriptionNotFoundError(unknown.conversationId);
      for (const subscription of settings.subscriptions) await updateChatSubscription(store, tenantId, subscription);
      await store.put(thresholdsKey(tenantId), overrides);
      return {
        subscriptions: await listChatSubscriptions(store, tenantId),
        thresholds: tabThresholdsOf(await thresholdsFor(store, tenantId)),
      };
    },
  };
}
