import { settingsCard } from '../../cards/alerts';
import { SubscriptionPatch, type ChatNotifications } from '../../contract/notifications';
import { issuesLine } from '../../platform/errors';
import { actorOf, placeOf } from '../conversation';
import type { CardActionTable } from './table';

/** Save on the alert settings card ("notify.settings"): categories, minimum severity, reminder hours, daily digest and its hour. */
export function alertSettingsActions(notifications: ChatNotifications, tabUrl: string): CardActionTable {
  return {
    'notify.settings': async (context, data) => {
      const blank = (value: unknown): unknown => (value === '' ? undefined : value);
      const parsed = SubscriptionPatch.safeParse({
        minimumSeverity: data.minimumSeverity,
        // An empty multi-select still arrives (as ""): that is "none", which the schema refuses.
        categories: data.categories,
        reminderHours: blank(data.reminderHours),
        digest: data.digest,
        digestHour: blank(data.digestHour),
        timeZone: data.timeZone === '' ? 'UTC' : data.timeZone,
      });
      if (!parsed.success) return { message: `Those settings are not valid: ${issuesLine(parsed.error.issues)}` };
      const result = await notifications.updateSettings(placeOf(context), actorOf(context), parsed.data);
      if (result.outcome === 'forbidden') return { message: `Only an admin can change these settings: ${result.reason}.` };
      if (result.outcome === 'not-subscribed') return { message: 'There is no subscription here any more. Type "subscribe" first.' };
      return { card: settingsCard(result.subscription, tabUrl, 'Saved.') };
    },
  };
}
