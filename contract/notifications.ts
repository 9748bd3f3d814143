/**
 * What the bot and the tab API share with notifications: the input shapes (zod schemas, types
 * derived from them), how both name a conversation, a chat's subscription, and the ports the bot's
 * chat commands and the tab's settings use.
 * Nothing here knows how notifications stores anything.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Severity } from '../identity/tenant/findings';
import { FINDING_CATEGORIES, type FindingCategory } from '../identity/alerts/categories';
import { isTimeZone } from '../identity/alerts/digest-time';
import type { Actor, CardActionResult } from './card-action';
import type { ExcludedFinding, Finding, HistoryResponse, Observation, SettingsResponse } from './tab';
import type { AlertsResponse, Exclusion, ExclusionRequest } from './alert-rules';

/** Alert severities, lowest first. */
export const AlertSeverity = z.enum(['info', 'warning', 'critical']) satisfies z.ZodType<Severity>;

export const ConversationKind = z.enum(['personal', 'groupChat', 'channel']);
export type ConversationKind = z.infer<typeof ConversationKind>;
const CONVERSATION_KINDS: ReadonlySet<string> = new Set(ConversationKind.options);

/** Alert categories a subscription may pick. */
export const AlertCategory = z.enum(FINDING_CATEGORIES) satisfies z.ZodType<FindingCategory>;

/** At least one category, no repeats; the settings card sends them comma-separated ("sync,apps"). */
export const AlertCategories = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value,
  z
    .array(AlertCategory)
    .min(1, 'choose at least one of sync, federation, apps, service')
    .max(FINDING_CATEGORIES.length)
    .refine((list) => new Set(list).size === list.length, 'a category is listed twice'),
);

/** The local hour (0–23) a daily digest goes out. */
export const DigestHour = z.coerce.number().int('a whole hour, 0 to 23').min(0).max(23);

/** An IANA time zone name ("Europe/Berlin", "America/New_York", "UTC"). */
export const TimeZone = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, 'not a time zone this server knows (use an IANA name such as Europe/Berlin, or UTC)');

/** What the settings card and the tab may change on a subscription. */
export const SubscriptionPatch = z
  .object({
    minimumSeverity: AlertSeverity.optional(),
    categories: AlertCategories.optional(),
    reminderHours: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 14)
      .optional(),
    digest: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
    digestHour: DigestHour.optional(),
    timeZone: TimeZone.optional(),
  })
  .strict();
export type SubscriptionPatch = z.infer<typeof SubscriptionPatch>;

export interface Subscription {
  tenantId: string;
  conversationId: string;
  kind: ConversationKind;
  label: string;
  minimumSeverity: Severity;
  /** Which kinds of finding this conversation hears about (at least one). */
  categories: FindingCategory[];
  /** Reminder while an alert stays open, hours; 0 = never. */
  reminderHours: number;
  /** One digest a day instead of each alert. */
  digest: boolean;
  /** Local hour (0–23, in timeZone) from which the day's digest goes out. */
  digestHour: number;
  /** The subscriber's stated IANA time zone for the digest hour; "UTC" unless they say. */
  timeZone: string;
  subscribedBy: { id: string; name?: string };
  subscribedAt: string;
  /** Local date (YYYY-MM-DD, in timeZone) of the last digest served. */
  lastDigestDate?: string;
}

/** One conversation as bot and notifications both name it. */
export interface ChatPlace {
  tenantId: string;
  /** For a channel, the channel's own id (never a reply thread "…;messageid=…"). */
  conversationId: string;
  kind: ConversationKind;
}

interface TeamsChannelData {
  channel?: { id?: string };
}

/** A channel's own conversation id: Teams adds ";messageid=…" for a reply thread. */
export function rootConversationId(activity: Partial<Activity>): string {
  const channelId = (activity.channelData as TeamsChannelData | undefined)?.channel?.id;
  if (activity.conversation?.conversationType === 'channel' && channelId) return channelId;
  return (activity.conversation?.id ?? '').split(';messageid=')[0];
}

