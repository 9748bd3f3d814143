/**
 * The alert state machine, pure: (stored alerts, this check's findings, now) -> new alerts + events,
 * and (alerts, events, subscriptions, now) -> deliveries. No I/O, no clock of its own.
 */
import type { Finding, FindingCode } from '../identity/tenant/findings';
import { digestDueDate } from '../identity/alerts/digest-time';
import type { ExclusionRule } from '../identity/alerts/exclusions';
import { alertIdOf } from './keys';
import { isExcluded, meetsSeverity, wants } from './preferences';
import type { Subscription } from '../contract/notifications';
import type { AlertRecord, DeliveryKind } from './types';

export interface AlertPolicy {
  /** Consecutive checks without the finding before it counts as resolved (flapping protection). */
  resolveAfterAbsentChecks: number;
  /** A finding back within this long after "resolved" continues its old alert (a reminder, not a new alert). */
  reopenCooldownMs: number;
}

export const DEFAULT_POLICY: AlertPolicy = { resolveAfterAbsentChecks: 2, reopenCooldownMs: 6 * 3_600_000 };

export interface AlertEvent {
  kind: 'opened' | 'reopened' | 'resolved';
  alertId: string;
}

export interface CheckInput {
  findings: readonly Finding[];
  /** Codes whose rule could not decide this time: their absence proves nothing. */
  unknownCodes: ReadonlySet<FindingCode>;
  now: number;
}

/** Advances every alert of a tenant by one check. Returns all alerts (changed or not) and the events. */
export function advanceAlerts(
  tenantId: string,
  previous: readonly AlertRecord[],
  input: CheckInput,
  policy: AlertPolicy = DEFAULT_POLICY,
): { alerts: AlertRecord[]; events: AlertEvent[] } {
  const { now } = input;
  const byId = new Map(previous.map((alert) => [alert.id, structuredClone(alert)]));
  const events: AlertEvent[] = [];
  const seen = new Set<string>();

  for (const finding of input.findings) {
    const id = alertIdOf(finding.code, finding.subject);
    if (seen.has(id)) continue;
    seen.add(id);
    const alert = byId.get(id);
    if (!alert) {
      byId.set(id, openedAlert(id, tenantId, finding, now));
      events.push({ kind: 'opened', alertId: id });
      continue;
    }
    alert.finding = finding;
    alert.lastSeenAt = now;
    alert.absentChecks = 0;
    if (alert.status === 'open') continue;
    if (alert.resolvedAt !== undefined && now - alert.resolvedAt < policy.reopenCooldownMs) {
      alert.status = 'open';
      alert.reopened += 1;
      delete alert.resolvedAt;
      events.push({ kind: 'reopened', alertId: id });
    } else {
      Object.assign(alert, { status: 'open', episode: alert.episode + 1, openedAt: now, reopened: 0 });
      delete alert.resolvedAt;
      delete alert.acknowledged;
      delete alert.snoozed;
      events.push({ kind: 'opened', alertId: id });
    }
  }

  for (const alert of byId.values()) {
    if (seen.has(alert.id) || alert.status !== 'open' || input.unknownCodes.has(alert.code)) continue;
    alert.absentChecks += 1;
    if (alert.absentChecks >= policy.resolveAfterAbsentChecks) {
      alert.status = 'resolved';
      alert.resolvedAt = now;
      delete alert.acknowledged;
      delete alert.snoozed;
      events.push({ kind: 'resolved', alertId: alert.id });
    }
  }
  return { alerts: [...byId.values()], events };
}

export interface Delivery {
  kind: Exclude<DeliveryKind, 'update'>;
  alertId?: string;
  conversationId: string;
  /** Same event, same key: `${alertId}.${episode}.new`, `….reminder3`, `….reopen1`, `….resolved`, `digest.2026-01-15`. */
  eventKey: string;
  /** A digest: the open alerts it lists, and how many more it leaves out because they are excluded. */
  alertIds?: string[];
  excluded?: number;
  /** A consolidated message (consolidate.ts): the code of the alerts it lists, and their own event keys. */
  batch?: FindingCode;
  memberEventKeys?: string[];
}

export { meetsSeverity };

/** Acknowledged or snoozed alerts do not remind. */
export function isQuiet(alert: AlertRecord, now: number): boolean {
  return Boolean(alert.acknowledged) || Boolean(alert.snoozed && alert.snoozed.until > now);
}

/** A digest subscription served for its local date (stored as its lastDigestDate). */
export interface DigestServed {
  conversationId: string;
  date: string;
}

