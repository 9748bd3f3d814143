import type { SendOutcome, Transport } from '../../notifications/transport';
import type { OutboxItem } from '../../notifications/types';

export interface ScriptedTransportOptions {
  /** Whose time each call is logged with (a VirtualClock in most tests). */
  clock?: { now(): number };
  /** Awaited inside each send before it answers, so concurrent senders interleave (default: one turn of the event loop). */
  pause?: () => Promise<void>;
  /** Deliveries counted here: a map shared by several instances' transports. */
  delivered?: Map<string, number>;
  /** Sends to these never complete, as when the instance dies mid-send. */
  hangs?: (conversationId: string) => boolean;
}

/**
 * A transport that answers from a script per conversation, then 200 with an activity id; logs
 * each call with its time, keeps each delivered activity and counts deliveries per conversation
 * ("each exactly once"); optionally some sends hang forever (a killed instance).
 */
export class ScriptedTransport implements Transport {
  readonly calls: Array<{ conversationId: string; at: number }> = [];
  /** Every activity delivered, in order, as the conversation would show it. */
  readonly sent: Array<{ conversationId: string; activity: Record<string, unknown> }> = [];
  readonly delivered: Map<string, number>;
  /** Conversations whose send hangs. */
  readonly hung = new Set<string>();
  private readonly scripts = new Map<string, SendOutcome[]>();

  constructor(private readonly options: ScriptedTransportOptions = {}) {
    this.delivered = options.delivered ?? new Map();
  }

  /** The next sends to this conversation get these outcomes, in order. */
  script(conversationId: string, ...outcomes: SendOutcome[]): void {
    this.scripts.set(conversationId, outcomes);
  }

  async send(item: Pick<OutboxItem, 'reference' | 'activity'>): Promise<SendOutcome> {
    const id = item.reference.conversation.id;
    this.calls.push({ conversationId: id, at: (this.options.clock ?? Date).now() });
    if (this.options.hangs?.(id)) {
      this.hung.add(id);
      return new Promise<SendOutcome>(() => undefined);
    }
    await (this.options.pause ?? nextTurn)();
    const next = this.scripts.get(id)?.shift();
    if (next) return next;
    this.delivered.set(id, (this.delivered.get(id) ?? 0) + 1);
    this.sent.push({ conversationId: id, activity: item.activity });
    return { ok: true, activityId: `act-${id}` };
  }

  async update(): Promise<SendOutcome> {
    return { ok: true };
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
