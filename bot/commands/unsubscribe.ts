import { actorOf, placeOf } from '../conversation';
import type { BotCommand } from './command';
import { refuseAlertChange } from './subscribe';

/** "unsubscribe": no more sync-health alerts in this chat or channel. */
export const unsubscribeCommand: BotCommand = {
  names: ['unsubscribe', 'stop alerts'],
  description: 'Stop sync-health alerts here',
  async handle(context, _input, { notifications }) {
    const result = await notifications.unsubscribe(placeOf(context), actorOf(context));
    if (result.outcome === 'forbidden') return refuseAlertChange(context, result.reason);
    await context.sendActivity(
      result.outcome === 'unsubscribed'
        ? 'Unsubscribed: no more sync-health alerts here.'
        : 'There was no subscription here. Type "subscribe" to get sync-health alerts.',
    );
  },
};
