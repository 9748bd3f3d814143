import type { ChatNotifications } from '../../contract/notifications';
import { replaceClickedCard } from '../card-replies';
import { actorOf, placeOf } from '../conversation';
import type { CardActionHandler, CardActionTable } from './table';

/** Acknowledge and Snooze 24 h on an alert card ("alert.*"), and the card's automatic refresh ("alert.refresh"). */
export function alertActions(notifications: ChatNotifications): CardActionTable {
  const act =
    (seenByEveryone: boolean): CardActionHandler =>
    async (context, data) => {
      const alertId = typeof data.alertId === 'string' ? data.alertId : '';
      const result = await notifications.act(data.verb, placeOf(context), alertId, actorOf(context));
      // Action.Execute: the invoke response replaces the card for the clicker only; updating the
      // message itself shows everyone in the conversation that the alert was acknowledged or snoozed.
      if (seenByEveryone && result.card && context.activity.type === 'invoke') {
        await replaceClickedCard(context, result.card, 'Sync-health alert');
      }
      return result;
    };
  return {
    'alert.*': act(true),
    // A refresh is one reader's view of the card coming up to date: theirs alone.
    'alert.refresh': act(false),
  };
}
