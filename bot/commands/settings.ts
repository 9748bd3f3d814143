import { settingsCard } from '../../cards/alerts';
import { sendCard } from '../card-replies';
import { placeOf } from '../conversation';
import type { BotCommand } from './command';

/** "settings": the settings card of this conversation's alerts; the subscribe reply leads here. */
export const settingsCommand: BotCommand = {
  names: ['settings', 'alert settings', 'notification settings'],
  async handle(context, _input, { notifications, tabUrl }) {
    const subscription = await notifications.subscription(placeOf(context));
    if (!subscription) {
      await context.sendActivity('No sync-health alerts here yet. Type "subscribe" (or "subscribe critical") first.');
      return;
    }
    await sendCard(context, settingsCard(subscription, tabUrl));
  },
};
