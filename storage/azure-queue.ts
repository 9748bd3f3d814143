import { QueueServiceClient, RestError, type QueueClient } from '@azure/storage-queue';
import { checkReceive, QueueReceiptError, type QueueMessage, type WorkQueue } from './work-queue';

export interface AzureWorkQueueOptions {
  connectionString?: string;
  queueClient?: QueueClient;
  queue?: string;
}

/**
 * WorkQueue on Azure Queue Storage. Message text is base64 (as botbuilder's queue storage does), so
 * any id survives the queue's XML envelope. Messages live up to 7 days (the service default).
 */
export class AzureWorkQueue implements WorkQueue {
  readonly queue: QueueClient;
  private ready?: Promise<void>;

  constructor(options: AzureWorkQueueOptions) {
    if (options.queueClient) this.queue = options.queueClient;
    else if (options.connectionString)
      this.queue = QueueServiceClient.fromConnectionString(options.connectionString).getQueueClient(
        options.queue ?? 'entra-companion-outbox',
      );
    else throw new Error('AzureWorkQueue needs a connection string or a queue client');
  }

  private ensureQueue(): Promise<void> {
    this.ready ??= this.queue.createIfNotExists().then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }

  async enqueue(id: string, options: { delaySeconds?: number } = {}): Promise<void> {
    await this.ensureQueue();
    await this.queue.sendMessage(Buffer.from(id, 'utf8').toString('base64'), { visibilityTimeout: options.delaySeconds ?? 0 });
  }

  async receive(maxMessages: number, visibilityTimeoutSeconds: number): Promise<QueueMessage[]> {
    checkReceive(maxMessages, visibilityTimeoutSeconds);
    await this.ensureQueue();
    const response = await this.queue.receiveMessages({ numberOfMessages: maxMessages, visibilityTimeout: visibilityTimeoutSeconds });
    return response.receivedMessageItems.map((item) => ({
      id: Buffer.from(item.messageText, 'base64').toString('utf8'),
      messageId: item.messageId,
      popReceipt: item.popReceipt,
      dequeueCount: item.dequeueCount,
    }));
  }

  async delete(message: QueueMessage): Promise<void> {
    await this.ensureQueue();
    try {
      await this.queue.deleteMessage(message.messageId, message.popReceipt);
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) {
        // Gone already (MessageNotFound) is fine; a changed pop receipt (PopReceiptMismatch) is not.
        if ((error.code ?? '') === 'PopReceiptMismatch') throw new QueueReceiptError(message.messageId);
        return;
      }
      if (error instanceof RestError && error.statusCode === 400 && error.code === 'PopReceiptMismatch')
        throw new QueueReceiptError(message.messageId);
      throw error;
    }
  }

  async close(): Promise<void> {}
}
