import type { SendOutcome } from './transport';

/** 403 codes that mean the bot can no longer write there (GRAPH-FACTS 6): the installation is dead. */
export const GONE_CODES: ReadonlySet<string> = new Set(['BotNotInConversationRoster', 'MessageWritesBlocked', 'ConversationBlockedByUser']);
/** Worth retrying (Teams' rate-limit page): throttled, concurrent operation, gateway trouble; 0 = no answer (timeout, reset). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([0, 412, 429, 502, 503, 504]);

export interface RetryPolicy {
  /** Attempts per item before it is given up as failed. */
  maxAttempts: number;
  /** Backoff without Retry-After: between half and all of base * 2^(attempt-1), capped at max. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseBackoffMs: 1_000, maxBackoffMs: 60_000 };

/** What one attempt's answer means for its item. */
export type Verdict =
  | { kind: 'sent'; activityId?: string }
  | { kind: 'retry'; afterMs: number; throttled: boolean }
  /** The conversation is gone: drop its installation and subscription. */
  | { kind: 'dead'; reason: string }
  | { kind: 'failed'; reason: string };

/** Exponential backoff with jitter (0 ≤ jitter < 1): between half and all of base * 2^(attempt-1), capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, jitter: number): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + jitter * (ceiling / 2));
}

/** Retry-After as Teams said, plus up to a tenth of it (at most 1 s), so retries of one burst spread out. */
function afterRetryAfter(retryAfterMs: number, jitter: number): number {
  return retryAfterMs + Math.floor(jitter * Math.min(1_000, retryAfterMs * 0.1 + 1));
}

/**
 * Pure: the verdict on attempt number `attempt` (1 = first) of one item. 2xx is sent; 429, 412,
 * 502/503/504 and no answer are retried (after Retry-After when given, else backoff) until the
 * attempts run out; 404 and the 403 codes of a removed or blocked bot are dead; anything else failed.
 */
export function verdictOf(outcome: SendOutcome, attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, jitter = 0.5): Verdict {
  if (outcome.ok) return { kind: 'sent', ...(outcome.activityId ? { activityId: outcome.activityId } : {}) };
  const answer = outcome.status === 0 ? 'no answer' : `${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}`;
  if (RETRYABLE_STATUSES.has(outcome.status)) {
    if (attempt >= policy.maxAttempts) return { kind: 'failed', reason: `${answer} after ${attempt} attempts` };
    const afterMs = outcome.retryAfterMs !== undefined ? afterRetryAfter(outcome.retryAfterMs, jitter) : backoffMs(attempt, policy, jitter);
    return { kind: 'retry', afterMs, throttled: outcome.status === 429 };
  }
  if (outcome.status === 404) return { kind: 'dead', reason: `${answer}: the conversation no longer exists` };
  if (outcome.status === 403 && outcome.code && GONE_CODES.has(outcome.code))
    return { kind: 'dead', reason: `${answer}: the bot can no longer write there` };
  return { kind: 'failed', reason: `${answer}: not worth retrying` };
}
