import assert from 'node:assert/strict';
import type { SendOutcome } from '../../notifications/transport';
import { backoffMs, DEFAULT_RETRY_POLICY, verdictOf, type Verdict } from '../../notifications/verdict';

const failure = (status: number, extra: Partial<Extract<SendOutcome, { ok: false }>> = {}): SendOutcome => ({
  ok: false,
  status,
  message: '',
  ...extra,
});

/** One row: what the connector answered to attempt `attempt`, and what that means for the item. */
interface Row {
  answer: string;
  outcome: SendOutcome;
  attempt: number;
  verdict: Verdict;
}

// Policy: 8 attempts, backoff from 1 s doubling to 60 s; jitter fixed at 0.5 (three quarters of the ceiling).
const TABLE: Row[] = [
  { answer: '201 with an activity id', outcome: { ok: true, activityId: 'a1' }, attempt: 1, verdict: { kind: 'sent', activityId: 'a1' } },
  { answer: '200 without an id', outcome: { ok: true }, attempt: 3, verdict: { kind: 'sent' } },
  {
    answer: '429 with Retry-After 30 s',
    outcome: failure(429, { code: 'Throttled', retryAfterMs: 30_000 }),
    attempt: 1,
    verdict: { kind: 'retry', afterMs: 30_500, throttled: true },
  },
  { answer: '429 without Retry-After', outcome: failure(429), attempt: 2, verdict: { kind: 'retry', afterMs: 1_500, throttled: true } },
  { answer: '412 (concurrent operation)', outcome: failure(412), attempt: 1, verdict: { kind: 'retry', afterMs: 750, throttled: false } },
  { answer: '502', outcome: failure(502), attempt: 3, verdict: { kind: 'retry', afterMs: 3_000, throttled: false } },
  { answer: '503', outcome: failure(503), attempt: 4, verdict: { kind: 'retry', afterMs: 6_000, throttled: false } },
  { answer: '504', outcome: failure(504), attempt: 7, verdict: { kind: 'retry', afterMs: 45_000, throttled: false } },
  { answer: 'no answer (timeout, reset)', outcome: failure(0), attempt: 1, verdict: { kind: 'retry', afterMs: 750, throttled: false } },
  { answer: '503 on the last attempt', outcome: failure(503), attempt: 8, verdict: { kind: 'failed', reason: '503 after 8 attempts' } },
  {
    answer: 'no answer on the last attempt',
    outcome: failure(0),
    attempt: 8,
    verdict: { kind: 'failed', reason: 'no answer after 8 attempts' },
  },
  {
    answer: '404 ConversationNotFound',
    outcome: failure(404, { code: 'ConversationNotFound' }),
    attempt: 1,
    verdict: { kind: 'dead', reason: '404 ConversationNotFound: the conversation no longer exists' },
  },
  {
    answer: '403 BotNotInConversationRoster (uninstalled)',
    outcome: failure(403, { code: 'BotNotInConversationRoster' }),
    attempt: 1,
    verdict: { kind: 'dead', reason: '403 BotNotInConversationRoster: the bot can no longer write there' },
  },
  {
    answer: '403 MessageWritesBlocked',
    outcome: failure(403, { code: 'MessageWritesBlocked' }),
    attempt: 2,
    verdict: { kind: 'dead', reason: '403 MessageWritesBlocked: the bot can no longer write there' },
  },
  {
    answer: '403 ConversationBlockedByUser',
    outcome: failure(403, { code: 'ConversationBlockedByUser' }),
    attempt: 1,
    verdict: { kind: 'dead', reason: '403 ConversationBlockedByUser: the bot can no longer write there' },
  },
  {
    answer: '403 BotDisabledByAdmin (the app may come back)',
    outcome: failure(403, { code: 'BotDisabledByAdmin' }),
    attempt: 1,
    verdict: { kind: 'failed', reason: '403 BotDisabledByAdmin: not worth retrying' },
  },
  {
    answer: '400 BadArgument',
    outcome: failure(400, { code: 'BadArgument' }),
    attempt: 1,
    verdict: { kind: 'failed', reason: '400 BadArgument: not worth retrying' },
  },
  { answer: '500', outcome: failure(500), attempt: 1, verdict: { kind: 'failed', reason: '500: not worth retrying' } },
];

describe('notifications: the verdict on one attempt (pure; 8 attempts, backoff 1 s doubling to 60 s, jitter 0.5)', () => {
  for (const row of TABLE) {
    it(`${row.answer}, attempt ${row.attempt} → ${row.verdict.kind}`, () => {
      assert.deepEqual(verdictOf(row.outcome, row.attempt, DEFAULT_RETRY_POLICY, 0.5), row.verdict);
    });
  }

  it('Retry-After is a floor: jitter only adds, at most a tenth of it and never more than 1 s', () => {
    const throttled = failure(429, { retryAfterMs: 30_000 });
    const afterMs = (jitter: number) => (verdictOf(throttled, 1, DEFAULT_RETRY_POLICY, jitter) as { afterMs: number }).afterMs;
    assert.deepEqual([afterMs(0), afterMs(0.999)], [30_000, 30_999]);
    const short = failure(429, { retryAfterMs: 2_000 });
    assert.equal((verdictOf(short, 1, DEFAULT_RETRY_POLICY, 0.999) as { afterMs: number }).afterMs, 2_200);
  });

  it('backoff without Retry-After lies between half and all of base × 2^(attempt−1), capped at the maximum', () => {
    assert.deepEqual(
      [1, 2, 3, 7, 12].map((attempt) => [backoffMs(attempt, DEFAULT_RETRY_POLICY, 0), backoffMs(attempt, DEFAULT_RETRY_POLICY, 1)]),
      [
        [500, 1_000],
        [1_000, 2_000],
        [2_000, 4_000],
        [30_000, 60_000],
        [30_000, 60_000],
      ],
    );
  });
});
