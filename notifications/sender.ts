import type { Logger } from '../server/logger';
import { silentLogger } from '../server/logger';
import { systemClock, type Clock } from './clock';
import type { Outbox } from './outbox';
import { PER_CONVERSATION_SEND, PER_TENANT, SlidingWindowLimiter, type RateWindow } from './rate-limit';
import { verdictOf, type SendOutcome, type Transport } from './transport';
import type { OutboxItem } from './types';

export interface SenderOptions {
  /** Sends in flight at once, all tenants together. */
  concurrency?: number;
  /** Attempts per item before it is marked failed. */
  maxAttempts?: number;
  /** How long a claim protects an item from other senders; a crashed sender's items come back after it. */
  leaseMs?: number;
  perConversation?: readonly RateWindow[];
  perTenant?: readonly RateWindow[];
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  clock?: Clock;
  /** For jitter; tests pass a fixed one. */
  random?: () => number;
  /** Called when the connector says the conversation is gone (403 codes, 404). */
  onGone?: (item: OutboxItem, outcome: SendOutcome) => Promise<void>;
  logger?: Logger;
}

export interface SenderStats {
  sent: number;
  dead: number;
  failed: number;
  retries: number;
  throttled: number;
  skipped: number;
}

interface Entry {
  key: string;
  tenantId: string;
  conversationId: string;
  dueAt: number;
}

/**
 * Delivers the outbox: Teams' limits per conversation and per app per tenant, 429 Retry-After
 * honoured (else exponential backoff with jitter), 412/502/503/504 retried, each target on its own
 * (a failing conversation is rescheduled, never blocks the others), every result recorded on the item.
 */
