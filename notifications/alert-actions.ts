import type { Actor, CardActionResult } from '../contract/card-action';
import type { ChatPlace } from '../contract/notifications';
import { ExclusionRequest, SnoozeRequest, type Exclusion } from '../contract/alert-rules';
import { appNameOf, exclusionFor } from '../identity/alerts/exclusions';
import { issuesLine } from '../platform/errors';
import type { RoleDecision } from '../identity/tenant/admin-roles';
import type { Logger } from '../platform/logger';
import { update, type KeyValueStore } from '../storage/store';
import { alertCard, cardActivity, refreshUsersOfActivity, resolvedCard, type AlertCardData, type CardContext } from '../cards/alerts';
import type { Clock } from './clock';
import type { ExclusionStore } from './exclusions';
import { keys } from './keys';
import type { Outbox } from './outbox';
import type { AlertRecord, OutboxItem } from './types';

/** The reason recorded for a snooze from a card that could not ask for one. */
const OLDER_CARD_REASON = 'no reason given (Snooze 24 h on a card posted before snoozes asked why)';

/** What a verb changes on an open alert (undefined: nothing to change); `by` is who clicked. */
type AlertChange = (alert: AlertRecord, by: string, now: number) => AlertRecord | undefined;

/** A verb's card inputs, parsed: the change to make, or what is wrong with them. */
type ParsedChange = { change: AlertChange } | { problem: string };

/** The card verbs that change an alert record. Any other verb ("alert.refresh") only shows its current state. */
const CHANGES: Readonly<Record<string, (input: Record<string, unknown>) => ParsedChange>> = {
  'alert.ack': () => ({ change: (alert, by, now) => (alert.acknowledged ? undefined : { ...alert, acknowledged: { by, at: now } }) }),
  'alert.snooze': (input) => {
    // "Snooze 24 h" on a card posted before snoozes asked for a length and a reason sends neither.
    const fromOlderCard = input.hours === undefined && input.reason === undefined;
    const parsed = SnoozeRequest.safeParse(
      fromOlderCard ? { hours: 24, reason: OLDER_CARD_REASON } : { hours: input.hours, reason: input.reason },
    );
    if (!parsed.success) return { problem: `That snooze is not valid: ${issuesLine(parsed.error.issues)}` };
    const { hours, reason } = parsed.data;
    return { change: (alert, by, now) => ({ ...alert, snoozed: { by, at: now, until: now + hours * 3_600_000, reason } }) };
  },
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
  exclusions: ExclusionStore;
}

/**
 * Acknowledge / Snooze… / Exclude… / refresh of an alert card. A changed card comes back to the clicker in
 * the invoke response; every copy of the alert (the clicked message too, for the others in that
 * chat) is replaced through the outbox, so the click's invoke (a few seconds' budget) waits for no
 * connector call and the updates keep Teams' rate limits and get the sender's retries.
 */
export class AlertActions {
  constructor(private readonly deps: AlertActionsDeps) {}

  async act(verb: string, place: ChatPlace, alertId: string, actor: Actor, input: Record<string, unknown> = {}): Promise<CardActionResult> {
    const { store, clock, tabUrl } = this.deps;
    const key = keys.alert(place.tenantId, alertId);
    const current = (await store.get<AlertRecord>(key))?.value;
    if (!current) return { message: 'This alert is no longer tracked.' };
    if (verb === 'alert.exclude') return this.exclude(place, current, actor, input);
    const copies = await this.deps.outbox.ofEpisode(place.tenantId, alertId, current.episode);
    // The card keeps the automatic-refresh users it was sent with in this conversation; else the clicker.
    const here = copies.find((item) => item.conversationId === place.conversationId);
    const refreshUserIds = here ? refreshUsersOfActivity(here.activity) : [actor.id];
    const context: CardContext = { tabUrl, now: clock.now(), refreshUserIds };
    const changeOf = Object.hasOwn(CHANGES, verb) ? CHANGES[verb] : undefined;
    if (!changeOf || current.status === 'resolved') {
      return {
        card:
          current.status === 'resolved'
            ? resolvedCard(current, context)
            : alertCard(await this.shown(current, context.now), 'new', context),
        ...(changeOf ? { message: 'This alert is already resolved.' } : {}),
      };
    }
    const decision = await this.deps.mayManage(place, actor);
    if (!decision.allowed) return { message: `Sorry, ${decision.reason}.` };
    const parsed = changeOf(input);
    if ('problem' in parsed) return { message: parsed.problem };
    const now = clock.now();
    const by = actor.name ?? 'an admin';
    const next = await update<AlertRecord>(store, key, (alert) => (alert?.status === 'open' ? parsed.change(alert, by, now) : undefined));
    const alert = await this.shown(next ?? current, now);
    const card = alertCard(alert, 'new', { ...context, now });
    if (next) await this.updateCards(alert, { ...context, now }, copies);
    return { card };
  }

  /**
   * "Exclude…": this finding (code + subject) or, for an app finding, every app finding of this app,
   * with why and until when (bounded). Who and when come from the click. Every copy of the card then
   * says so; the watcher sends nothing about it until the exclusion ends.
   */
  private async exclude(place: ChatPlace, alert: AlertRecord, actor: Actor, input: Record<string, unknown>): Promise<CardActionResult> {
    const now = this.deps.clock.now();
    if (alert.status === 'resolved') return { message: 'This alert is already resolved.' };
    const decision = await this.deps.mayManage(place, actor);
    if (!decision.allowed) return { message: `Sorry, ${decision.reason}.` };
    const parsed = ExclusionRequest.safeParse({
      scope: input.scope === undefined || input.scope === '' ? 'finding' : input.scope,
      code: alert.code,
      subject: alert.subject,
      reason: input.reason,
      expiresInDays: input.expiresInDays,
    });
    if (!parsed.success) return { message: `That exclusion is not valid: ${issuesLine(parsed.error.issues)}` };
    const about = { title: alert.finding.title, appName: appNameOf(alert.finding) };
    const exclusion = await this.deps.exclusions.add(place.tenantId, parsed.data, about, {
      name: actor.name ?? 'an admin',
      ...(actor.aadObjectId ? { id: actor.aadObjectId } : {}),
    });
    const copies = await this.deps.outbox.ofEpisode(place.tenantId, alert.id, alert.episode);
    const here = copies.find((item) => item.conversationId === place.conversationId);
    const context: CardContext = {
      tabUrl: this.deps.tabUrl,
      now,
      refreshUserIds: here ? refreshUsersOfActivity(here.activity) : [actor.id],
    };
    const shown = withExclusion(alert, exclusion);
    await this.updateCards(shown, context, copies);
    return { card: alertCard(shown, 'new', context) };
  }

  /** The alert as its card shows it: with the exclusion in force that covers it, if any. */
  private async shown(alert: AlertRecord, now: number): Promise<AlertRecord & AlertCardData> {
    const exclusion = exclusionFor(alert, await this.deps.exclusions.list(alert.tenantId), now);
    return exclusion ? withExclusion(alert, exclusion) : alert;
  }

  /** Queues a replacement for every card of this alert episode that Teams gave us an id for. */
  private async updateCards(
    alert: AlertCardData & Pick<AlertRecord, 'tenantId'>,
    context: CardContext,
    items: readonly OutboxItem[],
  ): Promise<void> {
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

function withExclusion<T extends AlertCardData>(alert: T, exclusion: Exclusion): T {
  return {
    ...alert,
    excluded: {
      scope: exclusion.scope,
      by: exclusion.createdBy.name,
      at: exclusion.createdAt,
      until: exclusion.expiresAt,
      reason: exclusion.reason,
    },
  };
}
