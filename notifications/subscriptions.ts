import type { Severity } from '../identity/tenant/findings';
import type { KeyValueStore } from '../storage/store';
import { update } from '../storage/store';
import type { ChatSubscription } from '../contract/tab';
import { SubscriptionPatch, type Subscription } from '../contract/notifications';
import { FINDING_CATEGORIES } from '../identity/alerts/categories';
import { keys } from './keys';
import { AppError } from '../platform/errors';

/** Defaults of a new subscription: every category, warnings and worse, a reminder a day, each alert on its own (a digest would go at 08:00 UTC). */
export const DEFAULT_SUBSCRIPTION = {
  minimumSeverity: 'warning' as Severity,
  categories: [...FINDING_CATEGORIES],
  reminderHours: 24,
  digest: false,
  digestHour: 8,
  timeZone: 'UTC',
};

type Settable = 'minimumSeverity' | 'categories' | 'reminderHours' | 'digest' | 'digestHour' | 'timeZone';

/** A stored subscription with the defaults of settings added since it was stored (categories, digest hour, time zone). */
function withDefaults(stored: Subscription): Subscription {
  return { ...DEFAULT_SUBSCRIPTION, ...stored, categories: stored.categories ?? [...DEFAULT_SUBSCRIPTION.categories] };
}

export class SubscriptionStore {
  constructor(private readonly store: KeyValueStore) {}

  async get(tenantId: string, conversationId: string): Promise<Subscription | undefined> {
    const stored = (await this.store.get<Subscription>(keys.subscription(tenantId, conversationId)))?.value;
    return stored && withDefaults(stored);
  }

  async list(tenantId: string): Promise<Subscription[]> {
    return (await this.store.list<Subscription>(keys.subscriptions(tenantId))).map((item) => withDefaults(item.value));
  }

  /** Creates or updates; an existing subscription keeps its settings unless the caller changes them. */
  async subscribe(subscription: Omit<Subscription, Settable> & Partial<Pick<Subscription, Settable>>): Promise<Subscription> {
    const result = await update<Subscription>(
      this.store,
      keys.subscription(subscription.tenantId, subscription.conversationId),
      (current) => ({
        ...withDefaults({ ...DEFAULT_SUBSCRIPTION, ...current } as Subscription),
        ...(stripUndefined(subscription) as typeof subscription),
        subscribedAt: current?.subscribedAt ?? subscription.subscribedAt,
      }),
    );
    return result!;
  }

  async patch(tenantId: string, conversationId: string, patch: SubscriptionPatch): Promise<Subscription | undefined> {
    const next = await update<Subscription>(this.store, keys.subscription(tenantId, conversationId), (current) =>
      current ? { ...withDefaults(current), ...stripUndefined(patch) } : undefined,
    );
    return next && withDefaults(next);
  }

  async setDigestDate(tenantId: string, conversationId: string, date: string): Promise<void> {
    await update<Subscription>(this.store, keys.subscription(tenantId, conversationId), (current) =>
      current ? { ...current, lastDigestDate: date } : undefined,
    );
  }

  /** True when there was one to remove. */
  async unsubscribe(tenantId: string, conversationId: string): Promise<boolean> {
    const key = keys.subscription(tenantId, conversationId);
    const existing = await this.store.get(key);
    await this.store.delete(key);
    return Boolean(existing);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function toChatSubscription(subscription: Subscription): ChatSubscription {
  return {
    conversationId: subscription.conversationId,
    label: subscription.label,
    kind: subscription.kind,
    minimumSeverity: subscription.minimumSeverity,
    categories: subscription.categories,
    reminderHours: subscription.reminderHours,
    digest: subscription.digest,
    digestHour: subscription.digestHour,
    timeZone: subscription.timeZone,
  };
}

/**
 * For the tab API (GET /api/tab/settings): a tenant's chat subscriptions with their labels.
 * The caller has already checked the signed-in user's tenant and role.
 */
export async function listChatSubscriptions(store: KeyValueStore, tenantId: string): Promise<ChatSubscription[]> {
  return (await new SubscriptionStore(store).list(tenantId)).map(toChatSubscription);
}

export class SubscriptionNotFoundError extends AppError {
  constructor(readonly conversationId: string) {
    super('not_found', `no subscription for conversation ${conversationId}`);
  }
}

/**
 * For the tab API (PUT /api/tab/settings): changes one subscription's categories, minimum severity,
 * reminder interval or digest (mode, hour, time zone). Throws a ZodError on a bad value (answer 400) and
 * SubscriptionNotFoundError when the conversation has none in this tenant (answer 404).
 * Label, kind and conversation id are read-only.
 */
export async function updateChatSubscription(
  store: KeyValueStore,
  tenantId: string,
  change: Pick<ChatSubscription, 'conversationId'> & Partial<ChatSubscription>,
): Promise<ChatSubscription> {
  const { conversationId, minimumSeverity, categories, reminderHours, digest, digestHour, timeZone } = change;
  const patch = SubscriptionPatch.parse({ minimumSeverity, categories, reminderHours, digest, digestHour, timeZone });
  const updated = await new SubscriptionStore(store).patch(tenantId, conversationId, patch);
  if (!updated) throw new SubscriptionNotFoundError(conversationId);
  return toChatSubscription(updated);
}