export class Sender {
  readonly stats: SenderStats = { sent: 0, dead: 0, failed: 0, retries: 0, throttled: 0, skipped: 0 };
  private readonly queues = new Map<string, Entry[]>();
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly conversationLimiter: SlidingWindowLimiter;
  private readonly tenantLimiter: SlidingWindowLimiter;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private running?: Promise<void>;
  private stopping = false;
  private wake: () => void = () => undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly outbox: Outbox,
    private readonly transport: Transport,
    private readonly options: SenderOptions = {},
  ) {
    this.conversationLimiter = new SlidingWindowLimiter(options.perConversation ?? PER_CONVERSATION_SEND);
    this.tenantLimiter = new SlidingWindowLimiter(options.perTenant ?? PER_TENANT);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? silentLogger;
    this.concurrency = options.concurrency ?? 16;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.baseBackoffMs = options.baseBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  /** Resumes every unsent item of the outbox (after a restart) and starts delivering. */
  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    const unsent = await this.outbox.unsent();
    unsent.sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1));
    this.add(unsent);
    if (unsent.length) this.logger.info('resuming the outbox', { unsent: unsent.length });
    this.running = this.loop();
  }

  /** Queues stored items (already in the outbox) for delivery. */
  add(items: ReadonlyArray<Pick<OutboxItem, 'key' | 'tenantId' | 'conversationId'>>): void {
    const now = this.clock.now();
    for (const item of items) {
      if (this.queued.has(item.key)) continue;
      this.queued.add(item.key);
      this.push({ key: item.key, tenantId: item.tenantId, conversationId: item.conversationId, dueAt: now });
    }
    this.wake();
  }

  /** Resolves when nothing is queued or in flight. */
  idle(): Promise<void> {
    if (!this.queued.size && !this.inFlight.size) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops starting sends, lets the ones in flight finish and record their result. Unsent items stay pending in the outbox. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = undefined;
    await Promise.allSettled([...this.inFlight]);
    this.queues.clear();
    this.queued.clear();
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  get pending(): number {
    return this.queued.size;
  }

  private push(entry: Entry): void {
    const queue = this.queues.get(entry.tenantId) ?? [];
    // Keep each tenant's queue ordered by due time; most entries go at the end.
    let i = queue.length;
    while (i > 0 && queue[i - 1].dueAt > entry.dueAt) i--;
    queue.splice(i, 0, entry);
    this.queues.set(entry.tenantId, queue);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const now = this.clock.now();
      let nextWake = Number.POSITIVE_INFINITY;
      for (const [tenantId, queue] of this.queues) {
        while (this.inFlight.size < this.concurrency && queue.length) {
          const head = queue[0];
          if (head.dueAt > now) {
            nextWake = Math.min(nextWake, head.dueAt);
            break;
          }
          const tenantWait = this.tenantLimiter.waitFor(tenantId, now);
          if (tenantWait > 0) {
            nextWake = Math.min(nextWake, now + tenantWait);
            break;
          }
          const conversationKey = `${tenantId}\n${head.conversationId}`;
          const conversationWait = this.conversationLimiter.waitFor(conversationKey, now);
          queue.shift();
          if (conversationWait > 0) {
            head.dueAt = now + conversationWait;
            this.push(head);
            continue;
          }
          this.tenantLimiter.record(tenantId, now);
          this.conversationLimiter.record(conversationKey, now);
          this.launch(head);
        }
        if (!queue.length) this.queues.delete(tenantId);
      }
      if (!this.queued.size && !this.inFlight.size) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      const signal = new Promise<void>((resolve) => (this.wake = resolve));
      const waits: Array<Promise<void>> = [signal];
      if (Number.isFinite(nextWake) && this.inFlight.size < this.concurrency) waits.push(this.clock.sleep(nextWake - now));
      await Promise.race(waits);
    }
  }

  private launch(entry: Entry): void {
    const task = this.attempt(entry)
      .catch((error: Error) => {
        // Storage trouble: try the item again later rather than lose it.
        this.logger.warn('outbox item could not be processed', { key: entry.key, error: error.message });
        entry.dueAt = this.clock.now() + this.backoff(1);
        this.push(entry);
      })
      .finally(() => {
        this.inFlight.delete(task);
        this.wake();
      });
    this.inFlight.add(task);
  }

  private async attempt(entry: Entry): Promise<void> {
    const item = await this.outbox.claim(entry.key, this.leaseMs);
    if (!item) {
      // Already sent (or taken by another sender): the idempotency check says no.
      this.stats.skipped++;
      this.queued.delete(entry.key);
      return;
    }
    const outcome = await this.transport.send(item).catch((error: Error): SendOutcome => ({ ok: false, status: 0, message: error.message }));
    const at = this.clock.now();
    const verdict = verdictOf(outcome);
    const status = outcome.ok ? 200 : outcome.status;
    const code = outcome.ok ? undefined : outcome.code;
    const result = { at, attempt: item.attempts, status, ...(code ? { code } : {}) };
    if (verdict === 'sent') {
      await this.outbox.settle(item, 'sent', { ...result, outcome: 'sent' }, { sentAt: at, ...(outcome.ok && outcome.activityId ? { activityId: outcome.activityId } : {}) });
      this.stats.sent++;
      this.queued.delete(entry.key);
      return;
    }
    if (verdict === 'retry' && item.attempts < this.maxAttempts) {
      if (status === 429) this.stats.throttled++;
      this.stats.retries++;
      const retryAfter = outcome.ok ? undefined : outcome.retryAfterMs;
      const delay = retryAfter !== undefined ? retryAfter + Math.floor(this.random() * Math.min(1_000, retryAfter * 0.1 + 1)) : this.backoff(item.attempts);
      await this.outbox.settle(item, 'pending', { ...result, outcome: 'retry' });
      entry.dueAt = at + delay;
      this.push(entry);
      return;
    }
    if (verdict === 'dead') {
      await this.outbox.settle(item, 'dead', { ...result, outcome: 'dead' });
      this.stats.dead++;
      this.queued.delete(entry.key);
      this.logger.info('conversation gone; removing it', { conversationId: item.conversationId, status, code });
      await this.options.onGone?.(item, outcome);
      return;
    }
    await this.outbox.settle(item, 'failed', { ...result, outcome: 'failed' });
    this.stats.failed++;
    this.queued.delete(entry.key);
    this.logger.warn('message not delivered', { conversationId: item.conversationId, status, code, attempts: item.attempts });
  }

  /** Exponential backoff with jitter: between half and all of base * 2^(attempt-1), capped. */
  backoff(attempt: number): number {
    const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }
}
