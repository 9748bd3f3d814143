import type { Actor } from '../contract/card-action';
import type {
  ChatNotifications,
  ChatPlace,
  SettingsResult,
  SubscribeResult,
  Subscription,
  SubscriptionPatch,
  UnsubscribeResult,
} from '../contract/notifications';
import type { RoleChecker, RoleDecision } from '../identity/tenant/admin-roles';
import type { Clock } from './clock';
import { labelOf, type InstallationStore } from './installations';
import type { SubscriptionStore } from './subscriptions';

/** A chat's own subscription: who may change it, and the changes themselves. */
export class ChatSubscriptions implements Pick<ChatNotifications, 'subscribe' | 'unsubscribe' | 'subscription' | 'updateSettings'> {
  constructor(
    private readonly installations: InstallationStore,
    private readonly subscriptions: SubscriptionStore,
    private readonly roles: RoleChecker,
    private readonly clock: Clock,
  ) {}

  /** In a channel or group chat only an admin (Global or Hybrid Identity Administrator) may change alerts; in a personal chat the user may. */
  async mayManage(place: Pick<ChatPlace, 'tenantId' | 'kind'>, actor: Actor): Promise<RoleDecision> {
    if (place.kind === 'personal') return { allowed: true, reason: 'personal chat' };
    return this.roles.canManage(place.tenantId, actor);
  }

  async subscribe(request: ChatPlace & { actor: Actor; minimumSeverity?: Subscription['minimumSeverity'] }): Promise<SubscribeResult> {
    const { tenantId, conversationId, kind, actor, minimumSeverity } = request;
    const decision = await this.mayManage(request, actor);
    if (!decision.allowed) return { outcome: 'forbidden', reason: decision.reason };
    const installation = await this.installations.get(tenantId, conversationId);
    const subscription = await this.subscriptions.subscribe({
      tenantId,
      conversationId,
      kind,
      label: labelOf(installation ?? { kind, conversationId, user: actor }),
      subscribedBy: actor,
      subscribedAt: new Date(this.clock.now()).toISOString(),
      ...(minimumSeverity ? { minimumSeverity } : {}),
    });
    return { outcome: 'subscribed', subscription };
  }

  async unsubscribe(place: ChatPlace, actor: Actor): Promise<UnsubscribeResult> {
    const decision = await this.mayManage(place, actor);
    if (!decision.allowed) return { outcome: 'forbidden', reason: decision.reason };
    return (await this.subscriptions.unsubscribe(place.tenantId, place.conversationId))
      ? { outcome: 'unsubscribed' }
      : { outcome: 'not-subscribed' };
  }

  subscription(place: Pick<ChatPlace, 'tenantId' | 'conversationId'>): Promise<Subscription | undefined> {
    return this.subscriptions.get(place.tenantId, place.conversationId);
  }

  async updateSettings(place: ChatPlace, actor: Actor, patch: SubscriptionPatch): Promise<SettingsResult> {
    const decision = await this.mayManage(place, actor);
    if (!decision.allowed) return { outcome: 'forbidden', reason: decision.reason };
    const updated = await this.subscriptions.patch(place.tenantId, place.conversationId, patch);
    return updated ? { outcome: 'saved', subscription: updated } : { outcome: 'not-subscribed' };
  }
}
