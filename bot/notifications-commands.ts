import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { cardActivity, settingsCard } from '../cards/alerts';
import type { Actor, CardActionResult } from '../contract/card-action';
import {
  AlertSeverity,
  conversationKindOf,
  rootConversationId,
  SubscriptionPatch,
  type ChatNotifications,
  type ChatPlace,
} from '../contract/notifications';
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

function actorOf(context: TurnContext): Actor {
  const from = context.activity.from ?? { id: '' };
  return { id: from.id, ...(from.name ? { name: from.name } : {}), ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) };
}

export function isNotificationAction(data: unknown): boolean {
  const verb = (data as { verb?: unknown } | undefined)?.verb;
  return typeof verb === 'string' && (verb.startsWith('alert.') || verb === 'notify.settings');
}

export function notificationCommands(
  notifications: ChatNotifications,
  options: { tabUrl: string; tenantOf: (context: TurnContext) => string },
): NotificationBotHooks {
  const where = (context: TurnContext): ChatPlace => ({
    tenantId: options.tenantOf(context),
    conversationId: rootConversationId(context.activity),
    kind: conversationKindOf(context.activity),
  });

  const refuse = async (context: TurnContext, reason: string): Promise<void> => {
    await context.sendActivity(
      `Only an admin can change sync-health alerts in a ${where(context).kind === 'channel' ? 'channel' : 'group chat'}: ${reason}.`,
    );
  };

  const subscribe = async (context: TurnContext, input: UserInput): Promise<void> => {
    const wanted = AlertSeverity.safeParse(SUBSCRIBE.exec(input.text)?.[1]?.toLowerCase().replace(/s$/, ''));
    const result = await notifications.subscribe({
      ...where(context),
      actor: actorOf(context),
      ...(wanted.success ? { minimumSeverity: wanted.data } : {}),
    });
    if (result.outcome === 'forbidden') return refuse(context, result.reason);
    const { kind, minimumSeverity, reminderHours, digest } = result.subscription;
    await context.sendActivity(
      `Subscribed: ${kind === 'personal' ? 'you get' : 'this ' + (kind === 'channel' ? 'channel gets' : 'chat gets')} sync-health alerts at ${minimumSeverity} or worse` +
        `${reminderHours ? `, with a reminder every ${reminderHours} h while one stays open` : ''}${digest ? ', as a daily digest' : ''}. ` +
        `The tenant is checked every few minutes. Type "settings" to change this, "unsubscribe" to stop.`,
    );
  };

  const unsubscribe = async (context: TurnContext): Promise<void> => {
    const result = await notifications.unsubscribe(where(context), actorOf(context));
    if (result.outcome === 'forbidden') return refuse(context, result.reason);
    await context.sendActivity(
      result.outcome === 'unsubscribed'
        ? 'Unsubscribed: no more sync-health alerts here.'
        : 'There was no subscription here. Type "subscribe" to get sync-health alerts.',
    );
  };

  const settings = async (context: TurnContext): Promise<void> => {
    const subscription = await notifications.subscription(where(context));
    if (!subscription) {
      await context.sendActivity('No sync-health alerts here yet. Type "subscribe" (or "subscribe critical") first.');
      return;
    }
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(settingsCard(subscription, options.tabUrl))));
  };

  const saveSettings = async (context: TurnContext, data: Record<string, unknown>): Promise<CardActionResult> => {
    const parsed = SubscriptionPatch.safeParse({
      minimumSeverity: data.minimumSeverity,
      reminderHours: data.reminderHours === '' ? undefined : data.reminderHours,
      digest: data.digest,
    });
    if (!parsed.success)
      return { message: `Those settings are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
    const result = await notifications.updateSettings(where(context), actorOf(context), parsed.data);
    if (result.outcome === 'forbidden') return { message: `Only an admin can change these settings: ${result.reason}.` };
    if (result.outcome === 'not-subscribed') return { message: 'There is no subscription here any more. Type "subscribe" first.' };
    return { card: settingsCard(result.subscription, options.tabUrl, 'Saved.') };
  };

  const act = async (context: TurnContext, data: Record<string, unknown>): Promise<CardActionResult> => {
    const verb = String(data.verb);
    if (verb === 'notify.settings') return saveSettings(context, data);
    const alertId = typeof data.alertId === 'string' ? data.alertId : '';
    const result = await notifications.act(verb, where(context), alertId, actorOf(context));
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
    observe: (context) => notifications.observe(context.activity),
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
