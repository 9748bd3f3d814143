/**
 * Teams' rate limits as sliding windows (GRAPH-FACTS section 6, bots/how-to/rate-limit.md):
 * per bot per conversation "send" 7/1 s, 8/2 s, 60/30 s, 1800/3600 s; per app per tenant 50 RPS.
 */
export interface RateWindow {
  limit: number;
  ms: number;
}

export const PER_CONVERSATION_SEND: readonly RateWindow[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];

/** 50 requests per second per app per tenant (an older version of the page said 30). */
export const PER_TENANT: readonly RateWindow[] = [{ limit: 50, ms: 1_000 }];

/** Limits sped up by `factor` (more requests per window): the bench runs the real shape in less time. */
export function scaled(windows: readonly RateWindow[], factor: number): RateWindow[] {
  return windows.map((w) => ({ limit: Math.max(1, Math.round(w.limit * factor)), ms: w.ms }));
}

/**
 * A sliding-window log per key. Pure bookkeeping: the caller passes the time. A request counts from
 * when it is recorded; requests started but not yet recorded are passed as `pending`.
 */
export class SlidingWindowLimiter {
  private readonly log = new Map<string, number[]>();
  private readonly longest: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    this.longest = Math.max(...windows.map((w) => w.ms));
  }

  /**
   * Milliseconds until one more request under `key` fits every window (0 = now), with `pending`
   * requests of that key already started; Infinity when the pending ones alone fill a window.
   */
  waitFor(key: string, now: number, pending = 0): number {
    const times = this.prune(key, now);
    let wait = 0;
    for (const window of this.windows) {
      if (pending >= window.limit) return Number.POSITIVE_INFINITY;
      let inWindow = 0;
      for (let i = times.length - 1; i >= 0 && times[i] > now - window.ms; i--) inWindow++;
      // The oldest recorded requests must leave the window until this one and the pending ones fit.
      if (inWindow + pending >= window.limit) wait = Math.max(wait, times[times.length + pending - window.limit] + window.ms - now);
    }
    return wait;
  }

  /** Counts one request under `key` at `at` (kept in time order, so a late record lands in place). */
  record(key: string, at: number): void {
    const times = this.log.get(key) ?? [];
    let i = times.length;
    while (i > 0 && times[i - 1] > at) i--;
    times.splice(i, 0, at);
    this.log.set(key, times);
  }

  private prune(key: string, now: number): number[] {
    const times = this.log.get(key);
    if (!times) return [];
    let drop = 0;
    while (drop < times.length && times[drop] <= now - this.longest) drop++;
    if (drop) times.splice(0, drop);
    if (!times.length) this.log.delete(key);
    return times;
  }
}
