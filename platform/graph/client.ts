import {
  Client,
  HTTPMessageHandler,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
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
  logger?: Logger;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** Statuses worth retrying: throttled, or Graph briefly unavailable. */
const RETRYABLE = new Set([429, 503, 504]);
const MAX_RETRY_AFTER_SECONDS = 30;

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
 * The GraphPort on @microsoft/microsoft-graph-client: token on every call, the SDK's RetryHandler
 * for whole requests (429/503/504 honouring Retry-After), our own retry of throttled items inside
 * a $batch, a per-attempt timeout, and nextLinks followed only on the configured endpoint.
 */
export function createGraphPort(options: GraphClientOptions): GraphPort {
  const endpoint = options.endpoint.replace(/\/$/, '');
  const maxRetries = options.maxRetries ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const auth = new BearerHandler(options.token);
  const retry = new RetryHandler(new RetryHandlerOptions(1, maxRetries));
  const timeout = new TimeoutHandler(options.timeoutMs ?? 15_000);
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(timeout);
  timeout.setNext(http);
  const client = Client.initWithMiddleware({ middleware: auth, baseUrl: `${endpoint}/`, defaultVersion: 'v1.0' });

  /** Splits an absolute nextLink on our endpoint into version and path; refuses other hosts. */
  const locate = (call: GraphCall): { version: string; path: string } => {
    if (!/^https?:\/\//.test(call.url)) return { version: call.version ?? 'v1.0', path: call.url };
    const match = /^(v1\.0|beta)\/(.*)$/.exec(call.url.startsWith(`${endpoint}/`) ? call.url.slice(endpoint.length + 1) : '');
    if (!match) throw new Error(`refusing to follow a link outside ${endpoint}: ${call.url}`);
    return { version: match[1], path: match[2] };
  };

  const send = async (call: GraphCall, method: 'GET' | 'POST', body?: unknown): Promise<GraphReply> => {
    try {
      const { version, path } = locate(call);
      let request = client.api(path).version(version).responseType(ResponseType.RAW);
      if (call.headers) request = request.headers(call.headers);
      const response = (await (method === 'GET' ? request.get() : request.post(body))) as Response;
      const text = await response.text();
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, body: text && type.includes('json') ? JSON.parse(text) : text };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.logger?.warn('graph call failed', { url: call.url.split('?')[0], error: message });
      return { status: 0, body: { error: { code: 'RequestFailed', message } } };
    }
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
    const responses = ((reply.body as { responses?: unknown }).responses ?? []) as Array<{
      id: string;
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
    }>;
    const byId = new Map(responses.map((r) => [r.id, r]));
    return calls.map((_, index) => {
      const item = byId.get(String(index + 1));
      return item
        ? { status: item.status, body: item.body, retryAfter: retryAfterOf(item.headers) }
        : { status: 0, body: { error: { code: 'MissingResponse', message: 'the batch had no answer for this request' } } };
    }) as GraphReply[];
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
        for (let attempt = 1; attempt <= maxRetries; attempt++) {
          const retry = answers.map((a, i) => (RETRYABLE.has(a.status) ? i : -1)).filter((i) => i >= 0);
          if (retry.length === 0) break;
          const waitSeconds = Math.max(...retry.map((i) => (answers[i] as GraphReply & { retryAfter?: number }).retryAfter ?? attempt));
          await sleep(Math.min(waitSeconds, MAX_RETRY_AFTER_SECONDS) * 1000);
          const again = await batchOnce(
            retry.map((i) => chunk[i]),
            version,
          );
          retry.forEach((i, k) => (answers[i] = again[k]));
        }
        replies.push(...answers.map(({ status, body }) => ({ status, body })));
      }
      return replies;
    },
  };
}

function retryAfterOf(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === 'retry-after');
  const seconds = entry ? Number(entry[1]) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
