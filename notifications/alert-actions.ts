import type { Actor, CardActionResult } from '../contract/card-action';
import type { ChatPlace } from '../contract/notifications';
import type { RoleDecision } from '../identity/tenant/admin-roles';
import type { Logger } from '../platform/logger';
import { update, type KeyValueStore } from '../storage/store';
import { alertCard, cardActivity, refreshUsersOfActivity, resolvedCard, type CardContext } from '../cards/alerts';
import type { Clock } from './clock';
import { keys } from './keys';
import type { Outbox } from './outbox';
import type { AlertRecord, OutboxItem } from './types';

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
  /** Hands stored outbox items to the sender (its rate limits, retries and verdicts). */
  deliver(items: OutboxItem[]): void;
  clock: Clock;
  tabUrl: string;
  logger: Logger;
  mayManage(place: ChatPlace, actor: Actor): Promise<RoleDecision>;
}

/**
 * Acknowledge / Snooze 24 h / refresh of an alert card. A changed card comes back to the clicker in
 * the invoke response; every copy of the alert (the clicked message too, for the others in that
 * chat) is replaced through the outbox, so the click's invoke (a few seconds' budget) waits for no
 * connector call and the updates keep Teams' rate limits and get the sender's retries.
 */
export class AlertActions {
  constructor(private readonly deps: AlertActionsDeps) {}

  async act(verb: string, place: ChatPlace, alertId: string, actor: Actor): Promise<CardActionResult> {
    const { store, clock, tabUrl } = this.deps;
    const key = keys.alert(place.tenantId, alertId);
    const current = (await store.get<AlertRecord>(key))?.value;
    if (!current) return { message: 'This alert is no longer tracked.' };
    const copies = await this.deps.outbox.ofEpisode(place.tenantId, alertId, current.episode);
    // The card keeps the automatic-refresh users it was sent with in this conversation; else the clicker.
    const here = copies.find((item) => item.conversationId === place.conversationId);
    const refreshUserIds = here ? refreshUsersOfActivity(here.activity) : [actor.id];
    const context: CardContext = { tabUrl, now: clock.now(), refreshUserIds };
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
    if (next) await this.updateCards(alert, { ...context, now }, copies);
    return { card };
  }

  /** Queues a replacement for every card of this alert episode that Teams gave us an id for. */
  private async updateCards(alert: AlertRecord, context: CardContext, items: readonly OutboxItem[]): Promise<void> {
    const queued: OutboxItem[] = [];
    for (const item of items) {
      if (item.status !== 'sent' || !item.activityId || (item.kind !== 'new' && item.kind !== 'reminder')) continue;
      // Each copy keeps the automatic-refresh users of its own conversation.
      const card = alertCard(alert, 'new', { ...context, refreshUserIds: refreshUsersOfActivity(item.activity) });
      const update = await this.deps.outbox.enqueue({
        tenantId: alert.tenantId,
        conversationId: item.conversationId,
        // One replacement per message per change (a click that changes nothing queues nothing).
        eventKey: `${alert.id}.${alert.episode}.update.${item.activityId}.${context.now}`,
        kind: 'update',
        alertId: alert.id,
        reference: item.reference,
        activity: cardActivity(card, alert.finding.title),
        replaces: item.activityId,
      });
      if (update) queued.push(update);
    }
    this.deps.deliver(queued);
  }
}
