import { DEFAULT_THRESHOLDS, mergeThresholds, type HealthThresholds, type ThresholdOverrides } from '../identity/tenant/thresholds';
import type { KeyValueStore } from '../storage/store';
import { tabThresholdsOf, thresholdOverridesOf } from '../contract/tab';
import type { TabNotifications } from '../contract/notifications';
import { PREFIX } from './keys';
import { listObservations } from './observations';
import { listChatSubscriptions, SubscriptionNotFoundError, updateChatSubscription } from './subscriptions';

const thresholdsKey = (tenantId: string): string => `${PREFIX}thresholds/${encodeURIComponent(tenantId)}`;

/** The tenant's health thresholds: defaults with its stored overrides (the watcher uses these). */
export async function thresholdsFor(store: KeyValueStore, tenantId: string): Promise<HealthThresholds> {
  const overrides = (await store.get<ThresholdOverrides>(thresholdsKey(tenantId)))?.value;
  return mergeThresholds(DEFAULT_THRESHOLDS, overrides);
}

/**
 * The tab API's view of notifications (contract/notifications.ts): history for the chart,
 * subscriptions with labels and thresholds, and saving them.
 */
export function tabNotificationsPort(store: KeyValueStore, now: () => number = Date.now): TabNotifications {
  return {
    history: (tenantId, days) => listObservations(store, tenantId, days, now()),
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
