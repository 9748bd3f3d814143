import { ConcurrencyError, type KeyValueStore } from '../storage/store';
import type { WorkQueue } from '../storage/work-queue';
import { keys } from './keys';
import type { OutboxItem, OutboxResult } from './types';

export type NewOutboxItem = Omit<OutboxItem, 'key' | 'status' | 'attempts' | 'results' | 'createdAt' | 'idempotencyKey'>;

export interface OutboxOptions {
  /**
   * When given (several instances on Azure Storage), each stored item is also announced on this
   * queue (its key), and senders take work from the queue. The store stays the source of truth.
   */
  queue?: WorkQueue;
  /**
   * The item is stored but its announcement failed: the periodic rescan will find it; this lets the
   * caller deliver it another way meanwhile (e.g. hand it to the local sender).
   */
  onAnnounceFailed?: (item: OutboxItem, error: Error) => void;
}

/** Results kept per item (the latest). */
const MAX_RESULTS = 12;

/**
 * The durable outbox: every message is stored before it is sent, under a key that contains its
 * idempotency key (event + conversation), and marked sent (with the activity id) after. A sender
 * claims an item with an ETag-checked write, so two senders never send the same item.
 */
export class Outbox {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
    private readonly options: OutboxOptions = {},
  ) {}

  /** The queue items are announced on, if any. */
  get queue(): WorkQueue | undefined {
    return this.options.queue;
  }

  /** Stores a new item; undefined when the same event was already queued for that conversation (dedupe). */
  async enqueue(item: NewOutboxItem): Promise<OutboxItem | undefined> {
    const key = keys.outboxItem(item.tenantId, item.eventKey, item.conversationId);
    const stored: OutboxItem = {
      ...item,
      key,
      idempotencyKey: `${item.eventKey}|${item.conversationId}`,
      status: 'pending',
      attempts: 0,
      results: [],
      createdAt: this.now(),
    };
    try {
      await this.store.put(key, stored, { ifNoneMatch: '*' });
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
    await this.announce(stored);
    return stored;
  }

  /**
   * Tells the queue (if any) that the item is there to send. Stored first, announced second: a lost
   * announcement loses nothing (the rescan of unsent items finds the item), a duplicate one sends
   * nothing twice (the claim says no).
   */
  async announce(item: OutboxItem, delaySeconds = 0): Promise<boolean> {
    const queue = this.options.queue;
    if (!queue) return false;
    try {
      await queue.enqueue(item.key, delaySeconds > 0 ? { delaySeconds } : {});
      return true;
    } catch (error) {
      this.options.onAnnounceFailed?.(item, error as Error);
      return false;
    }
  }

  async get(key: string): Promise<OutboxItem | undefined> {
    return (await this.store.get<OutboxItem>(key))?.value;
  }

  /** Items still to send (see isUnsent). */
  async unsent(tenantId?: string): Promise<OutboxItem[]> {
    const now = this.now();
    return (await this.all(tenantId)).filter((item) => isUnsent(item, now));
  }

  async all(tenantId?: string): Promise<OutboxItem[]> {
    return (await this.store.list<OutboxItem>(keys.outbox(tenantId))).map((entry) => entry.value);
  }

  /** The messages of one alert episode (to update their cards in place). */
  async ofEpisode(tenantId: string, alertId: string, episode: number): Promise<OutboxItem[]> {
    return (await this.store.list<OutboxItem>(keys.outboxOfEpisode(tenantId, alertId, episode))).map((entry) => entry.value);
  }

  /**
   * The idempotency check before a send: claims the item unless it is sent, dead, failed or claimed
   * by another live sender. Returns the claimed item, or undefined when it must not be sent.
   */
  async claim(key: string, leaseMs: number): Promise<OutboxItem | undefined> {
    const current = await this.store.get<OutboxItem>(key);
    if (!current) return undefined;
    const item = current.value;
    const now = this.now();
    if (!isUnsent(item, now)) return undefined;
    const claimed: OutboxItem = { ...item, status: 'sending', leaseUntil: now + leaseMs, attempts: item.attempts + 1 };
    try {
      await this.store.put(key, claimed, { ifMatch: current.etag });
      return claimed;
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
  }

  /** Records an attempt's result and the item's new status. */
  async settle(item: OutboxItem, status: OutboxItem['status'], result: OutboxResult, extra: Partial<OutboxItem> = {}): Promise<OutboxItem> {
    const next: OutboxItem = { ...item, ...extra, status, results: [...item.results, result].slice(-MAX_RESULTS) };
    if (status !== 'sending') delete next.leaseUntil;
    await this.store.put(item.key, next);
    return next;
  }

  /** Deletes settled items older than `maxAgeMs` (their idempotency keys are no longer needed). */
  async prune(maxAgeMs: number): Promise<number> {
    const cutoff = this.now() - maxAgeMs;
    let removed = 0;
    for (const { key, value } of await this.store.list<OutboxItem>(keys.outbox())) {
      if (isSettled(value) && value.createdAt < cutoff) {
        await this.store.delete(key);
        removed++;
      }
    }
    return removed;
  }
}

/** Still to send at `now`: pending, or claimed by a sender whose lease ran out (it crashed mid-send). */
export function isUnsent(item: Pick<OutboxItem, 'status' | 'leaseUntil'>, now: number): boolean {
  return item.status === 'pending' || (item.status === 'sending' && (item.leaseUntil ?? 0) <= now);
}

/** Sent, dead or failed: nothing more will be sent. */
export function isSettled(item: Pick<OutboxItem, 'status'>): boolean {
  return item.status === 'sent' || item.status === 'dead' || item.status === 'failed';
}
