import type { Actor, CardActionResult } from '../contract/card-action';
import type { ChatPlace } from '../contract/notifications';
import type { RoleDecision } from '../identity/tenant/admin-roles';
import type { Logger } from '../platform/logger';
import { update, type KeyValueStore } from '../storage/store';
import { alertCard, cardActivity, resolvedCard } from '../cards/alerts';
import type { Clock } from './clock';
import { keys } from './keys';
import type { Outbox } from './outbox';
import type { Transport } from './transport';
import type { AlertRecord } from './types';

/** Snooze length of the card's "Snooze 24 h". */
export const SNOOZE_MS = 24 * 3_600_000;

/** What a verb changes on an open alert (undefined: nothing to change); `by` is who clicked. */
type AlertChange = (alert: AlertRecord, by: string, now: number) => AlertRecord | undefined;

/** The card verbs that change an alert. Any other verb ("alert.refresh") only shows its current state. */
const CHANGES: Readonly<Record<string, AlertChange>> = {
  'alert.ack': (alert, by, now) => (alert.acknowledged ? undefined : { ...alert, acknowledged: { by, at: now } }),
  'alert.snooze': (alert, by, now) => ({ ...alert, snoozed: { by, until: now + SNOOZE_MS } }),
};

export interface AlertActionsDeps {
  store: KeyValueStore;
  outbox: Outbox;
  transport: Transport;
  clock: Clock;
  tabUrl: string;
  logger: Logger;
  mayManage(place: ChatPlace, actor: Actor): Promise<RoleDecision>;
}

/** Acknowledge / Snooze 24 h / refresh of an alert card. A changed card comes back for everyone who got it. */
export class AlertActions {
  constructor(private readonly deps: AlertActionsDeps) {}

  async act(verb: string, place: ChatPlace, alertId: string, actor: Actor): Promise<CardActionResult> {
    const { store, clock, tabUrl } = this.deps;
    const key = keys.alert(place.tenantId, alertId);
    const current = (await store.get<AlertRecord>(key))?.value;
    if (!current) return { message: 'This alert is no longer tracked.' };
    const context = { tabUrl, now: clock.now() };
    const change = Object.hasOwn(CHANGES, verb) ? CHANGES[verb] : undefined;
    if (!change || current.status === 'resolved') {
      return {
        card: current.status === 'resolved' ? resolvedCard(current, context) : alertCard(current, 'new', context),
        ...(change ? { message: 'This alert is already resolved.' } : {}),
      };
    }
    const decision = await this.deps.mayManage(place, actor);
    if (!decision.allowed) return { message: `Sorry, ${decision.reason}.` };
    const now = clock.now();
    const by = actor.name ?? 'an admin';
    const next = await update<AlertRecord>(store, key, (alert) => (alert?.status === 'open' ? change(alert, by, now) : undefined));
    const alert = next ?? current;
    const card = alertCard(alert, 'new', { ...context, now });
    await this.updateCards(alert, card);
    return { card };
  }

  /** Replaces every card of this alert episode that Teams gave us an id for (other chats and channels). */
  private async updateCards(alert: AlertRecord, card: Record<string, unknown>): Promise<void> {
    const items = await this.deps.outbox.ofEpisode(alert.tenantId, alert.id, alert.episode);
    const activity = cardActivity(card, alert.finding.title);
    await Promise.all(
      items
        .filter((item) => item.status === 'sent' && item.activityId && (item.kind === 'new' || item.kind === 'reminder'))
        .map(async (item) => {
          const outcome = await this.deps.transport.update(item.reference, item.activityId!, activity);
          if (!outcome.ok) this.deps.logger.debug('card not updated', { conversationId: item.conversationId, status: outcome.status });
        }),
    );
  }
}
