import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Severity } from '../identity/tenant/findings';
import { cardActivity, settingsCard } from '../cards/alerts';
import { labelOf, rootConversationId } from '../notifications/installations';
import type { NotificationService } from '../notifications/service';
import { SEVERITIES, SubscriptionPatch } from '../notifications/subscriptions';
import type { ConversationKind } from '../notifications/types';
import type { CardActionResult } from './bot';
import type { UserInput } from './input';
import type { MessageRoute } from './router';

/** What bot/index.ts wires in: the tracking hook, the chat commands and the alert card actions. */
export interface NotificationBotHooks {
  observe(context: TurnContext): Promise<void>;
  routes: MessageRoute[];
  handles(data: unknown): boolean;
  act(context: TurnContext, data: Record<string, unknown>): Promise<CardActionResult>;
}

const SUBSCRIBE = /^subscribe(?:\s+(?:to\s+)?(info|warning|warnings|critical)(?:\s+(?:and\s+(?:up|above)|or\s+(?:worse|above)))?)?$/i;

function kindOf(context: TurnContext): ConversationKind {
  const type = context.activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat' || type === 'personal') return type;
  return context.activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

function actorOf(context: TurnContext): { id: string; name?: string; aadObjectId?: string } {
  const from = context.activity.from ?? { id: '' };
  return { id: from.id, ...(from.name ? { name: from.name } : {}), ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) };
}

export function isNotificationAction(data: unknown): boolean {
  const verb = (data as { verb?: unknown } | undefined)?.verb;
  return typeof verb === 'string' && (verb.startsWith('alert.') || verb === 'notify.settings');
}

export function notificationCommands(
  service: NotificationService,
  options: { tabUrl: string; tenantOf: (context: TurnContext) => string },
): NotificationBotHooks {
  const where = (context: TurnContext) => ({
    tenantId: options.tenantOf(context),
    conversationId: rootConversationId(context.activity),
    kind: kindOf(context),
  });

  const refuse = async (context: TurnContext, reason: string): Promise<void> => {
    await context.sendActivity(
      `Only an admin can change sync-health alerts in a ${kindOf(context) === 'channel' ? 'channel' : 'group chat'}: ${reason}.`,
    );
  };

  const subscribe = async (context: TurnContext, input: UserInput): Promise<void> => {
    const { tenantId, conversationId, kind } = where(context);
    const decision = await service.mayManage(tenantId, kind, actorOf(context));
    if (!decision.allowed) return refuse(context, decision.reason);
    const wanted = SUBSCRIBE.exec(input.text)?.[1]?.toLowerCase().replace(/s$/, '') as Severity | undefined;
    const installation = await service.installations.get(tenantId, conversationId);
    const label = installation ? labelOf(installation) : labelOf({ kind, conversationId, user: actorOf(context) });
    const subscription = await service.subscriptions.subscribe({
      tenantId,
      conversationId,
      kind,
      label,
      subscribedBy: actorOf(context),
      subscribedAt: new Date(service.clock.now()).toISOString(),
      ...(wanted && SEVERITIES.includes(wanted) ? { minimumSeverity: wanted } : {}),
    });
    await context.sendActivity(
      `Subscribed: ${kind === 'personal' ? 'you get' : 'this ' + (kind === 'channel' ? 'channel gets' : 'chat gets')} sync-health alerts at ${subscription.minimumSeverity} or worse` +
        `${subscription.reminderHours ? `, with a reminder every ${subscription.reminderHours} h while one stays open` : ''}${subscription.digest ? ', as a daily digest' : ''}. ` +
        `The tenant is checked every few minutes. Type "settings" to change this, "unsubscribe" to stop.`,
    );
  };

  const unsubscribe = async (context: TurnContext): Promise<void> => {
    const { tenantId, conversationId, kind } = where(context);
    const decision = await service.mayManage(tenantId, kind, actorOf(context));
    if (!decision.allowed) return refuse(context, decision.reason);
    const removed = await service.subscriptions.unsubscribe(tenantId, conversationId);
    await context.sendActivity(
      removed
        ? 'Unsubscribed: no more sync-health alerts here.'
        : 'There was no subscription here. Type "subscribe" to get sync-health alerts.',
    );
  };

  const settings = async (context: TurnContext): Promise<void> => {
    const { tenantId, conversationId } = where(context);
    const subscription = await service.subscriptions.get(tenantId, conversationId);
    if (!subscription) {
      await context.sendActivity('No sync-health alerts here yet. Type "subscribe" (or "subscribe critical") first.');
      return;
    }
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(settingsCard(subscription, options.tabUrl))));
  };

  const act = async (context: TurnContext, data: Record<string, unknown>): Promise<CardActionResult> => {
    const { tenantId, conversationId, kind } = where(context);
    const verb = String(data.verb);
    if (verb === 'notify.settings') {
      const decision = await service.mayManage(tenantId, kind, actorOf(context));
      if (!decision.allowed) return { message: `Only an admin can change these settings: ${decision.reason}.` };
      const parsed = SubscriptionPatch.safeParse({
        minimumSeverity: data.minimumSeverity,
        reminderHours: data.reminderHours === '' ? undefined : data.reminderHours,
        digest: data.digest,
      });
      if (!parsed.success)
        return {
          message: `Those settings are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        };
      const updated = await service.subscriptions.patch(tenantId, conversationId, parsed.data);
      if (!updated) return { message: 'There is no subscription here any more. Type "subscribe" first.' };
      return { card: settingsCard(updated, options.tabUrl, 'Saved.') };
    }
    const alertId = typeof data.alertId === 'string' ? data.alertId : '';
    const result = await service.act(verb, tenantId, alertId, kind, actorOf(context));
    // Universal Actions: the invoke response replaces the card for the clicker; an update of the
    // message itself shows it to everyone in the conversation too.
    if (result.card && context.activity.type === 'invoke' && context.activity.replyToId && verb !== 'alert.refresh') {
      await context
        .updateActivity({ ...cardActivity(result.card, 'Sync-health alert'), id: context.activity.replyToId })
        .catch(() => undefined);
    }
    return result;
  };

  return {
    observe: (context) => service.observe(context.activity),
    handles: isNotificationAction,
    act,
    routes: [
      { name: 'subscribe', matches: (input) => SUBSCRIBE.test(input.text), handle: subscribe },
      {
        name: 'unsubscribe',
        matches: (input) => /^(unsubscribe|stop alerts)$/i.test(input.text),
        handle: (context) => unsubscribe(context),
      },
      {
        name: 'settings',
        matches: (input) => /^(settings|alert settings|notification settings)$/i.test(input.text),
        handle: (context) => settings(context),
      },
    ],
  };
}
