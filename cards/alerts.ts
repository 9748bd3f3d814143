import { CardFactory } from 'botbuilder';
import { SEVERITY_STYLE } from './severity';
import { renderCard } from './render';
import { describeAge, describeDuration } from '../identity/tenant/age';
import { evidenceSentences } from '../identity/tenant/evidence-text';
import type { Finding, Severity } from '../identity/tenant/findings';
import { isAppFinding } from '../identity/alerts/categories';
import { digestRows } from './alert-batch';

/** What an alert card shows of one alert (notifications keeps more state per alert). */
export interface AlertCardData {
  id: string;
  finding: Finding;
  status: 'open' | 'resolved';
  episode: number;
  openedAt: number;
  resolvedAt?: number;
  acknowledged?: { by: string; at: number };
  snoozed?: { by: string; until: number; at?: number; reason?: string };
  /** An exclusion in force that holds this alert's messages back. */
  excluded?: AlertExclusionData;
}

/** What the alert card says of an exclusion. */
export interface AlertExclusionData {
  scope: 'app' | 'finding';
  by: string;
  at: string;
  until: string;
  reason: string;
}

/** Why an alert card goes out: a new alert, a reminder while it stays open, or a test of the delivery. */
export type AlertCardKind = 'new' | 'reminder' | 'test';

/** What the settings and digest cards show of a chat's subscription. */
export interface SubscriptionCardData {
  label: string;
  minimumSeverity: Severity;
  categories: readonly string[];
  reminderHours: number;
  digest: boolean;
  digestHour: number;
  timeZone: string;
}

/** "2026-01-15 12:00 UTC": the same for every reader, and readable in a test. */
export function utc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function stateLine(alert: AlertCardData, now: number): string | undefined {
  if (alert.excluded) {
    const { scope, by, at, until, reason } = alert.excluded;
    const what = scope === 'app' ? 'This app is excluded' : 'Excluded';
    return `${what} by ${by} on ${utc(Date.parse(at))} until ${utc(Date.parse(until))}: “${reason}”`;
  }
  if (alert.acknowledged) return `Acknowledged by ${alert.acknowledged.by} at ${utc(alert.acknowledged.at)}`;
  if (alert.snoozed && alert.snoozed.until > now) {
    const { by, at, until, reason } = alert.snoozed;
    return `Snoozed by ${by}${at === undefined ? '' : ` at ${utc(at)}`} until ${utc(until)}${reason ? `: “${reason}”` : ''}`;
  }
  return undefined;
}

export interface CardContext {
  tabUrl: string;
  now: number;
  /**
   * Who gets the alert card's automatic refresh in this conversation (user MRIs, "29:…"). Teams
   * refreshes a card automatically only for the users in `refresh.userIds`, at most 60; an empty
   * list means a manual "Refresh card" only
   * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards#user-ids-in-refresh).
   * Notifications passes the admins who act on the alert there: whoever subscribed the conversation.
   */
  refreshUserIds?: readonly string[];
  /** The tenant's credential warning window in days ("expiring within 30 days" on a consolidated row); 30 if not given. */
  warningDays?: number;
}

/** Teams' ceiling on `refresh.userIds`. */
export const MAX_REFRESH_USERS = 60;

/** The users for `refresh.userIds`: distinct, non-empty, at most MAX_REFRESH_USERS (the first ones given win). */
export function refreshUsers(ids: Iterable<string | undefined>): string[] {
  return [...new Set([...ids].filter((id): id is string => Boolean(id)))].slice(0, MAX_REFRESH_USERS);
}

/** The `refresh.userIds` an alert card already carries (a sent copy kept in the outbox), or none. */
export function refreshUsersOfActivity(activity: Record<string, unknown>): string[] {
  const attachments = (activity.attachments ?? []) as Array<{ content?: { refresh?: { userIds?: unknown } } }>;
  const ids = attachments[0]?.content?.refresh?.userIds;
  return Array.isArray(ids) ? refreshUsers(ids.filter((id): id is string => typeof id === 'string')) : [];
}

/** The alert card: what, since when, evidence, what to do (+ Learn link), status tab, Acknowledge, Snooze… (a time and why), Exclude… (until when and why). */
export function alertCard(alert: AlertCardData, kind: AlertCardKind, context: CardContext): Record<string, unknown> {
  const state = stateLine(alert, context.now);
  const heading =
    kind === 'reminder'
      ? 'Reminder: still open'
      : kind === 'test'
        ? 'Test alert (nothing is wrong)'
        : alert.finding.code.startsWith('app.')
          ? 'App alert'
          : 'Sync-health alert';
  return renderCard('alert', {
    refreshUserIds: refreshUsers(context.refreshUserIds ?? []),
    alertId: alert.id,
    episode: alert.episode,
    heading,
    severityLabel: SEVERITY_STYLE[alert.finding.severity].label,
    severityColor: SEVERITY_STYLE[alert.finding.severity].color,
    title: alert.finding.title,
    since: utc(alert.openedAt),
    sinceAgo: describeAge(context.now - alert.openedAt),
    evidence: evidenceSentences(alert.finding, new Date(context.now)),
    action: alert.finding.action,
    link: alert.finding.link,
    tabUrl: context.tabUrl,
    hasState: Boolean(state),
    state: state ?? '',
    canAct: alert.status === 'open' && kind !== 'test' && !alert.acknowledged && !alert.excluded,
    canExclude: alert.status === 'open' && kind !== 'test' && !alert.excluded,
    isApp: isAppFinding(alert.finding.code),
  });
}

export function resolvedCard(alert: AlertCardData, context: CardContext): Record<string, unknown> {
  const resolvedAt = alert.resolvedAt ?? context.now;
  return renderCard('alert-resolved', {
    title: alert.finding.title,
    resolvedAt: utc(resolvedAt),
    since: utc(alert.openedAt),
    duration: describeDuration(resolvedAt - alert.openedAt),
    hasAck: false,
    ack: '',
    tabUrl: context.tabUrl,
  });
}

export function digestCard(
  alerts: readonly AlertCardData[],
  subscription: Pick<SubscriptionCardData, 'minimumSeverity'>,
  organization: string,
  context: CardContext,
  excluded = 0,
): Record<string, unknown> {
  return renderCard('alert-digest', {
    organization,
    count: alerts.length,
    hasExcluded: excluded > 0,
    excludedLine: `${excluded} more ${excluded === 1 ? 'is' : 'are'} excluded by an admin (listed in the status tab, with why and until when).`,
    minimumSeverity: subscription.minimumSeverity,
    alerts: digestRows(alerts, context),
    tabUrl: context.tabUrl,
  });
}

export function settingsCard(subscription: SubscriptionCardData, tabUrl: string, note?: string): Record<string, unknown> {
  return renderCard('alert-settings', {
    label: subscription.label,
    minimumSeverity: subscription.minimumSeverity,
    categories: subscription.categories.join(','),
    reminderHours: subscription.reminderHours,
    digest: String(subscription.digest),
    digestHour: subscription.digestHour,
    timeZone: subscription.timeZone,
    hasNote: Boolean(note),
    note: note ?? '',
    tabUrl,
  });
}

/** A message activity carrying only the card (no text: Teams and the Playground show one bubble). */
export function cardActivity(card: Record<string, unknown>, summary: string): Record<string, unknown> {
  return { type: 'message', summary, attachments: [CardFactory.adaptiveCard(card)] };
}
