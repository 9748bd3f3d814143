import { PER_CONVERSATION_SEND, PER_TENANT, SlidingWindowLimiter, type RateWindow } from './rate-limit';

/** One outbox item waiting for its turn. */
export interface ScheduledSend {
  key: string;
  tenantId: string;
  conversationId: string;
  /** Not before this time (a retry's delay, a conversation's window). */
  dueAt: number;
}

export interface ScheduleLimits {
  perConversation?: readonly RateWindow[];
  perTenant?: readonly RateWindow[];
}

/**
 * Which sends may start now: each tenant's sends in due order, paced against Teams' limits per app
 * per tenant and per conversation. A send counts against the limits from the moment its answer came
 * back (Teams saw it by then at the latest) and, while it is in flight, as pending: so however long
 * a request takes on its way, Teams never sees more in a window than the limits allow.
 * Pure bookkeeping: the caller passes the time.
 */
export class TenantSchedule {
  /** Per tenant, in due order. */
  private readonly queues = new Map<string, ScheduledSend[]>();
  /** Per conversation: sends that wait for one of that conversation's sends in flight to be answered. */
  private readonly held = new Map<string, ScheduledSend[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly tenantLimiter: SlidingWindowLimiter;
  private readonly conversationLimiter: SlidingWindowLimiter;
  /** How far back a send still counts against some limit. */
  readonly memoryMs: number;

  constructor(limits: ScheduleLimits = {}) {
    const perTenant = limits.perTenant ?? PER_TENANT;
    const perConversation = limits.perConversation ?? PER_CONVERSATION_SEND;
    this.tenantLimiter = new SlidingWindowLimiter(perTenant);
    this.conversationLimiter = new SlidingWindowLimiter(perConversation);
    this.memoryMs = Math.max(...[...perTenant, ...perConversation].map((w) => w.ms));
  }

  add(send: ScheduledSend): void {
    const queue = this.queues.get(send.tenantId) ?? [];
    this.queues.set(send.tenantId, queue);
    insertByDue(queue, send);
  }

  /**
   * Starts up to `room` sends that may go at `now`. `nextAt` is when one more may be due (Infinity:
   * not before a send in flight is answered).
   */
  take(now: number, room: number): { ready: ScheduledSend[]; nextAt: number } {
    const ready: ScheduledSend[] = [];
    let nextAt = Number.POSITIVE_INFINITY;
    for (const [tenantId, queue] of this.queues) {
      while (ready.length < room && queue.length) {
        const head = queue[0];
        if (head.dueAt > now) {
          nextAt = Math.min(nextAt, head.dueAt);
          break;
        }
        const tenantWait = this.tenantLimiter.waitFor(tenantId, now, this.inFlight.get(tenantId) ?? 0);
        if (tenantWait > 0) {
          nextAt = Math.min(nextAt, now + tenantWait);
          break;
        }
        queue.shift();
        const conversation = conversationKey(head);
        const conversationWait = this.conversationLimiter.waitFor(conversation, now, this.inFlight.get(conversation) ?? 0);
        if (conversationWait === Number.POSITIVE_INFINITY) {
          this.held.set(conversation, [...(this.held.get(conversation) ?? []), head]);
        } else if (conversationWait > 0) {
          head.dueAt = now + conversationWait;
          insertByDue(queue, head);
        } else {
          this.count(tenantId, 1);
          this.count(conversation, 1);
          ready.push(head);
        }
      }
      if (!queue.length) this.queues.delete(tenantId);
    }
    return { ready, nextAt };
  }

  /** A started send was answered (or gave up waiting) at `at`: from then on it counts against the limits. */
  answered(send: ScheduledSend, at: number): void {
    this.remember(send, at);
    this.finish(send);
  }

  /** A send answered at `at` before this schedule existed (an earlier process) counts against the limits too. */
  remember(send: Pick<ScheduledSend, 'tenantId' | 'conversationId'>, at: number): void {
    this.tenantLimiter.record(send.tenantId, at);
    this.conversationLimiter.record(conversationKey(send), at);
  }

  /**
   * A started send that counts against nothing: it never went out (the outbox said it needs no
   * sending), or Teams refused it with 429 and so performed nothing (its item waits its Retry-After).
   */
  uncounted(send: ScheduledSend): void {
    this.finish(send);
  }

  clear(): void {
    this.queues.clear();
    this.held.clear();
  }

  private finish(send: ScheduledSend): void {
    const conversation = conversationKey(send);
    this.count(send.tenantId, -1);
    this.count(conversation, -1);
    const held = this.held.get(conversation);
    if (!held) return;
    this.held.delete(conversation);
    const queue = this.queues.get(send.tenantId) ?? [];
    this.queues.set(send.tenantId, queue);
    for (const waiting of held) insertByDue(queue, waiting);
  }

  private count(key: string, delta: number): void {
    const next = (this.inFlight.get(key) ?? 0) + delta;
    if (next > 0) this.inFlight.set(key, next);
    else this.inFlight.delete(key);
  }
}

function conversationKey(send: Pick<ScheduledSend, 'tenantId' | 'conversationId'>): string {
  return `${send.tenantId}\n${send.conversationId}`;
}

/** Keeps a queue in due order; most sends go at the end. */
function insertByDue(queue: ScheduledSend[], send: ScheduledSend): void {
  let i = queue.length;
  while (i > 0 && queue[i - 1].dueAt > send.dueAt) i--;
  queue.splice(i, 0, send);
}
