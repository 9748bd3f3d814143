import type { TurnContext } from 'botbuilder';
import { AlertSeverity, type ConversationKind, type Subscription } from '../../contract/notifications';
import { actorOf, placeOf } from '../conversation';
import type { BotCommand } from './command';

/** "subscribe", "subscribe critical", "subscribe to warnings and up", "subscribe info or worse". */
const SUBSCRIBE = /^subscribe(?:\s+(?:to\s+)?(info|warning|warnings|critical)(?:\s+(?:and\s+(?:up|above)|or\s+(?:worse|above)))?)?$/i;

/** "subscribe [severity]": sync-health alerts in this chat or channel, at that severity or worse. */
export const subscribeCommand: BotCommand = {
  names: ['subscribe'],
  description: 'Get sync-health alerts in this chat or channel',
  matches: (text) => SUBSCRIBE.test(text),
  async handle(context, input, { notifications }) {
    const wanted = AlertSeverity.safeParse(SUBSCRIBE.exec(input.text)?.[1]?.toLowerCase().replace(/s$/, ''));
    const result = await notifications.subscribe({
      ...placeOf(context),
      actor: actorOf(context),
      ...(wanted.success ? { minimumSeverity: wanted.data } : {}),
    });
    if (result.outcome === 'forbidden') return refuseAlertChange(context, result.reason);
    await context.sendActivity(subscribedText(result.subscription));
  },
};

function subscribedText({ kind, minimumSeverity, reminderHours, digest }: Subscription): string {
  const who: Record<ConversationKind, string> = { personal: 'you get', channel: 'this channel gets', groupChat: 'this chat gets' };
  return (
    `Subscribed: ${who[kind]} sync-health alerts at ${minimumSeverity} or worse` +
    `${reminderHours ? `, with a reminder every ${reminderHours} h while one stays open` : ''}${digest ? ', as a daily digest' : ''}. ` +
    `The tenant is checked every few minutes. Type "settings" to change this, "unsubscribe" to stop.`
  );
}

/** In a channel or group chat only an admin may change alerts: says why this user may not. */
export async function refuseAlertChange(context: TurnContext, reason: string): Promise<void> {
  const where = placeOf(context).kind === 'channel' ? 'channel' : 'group chat';
  await context.sendActivity(`Only an admin can change sync-health alerts in a ${where}: ${reason}.`);
}
