import { Client, HTTPMessageHandler, ResponseType, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { BATCH_LIMIT, type GraphCall, type GraphPort, type GraphReply } from './port';
import type { Logger } from '../logger';
import type { TokenProvider } from './tokens';

export interface GraphClientOptions {
  /** Base URL without version: https://graph.microsoft.com or the dev tenant. */
  endpoint: string;
  token: TokenProvider;
  /** Per attempt; a call that takes longer is abandoned and reported, never left hanging. */
  timeoutMs?: number;
  /** Retries of a 429/503/504, each after Retry-After (or a growing delay). */
  maxRetries?: number;
  /** Most time one call may spend waiting between retries (default 60 s); Graph's Retry-After is honoured within it. */
  retryBudgetMs?: number;
  logger?: Logger;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** Statuses worth retrying: throttled, or Graph briefly unavailable. */
const RETRYABLE = new Set([429, 503, 504]);
/** Per call: one interactive view or one watcher read waits at most this long for Graph's Retry-After. */
export const DEFAULT_RETRY_BUDGET_MS = 60_000;

/** Aborts an attempt that takes longer than `ms`. */
class TimeoutHandler implements Middleware {
  private next?: Middleware;
  constructor(private readonly ms: number) {}
  async execute(context: Context): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`Microsoft Graph did not answer within ${this.ms} ms`)), this.ms);
    context.options = { ...(context.options ?? {}), signal: controller.signal };
    try {
      await this.next?.execute(context);
    } finally {
      clearTimeout(timer);
    }
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Puts the bearer token on every request. The SDK's own AuthenticationHandler sends it only to
 * https hosts it recognises and compares a custom host without its port, so a custom Graph host
 * with a port (the dev tenant, a Graph proxy) got no Authorization header at all (issue #14).
 * Every URL this client sends to is on the configured endpoint (locate() refuses others), so the
 * token always goes.
 */
class BearerHandler implements Middleware {
  private next?: Middleware;
  constructor(private readonly token: TokenProvider) {}
  async execute(context: Context): Promise<void> {
    const bearer = `Bearer ${await this.token.getToken()}`;
    const options = (context.options ??= {});
    if (options.headers instanceof Headers) options.headers.set('Authorization', bearer);
    else options.headers = { ...((options.headers as Record<string, string> | undefined) ?? {}), Authorization: bearer };
    await this.next?.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * The GraphPort on @microsoft/microsoft-graph-client: token on every call, a per-attempt timeout,
 * nextLinks followed only on the configured endpoint, and retries of 429/503/504 — of whole
 * requests and of throttled items inside a $batch — after exactly the Retry-After Graph asks for
 * (https://learn.microsoft.com/en-us/graph/throttling), as long as the call's retry budget lasts.
 * When Graph asks for a longer wait than the budget has left, the call stops there and answers
 * Graph's 429/503 marked with that Retry-After: the reader shows that section "not read, Graph
 * asked to wait N s" and the rest of the snapshot, instead of holding the view for minutes.
 */
export function createGraphPort(options: GraphClientOptions): GraphPort {
  const endpoint = options.endpoint.replace(/\/$/, '');
  const maxRetries = options.maxRetries ?? 3;
  const budgetMs = options.retryBudgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const auth = new BearerHandler(options.token);
  const timeout = new TimeoutHandler(options.timeoutMs ?? 15_000);
  const http = new HTTPMessageHandler();
  auth.setNext(timeout);
  timeout.setNext(http);
  const client = Client.initWithMiddleware({ middleware: auth, baseUrl: `${endpoint}/`, defaultVersion: 'v1.0' });

  /** Splits an absolute nextLink on our endpoint into version and path; refuses other hosts. */
  const locate = (call: GraphCall): { version: string; path: string } => {
    if (!/^https?:\/\//.test(call.url)) return { version: call.version ?? 'v1.0', path: call.url };
    const match = /^(v1\.0|beta)\/(.*)$/.exec(call.url.startsWith(`${endpoint}/`) ? call.url.slice(endpoint.length + 1) : '');
    if (!match) throw new Error(`refusing to follow a link outside ${endpoint}: ${call.url}`);
    return { version: match[1], path: match[2] };
  };

  const sendOnce = async (call: GraphCall, method: 'GET' | 'POST', body?: unknown): Promise<GraphReply> => {
    try {
      const { version, path } = locate(call);
      let request = client.api(path).version(version).responseType(ResponseType.RAW);
      if (call.headers) request = request.headers(call.headers);
      const response = (await (method === 'GET' ? request.get() : request.post(body))) as Response;
      const text = await response.text();
      const type = response.headers.get('content-type') ?? '';
      const retryAfterSeconds = retryAfterOf({ 'retry-after': response.headers.get('retry-after') ?? '' });
      return {
        status: response.status,
        body: text && type.includes('json') ? JSON.parse(text) : text,
        ...(retryAfterSeconds !== undefined && RETRYABLE.has(response.status) ? { retryAfterSeconds } : {}),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.logger?.warn('graph call failed', { url: call.url.split('?')[0], error: message });
      return { status: 0, body: { error: { code: 'RequestFailed', message } } };
    }
  };

  /** How long to wait before retry `attempt` (1-based), or undefined when the budget cannot cover it. */
  const waitFor = (retryAfterSeconds: number | undefined, attempt: number, waited: number): number | undefined => {
    const ms = (retryAfterSeconds ?? 2 ** (attempt - 1)) * 1000;
    return waited + ms <= budgetMs ? ms : undefined;
  };

  const send = async (call: GraphCall, method: 'GET' | 'POST', body?: unknown): Promise<GraphReply> => {
    let waited = 0;
    let reply = await sendOnce(call, method, body);
    for (let attempt = 1; attempt <= maxRetries && RETRYABLE.has(reply.status); attempt++) {
      const ms = waitFor(reply.retryAfterSeconds, attempt, waited);
      if (ms === undefined) break;
      await sleep(ms);
      waited += ms;
      reply = await sendOnce(call, method, body);
    }
    return reply;
  };

  const batchOnce = async (calls: readonly GraphCall[], version: string): Promise<GraphReply[]> => {
    const requests = calls.map((call, index) => ({
      id: String(index + 1),
      method: 'GET',
      url: `/${call.url}`,
      ...(call.headers ? { headers: call.headers } : {}),
    }));
    const reply = await send({ url: '$batch', version: version as GraphCall['version'] }, 'POST', { requests });
    if (reply.status !== 200) return calls.map(() => reply);
    const responses = ((reply.body as { responses?: unknown }).responses ?? []) as BatchItemReply[];
    // Graph answers a batch in its own order: match by id, never by position.
    const byId = new Map(responses.map((r) => [r.id, r]));
    return calls.map((_, index): GraphReply => {
      const item = byId.get(String(index + 1));
      if (!item) return { status: 0, body: { error: { code: 'MissingResponse', message: 'the batch had no answer for this request' } } };
      const retryAfterSeconds = retryAfterOf(item.headers);
      return {
        status: item.status,
        body: itemBody(item),
        ...(retryAfterSeconds !== undefined && RETRYABLE.has(item.status) ? { retryAfterSeconds } : {}),
      };
    });
  };

  return {
    get: (call) => send(call, 'GET'),
    async batch(calls) {
      const version = calls[0]?.version ?? 'v1.0';
      if (calls.some((call) => (call.version ?? 'v1.0') !== version)) throw new Error('a $batch holds calls of one Graph version');
      const replies: GraphReply[] = [];
      for (let start = 0; start < calls.length; start += BATCH_LIMIT) {
        const chunk = calls.slice(start, start + BATCH_LIMIT);
        const answers = await batchOnce(chunk, version);
        let waited = 0;
        for (let attempt = 1; attempt <= maxRetries; attempt++) {
          const retry = answers.map((a, i) => (RETRYABLE.has(a.status) ? i : -1)).filter((i) => i >= 0);
          if (retry.length === 0) break;
          const asked = retry.map((i) => answers[i].retryAfterSeconds).filter((s): s is number => s !== undefined);
          const ms = waitFor(asked.length ? Math.max(...asked) : undefined, attempt, waited);
          if (ms === undefined) break;
          await sleep(ms);
          waited += ms;
          const again = await batchOnce(
            retry.map((i) => chunk[i]),
            version,
          );
          retry.forEach((i, k) => (answers[i] = again[k]));
        }
        replies.push(...answers);
      }
      return replies;
    },
  };
}

interface BatchItemReply {
  id: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A batch item's body as the reader wants it. JSON stays JSON; a text body (a `$count`) may come
 * as a number, as the text itself or base64-encoded (Graph encodes non-JSON bodies in batch
 * responses; the exact form for text/plain is undocumented, GRAPH-FACTS): base64 is decoded when
 * it decodes to plain printable text and re-encodes to the same string.
 */
export function itemBody(item: { body?: unknown; headers?: Record<string, string> }): unknown {
  const type = Object.entries(item.headers ?? {}).find(([key]) => key.toLowerCase() === 'content-type')?.[1] ?? '';
  if (typeof item.body !== 'string' || type.includes('json')) return item.body;
  const text = item.body;
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0) {
    const decoded = Buffer.from(text, 'base64');
    const plain = decoded.toString('utf8');
    if (decoded.toString('base64') === text && /^[\x20-\x7e\t\r\n]*$/.test(plain)) return plain;
  }
  return text;
}

function retryAfterOf(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === 'retry-after');
  const seconds = entry && entry[1] !== '' ? Number(entry[1]) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
