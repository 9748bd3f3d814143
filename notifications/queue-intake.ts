import type { Logger } from '../platform/logger';
import { QueueReceiptError, type QueueMessage, type WorkQueue } from '../storage/work-queue';
import type { Clock } from './clock';
import { isSettled, type Outbox } from './outbox';
import type { OutboxItem } from './types';

export interface QueueIntakeOptions {
  clock: Clock;
  logger: Logger;
  /** The sender's claim lease: a received message must stay hidden longer than that. */
  leaseMs: number;
  /** The sender's sends in flight at once: the intake holds at most twice as many items. */
  concurrency: number;
  /** Longest wait between receives after failures. */
  maxBackoffMs: number;
  /** How long the receive loop waits after finding the queue empty (default 1 s). */
  pollMs?: number;
  /** How long a received message stays hidden; must be longer than the claim lease (default lease + 60 s). */
  visibilityTimeoutSeconds?: number;
  /** Messages received per call (1..32, default 16). */
  receiveBatch?: number;
}

/** What the intake hands work to: the sender's list of items to deliver. */
export interface IntakeTarget {
  /** How many items the sender holds (waiting or in flight). */
  held(): number;
  holds(key: string): boolean;
  add(items: ReadonlyArray<Pick<OutboxItem, 'key' | 'tenantId' | 'conversationId'>>): void;
  /** Called after each receive (the sender may now be idle). */
  received(): void;
}

/**
 * Queue intake: receives messages from the work queue (any instance announces, any receives), each
 * naming an outbox item, and hands the items to the sender; deletes a message once its item needs
 * nothing more. The item's claim (ETag) still decides who sends, so a duplicate delivery sends nothing twice.
 */
export class QueueIntake {
  readonly stats = { received: 0, acknowledged: 0 };
  /** The last receive found no visible message. */
  drained = false;
  /** Messages naming items held here, by item key (deleted once the item is settled). */
  private readonly messages = new Map<string, QueueMessage[]>();
  private receiving?: Promise<void>;
  private stopping = false;
  private stopSignal: () => void = () => undefined;
  private stopped: Promise<void> = Promise.resolve();

  readonly visibilityTimeoutSeconds: number;
  private readonly pollMs: number;
  private readonly receiveBatch: number;
  /** Items the sender holds at most (waiting or in flight), so each is sent well within its visibility timeout. */
  private readonly capacity: number;

  constructor(
    private readonly queue: WorkQueue,
    private readonly outbox: Outbox,
    private readonly options: QueueIntakeOptions,
  ) {
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? Math.min(3600, Math.ceil(options.leaseMs / 1000) + 60);
    if (this.visibilityTimeoutSeconds * 1000 <= options.leaseMs) {
      throw new RangeError(
        `visibilityTimeoutSeconds (${this.visibilityTimeoutSeconds}) must be longer than the claim lease (${options.leaseMs} ms)`,
      );
    }
    this.pollMs = options.pollMs ?? 1_000;
    this.receiveBatch = Math.max(1, Math.min(32, Math.floor(options.receiveBatch ?? 16)));
    this.capacity = Math.max(this.receiveBatch, options.concurrency * 2);
  }

  start(target: IntakeTarget): void {
    if (this.receiving) return;
    this.stopping = false;
    this.drained = false;
    this.stopped = new Promise<void>((resolve) => (this.stopSignal = resolve));
    this.receiving = this.receiveLoop(target);
  }

  /** Stops receiving; the messages of items not yet settled come back after their visibility timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopSignal();
    await this.receiving;
    this.receiving = undefined;
    this.messages.clear();
  }

  /** Whether the item came (also) from the queue. */
  has(key: string): boolean {
    return this.messages.has(key);
  }

  /** The item needs nothing more (sent, dead, failed, gone): deletes its messages. */
  async done(key: string): Promise<void> {
    const list = this.messages.get(key);
    if (!list) return;
    this.messages.delete(key);
    await this.acknowledge(list);
  }

  /** Another live sender has claimed the item: leave its messages, which come back if that sender dies. */
  release(key: string): void {
    this.messages.delete(key);
  }

  /**
   * A retry of an item that came from the queue goes back on the queue, due after the delay, so any
   * instance may take it then (and a message visible too early can't beat Retry-After). False
   * (retry here instead) when the item has no message or the queue fails.
   */
  async retryLater(key: string, delayMs: number): Promise<boolean> {
    if (!this.messages.get(key)?.length) return false;
    try {
      await this.queue.enqueue(key, { delaySeconds: Math.min(7 * 86_400, Math.ceil(delayMs / 1000)) });
    } catch (error) {
      this.options.logger.warn('outbox retry not queued; retrying here', { key, error: (error as Error).message });
      return false;
    }
    await this.done(key);
    return true;
  }

  private async receiveLoop(target: IntakeTarget): Promise<void> {
    const { pollMs, receiveBatch, visibilityTimeoutSeconds, capacity } = this;
    const { maxBackoffMs, clock, logger } = this.options;
    let failures = 0;
    while (!this.stopping) {
      const room = capacity - target.held();
      let wait = pollMs;
      if (room > 0) {
        try {
          const received = await this.queue.receive(Math.min(receiveBatch, room), visibilityTimeoutSeconds);
          failures = 0;
          this.stats.received += received.length;
          this.drained = received.length === 0;
          await Promise.all(received.map((message) => this.take(message, target)));
          if (received.length) wait = 0;
        } catch (error) {
          failures++;
          wait = Math.min(maxBackoffMs, pollMs * 2 ** Math.min(failures, 6));
          logger.warn('outbox queue receive failed', { error: (error as Error).message });
        }
        target.received();
      }
      if (this.stopping) break;
      if (wait > 0) await Promise.race([clock.sleep(wait), this.stopped]);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** One received message: hand its item to the sender, or delete it when the item needs nothing more. */
  private async take(message: QueueMessage, target: IntakeTarget): Promise<void> {
    const key = message.id;
    if (target.holds(key)) {
      this.attach(key, message);
      return;
    }
    let item: OutboxItem | undefined;
    try {
      item = await this.outbox.get(key);
    } catch (error) {
      // Leave the message: it comes back after the visibility timeout.
      this.options.logger.warn('outbox item could not be read', { key, error: (error as Error).message });
      return;
    }
    if (!item || isSettled(item)) {
      await this.acknowledge([message]);
      return;
    }
    // Another live sender has it; its message comes back if that sender dies.
    if (item.status === 'sending' && (item.leaseUntil ?? 0) > this.options.clock.now()) return;
    this.attach(key, message);
    target.add([item]); // a no-op if the rescan got it here meanwhile
  }

  private attach(key: string, message: QueueMessage): void {
    const list = this.messages.get(key) ?? [];
    const index = list.findIndex((m) => m.messageId === message.messageId);
    // Redelivered: only the latest pop receipt can delete it.
    if (index >= 0) list[index] = message;
    else list.push(message);
    this.messages.set(key, list);
  }

  private async acknowledge(list: readonly QueueMessage[]): Promise<void> {
    for (const message of list) {
      try {
        await this.queue.delete(message);
        this.stats.acknowledged++;
      } catch (error) {
        // Received again since (QueueReceiptError): its new receiver finds the item settled and deletes it.
        if (!(error instanceof QueueReceiptError))
          this.options.logger.warn('outbox queue message not deleted', { key: message.id, error: (error as Error).message });
      }
    }
  }
}
