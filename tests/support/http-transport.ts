import { outcomeOfError, parseRetryAfter, connectorCodeOf, type SendOutcome, type Transport } from '../../notifications/transport';
import type { ConversationReferenceLite, OutboxItem } from '../../notifications/types';

/**
 * A bare Bot Connector client (fetch, no SDK retries): the bench uses it so every 429 reaches the
 * sender, whose handling is what is measured. The server uses BotHostTransport (the real adapter).
 */
export class HttpTransport implements Transport {
  async send(item: Pick<OutboxItem, 'reference' | 'activity'>): Promise<SendOutcome> {
    const url = `${item.reference.serviceUrl.replace(/\/$/, '')}/v3/conversations/${encodeURIComponent(item.reference.conversation.id)}/activities`;
    return this.call('POST', url, { ...item.activity, conversation: item.reference.conversation, from: item.reference.bot });
  }

  async update(reference: ConversationReferenceLite, activityId: string, activity: Record<string, unknown>): Promise<SendOutcome> {
    const url = `${reference.serviceUrl.replace(/\/$/, '')}/v3/conversations/${encodeURIComponent(reference.conversation.id)}/activities/${encodeURIComponent(activityId)}`;
    return this.call('PUT', url, { ...activity, id: activityId });
  }

  private async call(method: string, url: string, body: unknown): Promise<SendOutcome> {
    try {
      const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await response.text();
      const parsed = text ? (JSON.parse(text) as { id?: string }) : {};
      if (response.ok) return { ok: true, ...(parsed.id ? { activityId: parsed.id } : {}) };
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const code = connectorCodeOf(parsed);
      return {
        ok: false,
        status: response.status,
        ...(code ? { code } : {}),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        message: text.slice(0, 200),
      };
    } catch (error) {
      return outcomeOfError(error);
    }
  }
}
