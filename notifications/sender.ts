import type { Logger } from '../platform/logger';
import { QueueReceiptError, type QueueMessage, type WorkQueue } from '../storage/work-queue';
import { silentLogger } from '../platform/logger';
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
  /**
   * Take work from this queue (any instance announces, any instance receives): each message names an
   * outbox item; the item's claim (ETag) still decides who sends, so a duplicate delivery sends
   * nothing twice. Without a queue, the sender works from what add() and the rescan give it.
   */
  queue?: WorkQueue;
  /** How long the receive loop waits after finding the queue empty (default 1 s). */
  pollMs?: number;
  /** How long a received message stays hidden; must be longer than the claim lease (default lease + 60 s). */
  visibilityTimeoutSeconds?: number;
  /** Messages received per call (1..32, default 16). */
  receiveBatch?: number;
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
  readonly stats: SenderStats = { sent: 0, dead: 0, failed: 0, retries: 0, throttled: 0, skipped: 0, received: 0, acknowledged: 0 };
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
  private readonly queue?: WorkQueue;
  private readonly pollMs: number;
  private readonly visibilityTimeoutSeconds: number;
  private readonly receiveBatch: number;
  private readonly rescanQuietMs: number;
  /** Queue messages naming items queued here (deleted once the item is settled). */
  private readonly messages = new Map<string, QueueMessage[]>();
  /** The last receive found no visible message. */
  private drained = false;
  private receiving?: Promise<void>;
  private running?: Promise<void>;
  private stopping = false;
  private wake: () => void = () => undefined;
  private stopSignal: () => void = () => undefined;
  private stopped: Promise<void> = Promise.resolve();
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
    this.queue = options.queue;
    this.pollMs = options.pollMs ?? 1_000;
    const leaseSeconds = Math.ceil(this.leaseMs / 1000);
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? Math.min(3600, leaseSeconds + 60);
    if (this.queue && this.visibilityTimeoutSeconds * 1000 <= this.leaseMs) {
      throw new RangeError(
        `visibilityTimeoutSeconds (${this.visibilityTimeoutSeconds}) must be longer than the claim lease (${this.leaseMs} ms)`,
      );
    }
    this.receiveBatch = Math.max(1, Math.min(32, Math.floor(options.receiveBatch ?? 16)));
    this.rescanQuietMs = options.rescanQuietMs ?? this.visibilityTimeoutSeconds * 1000;
  }

  /**
   * Resumes every unsent item of the outbox (after a restart) and starts delivering; with a queue,
   * also starts the receive loop.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    this.drained = false;
    this.stopped = new Promise<void>((resolve) => (this.stopSignal = resolve));
    const unsent = await this.rescan();
    if (unsent) this.logger.info('resuming the outbox', { unsent });
    this.running = this.loop();
    if (this.queue) this.receiving = this.receiveLoop(this.queue);
  }

  /**
   * The safety net: queues the outbox's unsent items here (pending, or claimed by a sender whose
   * lease ran out). With a queue, items touched within rescanQuietMs are left to their queue
   * message (so fresh work spreads over the instances); older ones lost theirs, or their sender died.
   */
  async rescan(): Promise<number> {
    let unsent = await this.outbox.unsent();
    if (this.queue) {
      const cutoff = this.clock.now() - this.rescanQuietMs;
      unsent = unsent.filter((item) => lastTouched(item) <= cutoff);
    }
    unsent.sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1));
    this.add(unsent);
    return unsent.length;
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

  /**
   * Resolves when nothing is queued or in flight (with a queue: and the last receive found no
   * visible message; messages hidden by other receivers are theirs).
   */
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
    this.stopSignal();
    this.wake();
    await this.receiving;
    this.receiving = undefined;
    await this.running;
    this.running = undefined;
    await Promise.allSettled([...this.inFlight]);
    this.queues.clear();
    this.queued.clear();
    this.messages.clear();
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private isIdle(): boolean {
    return !this.queued.size && !this.inFlight.size && (!this.queue || this.drained);
  }

  private notifyIfIdle(): void {
    if (this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  /** Receives messages while running: each names an outbox item to send (or, if it is settled, to forget). */
  private async receiveLoop(queue: WorkQueue): Promise<void> {
    // Don't hold more received messages than can be sent well within their visibility timeout.
    const cap = Math.max(this.receiveBatch, this.concurrency * 2);
    let failures = 0;
    while (!this.stopping) {
      const room = cap - this.queued.size;
      let wait = this.pollMs;
      if (room > 0) {
        try {
          const received = await queue.receive(Math.min(this.receiveBatch, room), this.visibilityTimeoutSeconds);
          failures = 0;
          this.stats.received += received.length;
          this.drained = received.length === 0;
          await Promise.all(received.map((message) => this.take(message)));
          if (received.length) wait = 0;
        } catch (error) {
          failures++;
          wait = Math.min(this.maxBackoffMs, this.pollMs * 2 ** Math.min(failures, 6));
          this.logger.warn('outbox queue receive failed', { error: (error as Error).message });
        }
        this.notifyIfIdle();
      }
      if (this.stopping) break;
      if (wait > 0) await Promise.race([this.clock.sleep(wait), this.stopped]);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** One received message: queue its item here, or delete it when the item needs nothing more. */
  private async take(message: QueueMessage): Promise<void> {
    const key = message.id;
    if (this.queued.has(key)) {
      this.attach(key, message);
      return;
    }
    let item: OutboxItem | undefined;
    try {
      item = await this.outbox.get(key);
    } catch (error) {
      // Leave the message: it comes back after the visibility timeout.
      this.logger.warn('outbox item could not be read', { key, error: (error as Error).message });
      return;
    }
    if (!item || settled(item)) {
      await this.acknowledge([message]);
      return;
    }
    if (item.status === 'sending' && (item.leaseUntil ?? 0) > this.clock.now()) return; // another live sender has it; its message comes back if it dies
    this.attach(key, message);
    this.add([item]); // no-op if it got here meanwhile (the rescan)
  }

  private attach(key: string, message: QueueMessage): void {
    const list = this.messages.get(key) ?? [];
    const index = list.findIndex((m) => m.messageId === message.messageId);
    if (index >= 0)
      list[index] = message; // redelivered: only the latest pop receipt can delete it
    else list.push(message);
    this.messages.set(key, list);
  }

  /** Deletes the queue messages of an item that needs nothing more (sent, dead, failed, gone). */
  private async forget(key: string): Promise<void> {
    const list = this.messages.get(key);
    if (!list) return;
    this.messages.delete(key);
    await this.acknowledge(list);
  }

  private async acknowledge(list: readonly QueueMessage[]): Promise<void> {
    if (!this.queue) return;
    for (const message of list) {
      try {
        await this.queue.delete(message);
        this.stats.acknowledged++;
      } catch (error) {
        // Received again since (QueueReceiptError): its new receiver finds the item settled and deletes it.
        if (!(error instanceof QueueReceiptError))
          this.logger.warn('outbox queue message not deleted', { key: message.id, error: (error as Error).message });
      }
    }
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
      this.notifyIfIdle();
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
      if (this.messages.has(entry.key)) {
        // Settled: its messages are done with. Claimed by another live sender: leave them (they
        // come back after the visibility timeout, and the claim decides again).
        const current = await this.outbox.get(entry.key).catch(() => undefined);
        if (!current || settled(current)) await this.forget(entry.key);
        else this.messages.delete(entry.key);
      }
      return;
    }
    const outcome = await this.transport
      .send(item)
      .catch((error: Error): SendOutcome => ({ ok: false, status: 0, message: error.message }));
    const at = this.clock.now();
    const verdict = verdictOf(outcome);
    const status = outcome.ok ? 200 : outcome.status;
    const code = outcome.ok ? undefined : outcome.code;
    const result = { at, attempt: item.attempts, status, ...(code ? { code } : {}) };
    if (verdict === 'sent') {
      await this.outbox.settle(
        item,
        'sent',
        { ...result, outcome: 'sent' },
        { sentAt: at, ...(outcome.ok && outcome.activityId ? { activityId: outcome.activityId } : {}) },
      );
      this.stats.sent++;
      this.queued.delete(entry.key);
      await this.forget(entry.key);
      return;
    }
    if (verdict === 'retry' && item.attempts < this.maxAttempts) {
      if (status === 429) this.stats.throttled++;
      this.stats.retries++;
      const retryAfter = outcome.ok ? undefined : outcome.retryAfterMs;
      const delay =
        retryAfter !== undefined
          ? retryAfter + Math.floor(this.random() * Math.min(1_000, retryAfter * 0.1 + 1))
          : this.backoff(item.attempts);
      await this.outbox.settle(item, 'pending', { ...result, outcome: 'retry' });
      if (await this.retryThroughQueue(entry.key, delay)) return;
      entry.dueAt = at + delay;
      this.push(entry);
      return;
    }
    if (verdict === 'dead') {
      await this.outbox.settle(item, 'dead', { ...result, outcome: 'dead' });
      this.stats.dead++;
      this.queued.delete(entry.key);
      await this.forget(entry.key);
      this.logger.info('conversation gone; removing it', { conversationId: item.conversationId, status, code });
      await this.options.onGone?.(item, outcome);
      return;
    }
    await this.outbox.settle(item, 'failed', { ...result, outcome: 'failed' });
    this.stats.failed++;
    this.queued.delete(entry.key);
    await this.forget(entry.key);
    this.logger.warn('message not delivered', { conversationId: item.conversationId, status, code, attempts: item.attempts });
  }

  /**
   * A retry of an item that came from the queue goes back on the queue, due after the delay, so
   * any instance may take it then (and a message visible too early can't beat Retry-After).
   * False (retry here, as without a queue) when there is no message or the queue fails.
   */
  private async retryThroughQueue(key: string, delayMs: number): Promise<boolean> {
    const list = this.messages.get(key);
    if (!this.queue || !list?.length) return false;
    try {
      await this.queue.enqueue(key, { delaySeconds: Math.min(7 * 86_400, Math.ceil(delayMs / 1000)) });
    } catch (error) {
      this.logger.warn('outbox retry not queued; retrying here', { key, error: (error as Error).message });
      return false;
    }
    this.queued.delete(key);
    await this.forget(key);
    return true;
  }

  /** Exponential backoff with jitter: between half and all of base * 2^(attempt-1), capped. */
  backoff(attempt: number): number {
    const ceiling = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + this.random() * (ceiling / 2));
  }
}

function settled(item: OutboxItem): boolean {
  return item.status === 'sent' || item.status === 'dead' || item.status === 'failed';
}

/** When the item last changed hands: created, claimed (lease start is unknown; its end is later), or attempted. */
function lastTouched(item: OutboxItem): number {
  return Math.max(item.createdAt, item.status === 'sending' ? (item.leaseUntil ?? 0) : 0, item.results.at(-1)?.at ?? 0);
}
