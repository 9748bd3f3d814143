import type { Logger } from '../platform/logger';
import type { WorkQueue } from '../storage/work-queue';
import { silentLogger } from '../platform/logger';
import { systemClock, type Clock } from './clock';
import { isSettled, isUnsent, type Outbox } from './outbox';
import { QueueIntake, type QueueIntakeOptions } from './queue-intake';
import type { RateWindow } from './rate-limit';
import { TenantSchedule, type ScheduledSend } from './schedule';
import type { SendOutcome, Transport } from './transport';
import type { OutboxItem, OutboxResult } from './types';
import { backoffMs, DEFAULT_RETRY_POLICY, verdictOf, type RetryPolicy, type Verdict } from './verdict';

export interface SenderOptions
  extends Partial<RetryPolicy>, Pick<QueueIntakeOptions, 'pollMs' | 'visibilityTimeoutSeconds' | 'receiveBatch'> {
  /** Sends in flight at once, all tenants together. */
  concurrency?: number;
  /** How long a claim protects an item from other senders; a crashed sender's items come back after it. */
  leaseMs?: number;
  perConversation?: readonly RateWindow[];
  perTenant?: readonly RateWindow[];
  clock?: Clock;
  /** For jitter; tests pass a fixed one. */
  random?: () => number;
  /** Called when the connector says the conversation is gone (403 codes, 404). */
  onGone?: (item: OutboxItem, outcome: SendOutcome) => Promise<void>;
  logger?: Logger;
  /** Take work from this queue too (see QueueIntake); without one, from what add() and the rescan give it. */
  queue?: WorkQueue;
  /**
   * With a queue, the rescan leaves items touched (created, claimed, retried) more recently than
   * this to the queue (default: the visibility timeout).
   */
  rescanQuietMs?: number;
}

export interface SenderStats {
  sent: number;
  dead: number;
  failed: number;
  retries: number;
  throttled: number;
  skipped: number;
  /** Queue messages received / deleted (with a queue). */
  received: number;
  acknowledged: number;
}

/**
 * Delivers the outbox: takes each item's turn from the schedule (Teams' limits per tenant and per
 * conversation), claims it (so no two senders send it), sends it, and records what the verdict on
 * the answer says: sent, retry after a delay, dead (the conversation is gone) or failed. A failing
 * conversation is rescheduled on its own and never blocks the others.
 */
