import type { Finding, FindingCode } from '../identity/tenant/findings';
import type { ConversationKind } from '../contract/notifications';

/** Where the app is installed: enough to build a conversation reference for a proactive message. */
export interface Installation {
  tenantId: string;
  /** For channels, the channel's own id (never a reply thread "…;messageid=…"). */
  conversationId: string;
  kind: ConversationKind;
  /** The latest serviceUrl Teams used for this conversation (it can change). */
  serviceUrl: string;
  channelId: string;
  bot: { id: string; name?: string };
  /** Personal chats: the user. */
  user?: { id: string; name?: string; aadObjectId?: string };
  team?: { id: string; name?: string };
  channelName?: string;
  chatName?: string;
  installedAt: string;
  updatedAt: string;
  /** What told us last: installationUpdate, conversationUpdate, message, invoke. */
  source: string;
}

/** Who was told what about one alert episode, per conversation. */
export interface Notified {
  episode: number;
  lastAt: number;
  reminders: number;
}

/** The stored state of one finding (tenant + code + subject) across checks. */
export interface AlertRecord {
  id: string;
  tenantId: string;
  code: FindingCode;
  subject: string;
  finding: Finding;
  status: 'open' | 'resolved';
  /** Increments each time the finding opens anew (not when it re-opens within the cool-down). */
  episode: number;
  /** Since when the finding has been open (this episode). */
  openedAt: number;
  lastSeenAt: number;
  /** Consecutive checks without the finding while open. */
  absentChecks: number;
  resolvedAt?: number;
  /** Times the finding came back within the cool-down this episode. */
  reopened: number;
  acknowledged?: { by: string; at: number };
  /** Snoozed until a time an admin chose (bounded), with why; reminders wait until then. */
  snoozed?: { by: string; until: number; at?: number; reason?: string };
  /** An exclusion held this alert's messages back at the last check (when it ends, the alert fires again). */
  heldByExclusion?: boolean;
  /** Times an exclusion of this alert ended while it stayed open (a reminder each time). */
  releases?: number;
  notified: Record<string, Notified>;
}

/** Why a message goes out: a new alert, a reminder, its resolution, the daily digest, a test. */
/** 'update': a card already sent is replaced (Acknowledge, Snooze on another copy of the alert). */
export type DeliveryKind = 'new' | 'reminder' | 'resolved' | 'digest' | 'test' | 'update';

export interface OutboxResult {
  at: number;
  attempt: number;
  status: number;
  code?: string;
  outcome: 'sent' | 'retry' | 'dead' | 'failed';
}

/** One message to one conversation, stored before it is sent. */
export interface OutboxItem {
  key: string;
  tenantId: string;
  conversationId: string;
  /** `${eventKey}|${conversationId}`; the same event never goes to a conversation twice. */
  idempotencyKey: string;
  eventKey: string;
  kind: DeliveryKind;
  alertId?: string;
  reference: ConversationReferenceLite;
  activity: Record<string, unknown>;
  /** For kind 'update': the id of the message (sent earlier) that this activity replaces. */
  replaces?: string;
  status: 'pending' | 'sending' | 'sent' | 'dead' | 'failed';
  attempts: number;
  createdAt: number;
  /** While status is "sending": a crashed sender's claim expires at this time. */
  leaseUntil?: number;
  sentAt?: number;
  activityId?: string;
  results: OutboxResult[];
}

export interface ConversationReferenceLite {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; conversationType: string; tenantId: string; isGroup?: boolean };
  bot: { id: string; name?: string };
  user?: { id: string; name?: string; aadObjectId?: string };
}

export function referenceOf(installation: Installation): ConversationReferenceLite {
  return {
    channelId: installation.channelId,
    serviceUrl: installation.serviceUrl,
    conversation: {
      id: installation.conversationId,
      conversationType: installation.kind,
      tenantId: installation.tenantId,
      ...(installation.kind === 'personal' ? {} : { isGroup: true }),
    },
    bot: installation.bot,
    ...(installation.user ? { user: installation.user } : {}),
  };
}