/** Personal chat, group chat or channel, from what Teams says about the conversation. Read on every turn (a set lookup, not a zod parse). */
export function conversationKindOf(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type !== undefined && CONVERSATION_KINDS.has(type)) return type as ConversationKind;
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

/** In a channel or group chat only an admin may change alerts; the answer says why not. */
export interface Refusal {
  outcome: 'forbidden';
  reason: string;
}

export type SubscribeResult = { outcome: 'subscribed'; subscription: Subscription } | Refusal;
export type UnsubscribeResult = { outcome: 'unsubscribed' } | { outcome: 'not-subscribed' } | Refusal;
export type SettingsResult = { outcome: 'saved'; subscription: Subscription } | { outcome: 'not-subscribed' } | Refusal;

/** What the bot's chat commands and alert cards need from notifications. */
export interface ChatNotifications {
  /** Installation tracking from any incoming activity; never throws into the turn; undefined at once when nothing changed. */
  observe(activity: Partial<Activity>): Promise<void> | undefined;
  /** Subscribes the conversation (labelled from what Teams told us about it); keeps existing settings. */
  subscribe(request: ChatPlace & { actor: Actor; minimumSeverity?: Severity }): Promise<SubscribeResult>;
  unsubscribe(place: ChatPlace, actor: Actor): Promise<UnsubscribeResult>;
  subscription(place: Pick<ChatPlace, 'tenantId' | 'conversationId'>): Promise<Subscription | undefined>;
  updateSettings(place: ChatPlace, actor: Actor, patch: SubscriptionPatch): Promise<SettingsResult>;
  /**
   * Acknowledge, Snooze… (input: hours, reason), Exclude… (input: scope, expiresInDays, reason) or
   * refresh an alert card (verbs "alert.ack", "alert.snooze", "alert.exclude", "alert.refresh").
   */
  act(verb: string, place: ChatPlace, alertId: string, actor: Actor, input?: Record<string, unknown>): Promise<CardActionResult>;
  /**
   * "Acknowledge all" or "Snooze all…" on a consolidated alert card (verbs "batch.ack", "batch.snooze";
   * data: batchId, and hours and reason for a snooze). A payload that is not valid, too large, or names a
   * consolidated alert unknown here or of another chat throws an AppError saying so, and changes nothing.
   */
  actOnBatch(verb: string, place: ChatPlace, actor: Actor, data: Record<string, unknown>): Promise<CardActionResult>;
}

/** The settings the tab shows and saves (the tab API adds canEdit). */
export type TabSettings = Omit<SettingsResponse, 'canEdit'>;

/** What the tab API needs of notifications: history for the chart, settings. The tab checks token and role first. */
export interface TabNotifications {
  history(tenantId: string, days: number): Promise<Observation[]>;
  /** The thresholds the history chart marks, in minutes. */
  lagThresholds(tenantId: string): Promise<NonNullable<HistoryResponse['thresholds']>>;
  settings(tenantId: string): Promise<TabSettings>;
  updateSettings(tenantId: string, settings: TabSettings, actor: { userId: string; name: string }): Promise<TabSettings>;
  /** The tenant's alerts (with snoozes, acknowledgements, exclusions in force) and its exclusions. */
  alerts(tenantId: string): Promise<Omit<AlertsResponse, 'canEdit'>>;
  /** Sets an exclusion (parsed already); who is the signed-in admin. */
  exclude(tenantId: string, request: ExclusionRequest, actor: { userId: string; name: string }): Promise<Exclusion>;
  /** Ends an exclusion in force (ExclusionNotFoundError, a 404, when there is none by that id). */
  revokeExclusion(tenantId: string, id: string, actor: { userId: string; name: string }): Promise<Exclusion>;
  /** Which of these findings an exclusion in force covers (the overview marks them). */
  excludedAmong(tenantId: string, findings: readonly Finding[]): Promise<ExcludedFinding[]>;
}
