import type { ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationReferenceLite, OutboxItem } from './types';

/** The one thing notifications needs of the bot's host: to run code in an existing conversation. */
export interface ProactiveHost {
  continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: Pick<TurnContext, 'sendActivity' | 'updateActivity'>) => Promise<void>,
  ): Promise<void>;
}

/** What the connector said to one send. */
export type SendOutcome =
  { ok: true; activityId?: string } | { ok: false; status: number; code?: string; retryAfterMs?: number; message: string };

/** Sends one stored message. */
export interface Transport {
  send(item: Pick<OutboxItem, 'reference' | 'activity'>): Promise<SendOutcome>;
  /** Replaces a sent message (the card after Acknowledge). */
  update(reference: ConversationReferenceLite, activityId: string, activity: Record<string, unknown>): Promise<SendOutcome>;
}

/** Retry-After as seconds or an HTTP date, in ms. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Reads a Bot Connector error body. Teams puts the code in error.code, or (MessageWritesBlocked)
 * in a JSON string inside message: {"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\",…}"}.
 */
export function connectorCodeOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const obj = body as { error?: { code?: unknown; message?: unknown }; code?: unknown; message?: unknown; subCode?: unknown };
  const nested = [obj.error?.message, obj.message].find((m): m is string => typeof m === 'string' && m.trim().startsWith('{'));
  if (nested) {
    try {
      const inner = JSON.parse(nested) as { subCode?: unknown; code?: unknown };
      if (typeof inner.subCode === 'string' && inner.subCode) return inner.subCode;
      if (typeof inner.code === 'string' && inner.code) return inner.code;
    } catch {
      // not JSON after all
    }
  }
  if (typeof obj.subCode === 'string') return obj.subCode;
  if (typeof obj.error?.code === 'string') return obj.error.code;
  if (typeof obj.code === 'string') return obj.code;
  return undefined;
}

/** Turns what botbuilder's ConnectorClient throws (a RestError) into a SendOutcome. */
export function outcomeOfError(error: unknown): SendOutcome {
  const e = error as {
    statusCode?: number;
    status?: number;
    code?: string;
    message?: string;
    response?: {
      status?: number;
      headers?: { get?(name: string): string | undefined | null } | Record<string, string>;
      bodyAsText?: string;
      parsedBody?: unknown;
    };
  };
  const status = e?.statusCode ?? e?.response?.status ?? e?.status ?? 0;
  let body = e?.response?.parsedBody;
  if (body === undefined && e?.response?.bodyAsText) {
    try {
      body = JSON.parse(e.response.bodyAsText);
    } catch {
      body = undefined;
    }
  }
  const headers = e?.response?.headers;
  const retryAfterHeader =
    headers && typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(name: string): string | undefined | null }).get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  const code =
    connectorCodeOf(body) ??
    (typeof e?.code === 'string' && !/^(ECONN|ETIMEDOUT|ENOTFOUND|REQUEST_SEND_ERROR)/.test(e.code) ? e.code : undefined);
  const retryAfterMs = parseRetryAfter(retryAfterHeader ?? undefined);
  return {
    ok: false,
    status: typeof status === 'number' ? status : 0,
    ...(code ? { code } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    message: e?.message ?? String(error),
  };
}

/** Sends through the real Bot Framework adapter (CloudAdapter.continueConversationAsync). */
export class ProactiveTransport implements Transport {
  constructor(private readonly botHost: ProactiveHost) {}

  async send(item: Pick<OutboxItem, 'reference' | 'activity'>): Promise<SendOutcome> {
    let activityId: string | undefined;
    // The adapter hands errors inside the logic to its onTurnError (which swallows them): catch them here.
    let failure: unknown;
    try {
      await this.botHost.continueConversation(item.reference as Partial<ConversationReference>, async (context) => {
        try {
          const response = await context.sendActivity(item.activity);
          activityId = response?.id;
        } catch (error) {
          failure = error ?? new Error('send failed');
        }
      });
    } catch (error) {
      failure = error ?? new Error('send failed');
    }
    if (failure !== undefined) return outcomeOfError(failure);
    return { ok: true, ...(activityId ? { activityId } : {}) };
  }

  async update(reference: ConversationReferenceLite, activityId: string, activity: Record<string, unknown>): Promise<SendOutcome> {
    let failure: unknown;
    try {
      await this.botHost.continueConversation(reference as Partial<ConversationReference>, async (context) => {
        await context.updateActivity({ ...activity, id: activityId }).catch((error: unknown) => {
          failure = error ?? new Error('update failed');
        });
      });
    } catch (error) {
      failure = error ?? new Error('update failed');
    }
    return failure === undefined ? { ok: true, activityId } : outcomeOfError(failure);
  }
}
