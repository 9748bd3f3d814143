import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PER_CONVERSATION_SEND, PER_TENANT, SlidingWindowLimiter, type RateWindow } from '../../notifications/rate-limit';

/** A scripted answer for the next request to one conversation. */
export interface Fault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ThrottlingConnectorOptions {
  perConversation?: readonly RateWindow[];
  perTenant?: readonly RateWindow[];
  /** Share of otherwise-accepted sends answered 429 anyway (Teams throttles for its own reasons too). */
  random429Rate?: number;
  retryAfterSeconds?: number;
  /** Deterministic randomness. */
  seed?: number;
  /** Answer time, ms (a real connector takes 50–300 ms). */
  latencyMs?: number;
}

export interface Received {
  conversationId: string;
  method: string;
  activityId: string;
  activity: Record<string, unknown>;
  at: number;
}

/**
 * A Bot Connector double on loopback that behaves like Teams where the sender depends on it: the
 * send limits per conversation and per app per tenant (429 + Retry-After when exceeded), some 429s
 * at random, scripted faults per conversation (403 codes, 404, 412, 502 …), activity ids, updates.
 */
export class ThrottlingConnector {
  readonly received: Received[] = [];
  readonly delivered = new Map<string, number>();
  throttled = 0;
  url = '';
  private readonly faults = new Map<string, Fault[]>();
  private readonly gone = new Map<string, Fault>();
  private readonly conversationLimiter: SlidingWindowLimiter;
  private readonly tenantLimiter: SlidingWindowLimiter;
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private counter = 0;
  private state: number;

  constructor(private readonly options: ThrottlingConnectorOptions = {}) {
    this.conversationLimiter = new SlidingWindowLimiter(options.perConversation ?? PER_CONVERSATION_SEND);
    this.tenantLimiter = new SlidingWindowLimiter(options.perTenant ?? PER_TENANT);
    this.state = options.seed ?? 42;
  }

  async start(): Promise<this> {
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next requests to this conversation get these answers, in order. */
  script(conversationId: string, ...faults: Fault[]): void {
    this.faults.set(conversationId, [...(this.faults.get(conversationId) ?? []), ...faults]);
  }

  /** Every request to this conversation gets this answer (an uninstalled or deleted chat). */
  goneFor(conversationId: string, fault: Fault): void {
    this.gone.set(conversationId, fault);
  }

  sendsTo(conversationId: string): Received[] {
    return this.received.filter((r) => r.conversationId === conversationId && r.method === 'POST');
  }

  private random(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        const send = (): void => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(body === undefined ? '' : JSON.stringify(body));
        };
        if (this.options.latencyMs) setTimeout(send, this.options.latencyMs);
        else send();
      };
      const match = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (!match) return answer(404, { error: { code: 'NotFound', message: 'no such route' } });
      const conversationId = decodeURIComponent(match[1]);
      const activity = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
      const method = req.method ?? 'POST';
      const gone = this.gone.get(conversationId);
      if (gone) return answer(gone.status, gone.body, gone.headers);
      const scripted = this.faults.get(conversationId)?.shift();
      if (scripted) return answer(scripted.status, scripted.body, scripted.headers);
      // POST …/activities and POST …/activities/{replyToId} both send; PUT …/activities/{id} updates.
      if (method === 'POST') {
        const now = Date.now();
        const tenantId = String((activity.conversation as { tenantId?: string } | undefined)?.tenantId ?? 'tenant');
        const conversationKey = `${tenantId}\n${conversationId}`;
        const wait = Math.max(this.conversationLimiter.waitFor(conversationKey, now), this.tenantLimiter.waitFor(tenantId, now));
        const retryAfter = String(this.options.retryAfterSeconds ?? 1);
        if (wait > 0 || this.random() < (this.options.random429Rate ?? 0)) {
          this.throttled++;
          return answer(429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'retry-after': retryAfter });
        }
        this.conversationLimiter.record(conversationKey, now);
        this.tenantLimiter.record(tenantId, now);
      }
      const activityId = method === 'PUT' && match[2] ? decodeURIComponent(match[2]) : `activity-${++this.counter}`;
      this.received.push({ conversationId, method, activityId, activity, at: Date.now() });
      if (method === 'POST') this.delivered.set(conversationId, (this.delivered.get(conversationId) ?? 0) + 1);
      answer(200, { id: activityId });
    });
  }
}