export class Sender {
  private readonly outcomes = { sent: 0, dead: 0, failed: 0, retries: 0, throttled: 0, skipped: 0 };
  private readonly schedule: TenantSchedule;
  /** Items held here, waiting or in flight. */
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly intake?: QueueIntake;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly policy: RetryPolicy;
  private readonly rescanQuietMs: number;
  private running?: Promise<void>;
  private stopping = false;
  private wake: () => void = () => undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly outbox: Outbox,
    private readonly transport: Transport,
    private readonly options: SenderOptions = {},
  ) {
    this.schedule = new TenantSchedule(options);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.logger = options.logger ?? silentLogger;
    this.concurrency = options.concurrency ?? 16;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.policy = {
      maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
      baseBackoffMs: options.baseBackoffMs ?? DEFAULT_RETRY_POLICY.baseBackoffMs,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULT_RETRY_POLICY.maxBackoffMs,
    };
    if (options.queue) {
      this.intake = new QueueIntake(options.queue, outbox, {
        clock: this.clock,
        logger: this.logger,
        leaseMs: this.leaseMs,
        concurrency: this.concurrency,
        maxBackoffMs: this.policy.maxBackoffMs,
        pollMs: options.pollMs,
        visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
        receiveBatch: options.receiveBatch,
      });
    }
    this.rescanQuietMs = options.rescanQuietMs ?? (this.intake?.visibilityTimeoutSeconds ?? 0) * 1000;
  }

  get stats(): SenderStats {
    return { ...this.outcomes, ...(this.intake?.stats ?? { received: 0, acknowledged: 0 }) };
  }

  /** Items held here, waiting or in flight. */
  get pending(): number {
    return this.queued.size;
  }

  /**
   * Resumes every unsent item of the outbox (after a restart) and starts delivering; with a queue,
   * also receiving. The sends the outbox recorded within the longest limit window (an earlier
   * process's) count against the limits, so this one does not burst into windows they filled.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    const items = await this.outbox.all();
    const since = this.clock.now() - this.schedule.memoryMs;
    for (const item of items) {
      for (const result of item.results) if (result.at > since && result.status !== 429) this.schedule.remember(item, result.at);
    }
    const unsent = this.hold(items.filter((item) => isUnsent(item, this.clock.now())));
    if (unsent) this.logger.info('resuming the outbox', { unsent });
    this.running = this.loop();
    this.intake?.start({
      held: () => this.queued.size,
      holds: (key) => this.queued.has(key),
      add: (items) => this.add(items),
      received: () => this.notifyIfIdle(),
    });
  }

  /** The safety net: holds the outbox's unsent items here (see hold). */
  async rescan(): Promise<number> {
    return this.hold(await this.outbox.unsent());
  }

  /**
   * Holds unsent items (pending, or claimed by a sender whose lease ran out), oldest first. With a
   * queue, items touched within rescanQuietMs are left to their queue message (so fresh work spreads
   * over the instances); older ones lost theirs, or their sender died.
   */
  private hold(unsent: OutboxItem[]): number {
    const cutoff = this.clock.now() - this.rescanQuietMs;
    const mine = this.intake ? unsent.filter((item) => lastTouched(item) <= cutoff) : [...unsent];
    mine.sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1));
    this.add(mine);
    return mine.length;
  }

  /** Holds stored items (already in the outbox) for delivery; an item held already is not added twice. */
  add(items: ReadonlyArray<Pick<OutboxItem, 'key' | 'tenantId' | 'conversationId'>>): void {
    const now = this.clock.now();
    for (const item of items) {
      if (this.queued.has(item.key)) continue;
      this.queued.add(item.key);
      this.schedule.add({ key: item.key, tenantId: item.tenantId, conversationId: item.conversationId, dueAt: now });
    }
    this.wake();
  }

  /** Resolves when nothing is held or in flight (with a queue: and the last receive found no visible message). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops receiving and starting sends, lets the ones in flight finish and record their result.
   * Unsent items stay pending in the outbox; their queue messages come back after the visibility timeout.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.intake?.stop();
    await this.running;
    this.running = undefined;
    await Promise.allSettled([...this.inFlight]);
    this.schedule.clear();
    this.queued.clear();
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private isIdle(): boolean {
    return !this.queued.size && !this.inFlight.size && (!this.intake || this.intake.drained);
  }

  private notifyIfIdle(): void {
    if (this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const now = this.clock.now();
      const { ready, nextAt } = this.schedule.take(now, this.concurrency - this.inFlight.size);
      for (const send of ready) this.launch(send);
      this.notifyIfIdle();
      const signal = new Promise<void>((resolve) => (this.wake = resolve));
      const waits: Array<Promise<void>> = [signal];
      if (Number.isFinite(nextAt) && this.inFlight.size < this.concurrency) waits.push(this.clock.sleep(nextAt - now));
      await Promise.race(waits);
    }
  }

  private launch(send: ScheduledSend): void {
    const task = this.attempt(send)
      .catch((error: Error) => {
        // Storage trouble: try the item again later rather than lose it.
        this.logger.warn('outbox item could not be processed', { key: send.key, error: error.message });
        this.schedule.add({ ...send, dueAt: this.clock.now() + backoffMs(1, this.policy, this.random()) });
      })
      .finally(() => {
        this.inFlight.delete(task);
        this.wake();
      });
    this.inFlight.add(task);
  }

  /** One attempt: claim, send, and record the verdict on the answer. */
  private async attempt(send: ScheduledSend): Promise<void> {
    const item = await this.outbox.claim(send.key, this.leaseMs).catch((error: Error) => {
      this.schedule.uncounted(send);
      throw error;
    });
    if (!item) {
      // Already sent, or claimed by another sender: the idempotency check says no.
      this.schedule.uncounted(send);
      this.outcomes.skipped++;
      this.queued.delete(send.key);
      await this.releaseMessages(send.key);
      return;
    }
    const outcome = await (
      item.replaces ? this.transport.update(item.reference, item.replaces, item.activity) : this.transport.send(item)
    ).catch((error: Error): SendOutcome => ({ ok: false, status: 0, message: error.message }));
    const at = this.clock.now();
    const verdict = verdictOfItem(item, outcome, this.policy, this.random());
    if (verdict.kind === 'retry' && verdict.throttled) this.schedule.uncounted(send);
    else this.schedule.answered(send, at);
    await this.record(send, item, outcome, verdict, at);
  }

  private async record(send: ScheduledSend, item: OutboxItem, outcome: SendOutcome, verdict: Verdict, at: number): Promise<void> {
    const status = outcome.ok ? 200 : outcome.status;
    const code = outcome.ok ? undefined : outcome.code;
    const result: Omit<OutboxResult, 'outcome'> = { at, attempt: item.attempts, status, ...(code ? { code } : {}) };
    if (verdict.kind === 'retry') {
      if (verdict.throttled) this.outcomes.throttled++;
      this.outcomes.retries++;
      await this.outbox.settle(item, 'pending', { ...result, outcome: 'retry' });
      if (this.intake && (await this.intake.retryLater(send.key, verdict.afterMs))) {
        this.queued.delete(send.key);
        return;
      }
      this.schedule.add({ ...send, dueAt: at + verdict.afterMs });
      return;
    }
    const extra = verdict.kind === 'sent' ? { sentAt: at, ...(verdict.activityId ? { activityId: verdict.activityId } : {}) } : {};
    await this.outbox.settle(item, verdict.kind, { ...result, outcome: verdict.kind }, extra);
    this.outcomes[verdict.kind]++;
    this.queued.delete(send.key);
    await this.intake?.done(send.key);
    if (verdict.kind === 'dead') {
      this.logger.info('conversation gone; removing it', { conversationId: item.conversationId, reason: verdict.reason });
      await this.options.onGone?.(item, outcome);
    } else if (verdict.kind === 'failed') {
      this.logger.warn('message not delivered', { conversationId: item.conversationId, reason: verdict.reason, attempts: item.attempts });
    }
  }

  /** Settled: its queue messages are done with. Claimed by another live sender: leave them (they come back). */
  private async releaseMessages(key: string): Promise<void> {
    if (!this.intake?.has(key)) return;
    const current = await this.outbox.get(key).catch(() => undefined);
    if (!current || isSettled(current)) await this.intake.done(key);
    else this.intake.release(key);
  }
}

/**
 * The verdict on one attempt. A 404 to an update says the message is gone (deleted, too old), not the
 * conversation: the update failed, the installation stays.
 */
function verdictOfItem(item: OutboxItem, outcome: SendOutcome, policy: RetryPolicy, jitter: number): Verdict {
  const verdict = verdictOf(outcome, item.attempts, policy, jitter);
  if (item.replaces && verdict.kind === 'dead' && !outcome.ok && outcome.status === 404) {
    return { kind: 'failed', reason: `404: message ${item.replaces} can no longer be updated` };
  }
  return verdict;
}

/** When the item last changed hands: created, claimed (lease start is unknown; its end is later), or attempted. */
function lastTouched(item: OutboxItem): number {
  return Math.max(item.createdAt, item.status === 'sending' ? (item.leaseUntil ?? 0) : 0, item.results.at(-1)?.at ?? 0);
}
