import { createHash } from 'node:crypto';

/**
 * Storage keys of the notifications feature, all under one prefix of the app's KeyValueStore (never
 * the Teams Toolkit's notification store). Each segment is URI-encoded so ids with "/" stay one segment.
 */
export const PREFIX = 'notifications/';

const seg = (value: string): string => encodeURIComponent(value);

export const keys = {
  installations: (tenantId?: string): string => `${PREFIX}installations/${tenantId === undefined ? '' : seg(tenantId) + '/'}`,
  installation: (tenantId: string, conversationId: string): string => `${PREFIX}installations/${seg(tenantId)}/${seg(conversationId)}`,
  subscriptions: (tenantId: string): string => `${PREFIX}subscriptions/${seg(tenantId)}/`,
  subscription: (tenantId: string, conversationId: string): string => `${PREFIX}subscriptions/${seg(tenantId)}/${seg(conversationId)}`,
  alerts: (tenantId: string): string => `${PREFIX}alerts/${seg(tenantId)}/`,
  alert: (tenantId: string, alertId: string): string => `${PREFIX}alerts/${seg(tenantId)}/${alertId}`,
  exclusions: (tenantId: string): string => `${PREFIX}exclusions/${seg(tenantId)}/`,
  exclusion: (tenantId: string, id: string): string => `${PREFIX}exclusions/${seg(tenantId)}/${seg(id)}`,
  observations: (tenantId: string): string => `${PREFIX}observations/${seg(tenantId)}/`,
  observation: (tenantId: string, at: string): string => `${PREFIX}observations/${seg(tenantId)}/${at}`,
  /** The watcher's apps pass: when it last read the apps, and the grants it has seen (app-watch.ts). */
  appWatch: (tenantId: string): string => `${PREFIX}app-watch/${seg(tenantId)}`,
  /** Which consolidated message claimed one alert event for one conversation (batch-claims.ts). */
  batchClaims: (tenantId: string): string => `${PREFIX}batch-claims/${seg(tenantId)}/`,
  batchClaim: (tenantId: string, eventKey: string, conversationId: string): string =>
    `${PREFIX}batch-claims/${seg(tenantId)}/${seg(eventKey)}/${seg(conversationId)}`,
  /** A consolidated alert: which alerts one consolidated card lists in one conversation, and what was done to them all (batches.ts). */
  batches: (tenantId: string): string => `${PREFIX}batches/${seg(tenantId)}/`,
  batch: (tenantId: string, id: string): string => `${PREFIX}batches/${seg(tenantId)}/${seg(id)}`,
  outbox: (tenantId?: string): string => `${PREFIX}outbox/${tenantId === undefined ? '' : seg(tenantId) + '/'}`,
  /** One message to one conversation for one alert event: the idempotency key is part of the key. */
  outboxItem: (tenantId: string, eventKey: string, conversationId: string): string =>
    `${PREFIX}outbox/${seg(tenantId)}/${seg(eventKey)}/${seg(conversationId)}`,
  /** Every outbox item of one alert episode (to update its cards in place). */
  outboxOfEpisode: (tenantId: string, alertId: string, episode: number): string =>
    `${PREFIX}outbox/${seg(tenantId)}/${seg(`${alertId}.${episode}.`)}`,
};

/** A short stable id for an alert: tenant findings are deduplicated by code + subject. */
export function alertIdOf(code: string, subject: string): string {
  return createHash('sha256').update(`${code}\n${subject}`).digest('hex').slice(0, 16);
}
