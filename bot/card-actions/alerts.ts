import type { ChatNotifications } from '../../contract/notifications';
import { actorOf, placeOf } from '../conversation';
import type { CardActionTable } from './table';

/**
 * Acknowledge, Snooze… and Exclude… on an alert card ("alert.*", with the card's inputs), and the card's automatic refresh
 * ("alert.refresh"). The invoke response replaces the card for the clicker; the notifications side
 * replaces every copy (the clicked message included, for everyone else in the chat) through the outbox.
 * "Acknowledge all" and "Snooze all…" on a consolidated card ("batch.*") act on every alert it lists.
 */
export function alertActions(notifications: ChatNotifications): CardActionTable {
  const act: CardActionTable[string] = async (context, data) => {
    const alertId = typeof data.alertId === 'string' ? data.alertId : '';
    return notifications.act(data.verb, placeOf(context), alertId, actorOf(context), data);
  };
  const actOnBatch: CardActionTable[string] = (context, data) =>
    notifications.actOnBatch(data.verb, placeOf(context), actorOf(context), data);
  return { 'alert.*': act, 'alert.refresh': act, 'batch.*': actOnBatch };
}