/**
 * Who hears what after a check. Mutates `alerts[].notified` (returned alerts must be stored after
 * the deliveries are in the outbox) and says which digest subscriptions were served for which local
 * date. Each subscription hears only its categories at its minimum severity; an exclusion in force
 * holds back every message about its alert, and once it ends the alert fires again (new if nobody
 * was told yet, else its reminders resume).
 */
export function planDeliveries(
  alerts: AlertRecord[],
  events: readonly AlertEvent[],
  subscriptions: readonly Subscription[],
  now: number,
  exclusions: readonly ExclusionRule[] = [],
): { deliveries: Delivery[]; digestServed: DigestServed[] } {
  const deliveries: Delivery[] = [];
  const digestServed: DigestServed[] = [];
  const eventOf = new Map(events.map((e) => [e.alertId, e.kind]));
  const excluded = new Set(alerts.filter((a) => isExcluded(a, exclusions, now)).map((a) => a.id));
  // Open alerts an exclusion held back until now: they fire again (a reminder to whoever was told).
  const released = new Set(alerts.filter((a) => a.heldByExclusion && !excluded.has(a.id) && a.status === 'open').map((a) => a.id));
  for (const alert of alerts) {
    if (released.has(alert.id)) alert.releases = (alert.releases ?? 0) + 1;
    if (excluded.has(alert.id) && alert.status === 'open') alert.heldByExclusion = true;
    else delete alert.heldByExclusion;
  }

  for (const subscription of subscriptions) {
    const conversationId = subscription.conversationId;
    if (subscription.digest) {
      const date = digestDueDate(subscription, now);
      if (date === undefined) continue;
      // Served for the day even with nothing to list: one digest a day at most, at the chosen hour.
      digestServed.push({ conversationId, date });
      const open = alerts.filter((a) => a.status === 'open' && wants(subscription, a) && !excluded.has(a.id));
      if (open.length) {
        const held = alerts.filter((a) => a.status === 'open' && wants(subscription, a) && excluded.has(a.id)).length;
        deliveries.push({ kind: 'digest', conversationId, eventKey: `digest.${date}`, alertIds: open.map((a) => a.id), excluded: held });
        for (const alert of open) alert.notified[conversationId] = { episode: alert.episode, lastAt: now, reminders: 0 };
      }
      continue;
    }
    for (const alert of alerts) {
      const told = alert.notified[conversationId];
      const toldThisEpisode = told && told.episode === alert.episode ? told : undefined;
      const event = eventOf.get(alert.id);
      const base = `${alert.id}.${alert.episode}`;
      if (alert.status === 'resolved') {
        if (event === 'resolved' && toldThisEpisode)
          deliveries.push({ kind: 'resolved', alertId: alert.id, conversationId, eventKey: `${base}.resolved` });
        continue;
      }
      if (excluded.has(alert.id)) continue;
      if (!toldThisEpisode) {
        // New, escalated into this subscription's minimum severity, or out of an exclusion.
        if (wants(subscription, alert)) {
          deliveries.push({ kind: 'new', alertId: alert.id, conversationId, eventKey: `${base}.new` });
          alert.notified[conversationId] = { episode: alert.episode, lastAt: now, reminders: 0 };
        }
        continue;
      }
      if (isQuiet(alert, now)) continue;
      if (released.has(alert.id) && wants(subscription, alert)) {
        deliveries.push({ kind: 'reminder', alertId: alert.id, conversationId, eventKey: `${base}.released${alert.releases}` });
        alert.notified[conversationId] = { ...toldThisEpisode, lastAt: now };
        continue;
      }
      const reopened = event === 'reopened';
      const due =
        subscription.reminderHours > 0 &&
        now - toldThisEpisode.lastAt >= subscription.reminderHours * 3_600_000 &&
        wants(subscription, alert);
      if (reopened || due) {
        const eventKey = reopened ? `${base}.reopen${alert.reopened}` : `${base}.reminder${toldThisEpisode.reminders + 1}`;
        deliveries.push({ kind: 'reminder', alertId: alert.id, conversationId, eventKey });
        alert.notified[conversationId] = { episode: alert.episode, lastAt: now, reminders: toldThisEpisode.reminders + (reopened ? 0 : 1) };
      }
    }
  }
  return { deliveries, digestServed };
}

/** A finding seen for the first time: its alert, open since now, first episode, nobody told yet. */
export function openedAlert(id: string, tenantId: string, finding: Finding, now: number): AlertRecord {
  return {
    id,
    tenantId,
    code: finding.code,
    subject: finding.subject,
    finding,
    status: 'open',
    episode: 1,
    openedAt: now,
    lastSeenAt: now,
    absentChecks: 0,
    reopened: 0,
    notified: {},
  };
}
