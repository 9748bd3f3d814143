import type { NewOutboxItem } from '../../notifications/outbox';

/** One alert message for a personal chat of tenant-a, as the watcher would store it (event `eventKey`). */
export function outboxItem(conversationId: string, eventKey = 'abc.1.new'): NewOutboxItem {
  return {
    tenantId: 'tenant-a',
    conversationId,
    eventKey,
    kind: 'new',
    alertId: 'abc',
    reference: {
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-a' },
      bot: { id: 'bot' },
    },
    activity: { type: 'message', text: 'alert' },
  };
}
