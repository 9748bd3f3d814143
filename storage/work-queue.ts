import { randomUUID } from 'node:crypto';
import { AppError } from '../platform/errors';

/**
 * A work queue with at-least-once delivery, shared by every instance: what lets any instance drain
 * the notification outbox. A message is a short id (e.g. an outbox item's storage key); the work
 * itself stays in the KeyValueStore, where ETags decide who did it.
 *
 * receive() hides the messages it returns for visibilityTimeoutSeconds; the receiver deletes a
 * message when its work is done. A receiver that crashes (or takes longer than the timeout) does
 * not delete, so the message shows up again for another receiver with dequeueCount + 1: work must
 * be idempotent (mark the outbox item sent with an If-Match write before or after sending, so a
 * repeat delivery finds it done).
 *
 * @example
 * await queue.enqueue(`outbox/${alertId}/${conversationId}`);
 * for (const message of await queue.receive(16, 60)) {
 *   await deliver(message.id);
 *   await queue.delete(message);
 * }
 */
export interface QueueMessage {
  /** What was enqueued. */
  id: string;
  /** The queue's own id for this message. */
  messageId: string;
  /** Proof of this receive; delete() needs it, and it changes at each delivery. */
  popReceipt: string;
  /** How many times the message has been received, this time included. */
  dequeueCount: number;
}

export interface WorkQueue {
  /** Adds a message; it becomes visible after delaySeconds (default 0). */
  enqueue(id: string, options?: { delaySeconds?: number }): Promise<void>;
  /** Up to maxMessages (1..32) visible messages, hidden from others for visibilityTimeoutSeconds (1..3600). */
  receive(maxMessages: number, visibilityTimeoutSeconds: number): Promise<QueueMessage[]>;
  /** Removes a received message. A stale popReceipt (the message was redelivered since) is a QueueReceiptError. */
  delete(message: QueueMessage): Promise<void>;
  close(): Promise<void>;
}

/** The message was received again by someone else since this receive (its visibility timed out). */
export class QueueReceiptError extends AppError {
  constructor(readonly messageId: string) {
    super('precondition_failed', `queue message ${messageId} was received again since; its work may be done twice, so keep it idempotent`);
  }
}

export function checkReceive(maxMessages: number, visibilityTimeoutSeconds: number): void {
  if (!Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > 32) throw new RangeError('maxMessages must be 1..32');
  if (!Number.isInteger(visibilityTimeoutSeconds) || visibilityTimeoutSeconds < 1 || visibilityTimeoutSeconds > 3600) {
    throw new RangeError('visibilityTimeoutSeconds must be 1..3600');
  }
}

/** In-process queue (tests, single instance). Instances sharing one object share the queue. */
export class MemoryWorkQueue implements WorkQueue {
  private readonly messages: Array<{ id: string; messageId: string; popReceipt: string; dequeueCount: number; visibleAt: number }> = [];

  constructor(private readonly now: () => number = Date.now) {}

  async enqueue(id: string, options: { delaySeconds?: number } = {}): Promise<void> {
    this.messages.push({
      id,
      messageId: randomUUID(),
      popReceipt: '',
      dequeueCount: 0,
      visibleAt: this.now() + (options.delaySeconds ?? 0) * 1000,
    });
  }

  async receive(maxMessages: number, visibilityTimeoutSeconds: number): Promise<QueueMessage[]> {
    checkReceive(maxMessages, visibilityTimeoutSeconds);
    const now = this.now();
    const out: QueueMessage[] = [];
    for (const message of this.messages) {
      if (out.length >= maxMessages) break;
      if (message.visibleAt > now) continue;
      message.visibleAt = now + visibilityTimeoutSeconds * 1000;
      message.popReceipt = randomUUID();
      message.dequeueCount++;
      out.push({ id: message.id, messageId: message.messageId, popReceipt: message.popReceipt, dequeueCount: message.dequeueCount });
    }
    return out;
  }

  async delete(message: QueueMessage): Promise<void> {
    const index = this.messages.findIndex((m) => m.messageId === message.messageId);
    if (index < 0) return;
    if (this.messages[index].popReceipt !== message.popReceipt) throw new QueueReceiptError(message.messageId);
    this.messages.splice(index, 1);
  }

  async close(): Promise<void> {}
}
