import http from 'node:http';
import { PER_CONVERSATION_SEND, PER_TENANT, SlidingWindowLimiter, type RateWindow } from '../../notifications/rate-limit';
import { listenOnLoopback, closeServer } from './loopback';

/** A scripted answer for the next request to one conversation. */
export interface Fault {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Teams' throttling, for the sender's tests and the bench. */
export interface Throttling {
  /** Default: Teams' send limits per conversation (7/1 s, 8/2 s, 60/30 s, 1800/h). */
  perConversation?: readonly RateWindow[];
  /** Default: 50 per second per app per tenant. */
  perTenant?: readonly RateWindow[];
  /** Share of otherwise-accepted sends answered 429 anyway (Teams throttles for its own reasons too). */
  random429Rate?: number;
  retryAfterSeconds?: number;
  /** Deterministic randomness. */
  seed?: number;
}

export interface ConnectorOptions {
  /** Enforce Teams' limits (429 + Retry-After when exceeded); without it every request is accepted. */
  throttling?: Throttling;
  /** Answer time, ms (a real connector takes 50–300 ms). */
  latencyMs?: number;
}

/** A conversation member as GET …/members/{id} returns it (TeamsChannelAccount). */
export interface ConversationMember {
  id: string;
  name?: string;
  aadObjectId?: string;
}

/** An activity the connector accepted. */
export interface Received {
  conversationId: string;
  /** POST sends (…/activities, …/activities/{replyToId}); PUT updates (…/activities/{id}). */
  method: string;
  activityId: string;
  activity: Record<string, unknown>;
  at: number;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A connector error answer: `{ "error": { "code", "message" } }`. */
function refusal(status: number, code: string, message: string): Answer {
  return { status, body: { error: { code, message } } };
}

/**
 * A Bot Framework connector double on loopback: records what the bot sends to
 * /v3/conversations/{id}/activities and answers as the connector does (activity ids, updates in
 * place); optionally with Teams' throttling and scripted faults per conversation (403 codes, 404, 412, 502 …).
 * It refuses what the connector refuses: other routes (404), other methods (405), a body that is not
 * an activity with a type (400).
 */
export class ConnectorDouble {
  readonly sent: Received[] = [];
  /** Accepted sends per conversation. */
  readonly delivered = new Map<string, number>();
  /** Sends answered 429: over a limit, or at random. */
  throttled = 0;
  /** Of those, the ones over a limit (the sender's pacing disagreed with the connector's). */
  overLimit = 0;
  url = '';
  private readonly faults = new Map<string, Fault[]>();
  private readonly gone = new Map<string, Fault>();
  private readonly limits?: { conversation: SlidingWindowLimiter; tenant: SlidingWindowLimiter };
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private counter = 0;
  /** The activities this connector issued, by conversation (a channel thread's ";messageid=" dropped): only those can be updated. */
  private readonly issued = new Set<string>();
  /** Members per conversation (a channel thread's ";messageid=" dropped), by their 29: id. */
  private readonly rosters = new Map<string, Map<string, ConversationMember>>();
  /** Every GET …/members/{id}, in order. */
  readonly memberLookups: Array<{ conversationId: string; memberId: string }> = [];
  private state: number;

  constructor(private readonly options: ConnectorOptions = {}) {
    const throttling = options.throttling;
    if (throttling) {
      this.limits = {
        conversation: new SlidingWindowLimiter(throttling.perConversation ?? PER_CONVERSATION_SEND),
        tenant: new SlidingWindowLimiter(throttling.perTenant ?? PER_TENANT),
      };
    }
    this.state = throttling?.seed ?? 42;
  }

  async start(): Promise<this> {
    this.server.keepAliveTimeout = 30_000;
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  /** These users belong to the conversation: GET …/conversations/{id}/members/{userId} answers them, anyone else 404. */
  addMembers(conversationId: string, ...members: ConversationMember[]): void {
    const roster = this.rosters.get(conversationId) ?? new Map<string, ConversationMember>();
    for (const member of members) roster.set(member.id, member);
    this.rosters.set(conversationId, roster);
  }

  /** The next requests to this conversation get these answers, in order. */
  script(conversationId: string, ...faults: Fault[]): void {
    this.faults.set(conversationId, [...(this.faults.get(conversationId) ?? []), ...faults]);
  }

  /** Every request to this conversation gets this answer (an uninstalled or deleted chat). */
  goneFor(conversationId: string, fault: Fault): void {
    this.gone.set(conversationId, fault);
  }

  /** The sends (not updates) to one conversation. */
  sendsTo(conversationId: string): Received[] {
    return this.sent.filter((r) => r.conversationId === conversationId && r.method === 'POST');
  }

  /** Adaptive Card bodies the bot sent, in order. */
  cards(): Array<Record<string, unknown>> {
    return this.sent.flatMap((s) =>
      ((s.activity.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined) ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a) => a.content),
    );
  }

  clear(): void {
    this.sent.length = 0;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { status, body, headers = {} } = this.answer(req, chunks);
      const send = (): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };
      if (this.options.latencyMs) setTimeout(send, this.options.latencyMs);
      else send();
    });
  }

  private answer(req: http.IncomingMessage, chunks: Buffer[]): Answer {
    const url = req.url ?? '';
    const method = req.method ?? '';
    const member = /\/v3\/conversations\/([^/?]+)\/members\/([^/?]+)\/?(?:\?.*)?$/.exec(url);
    if (member) return this.memberAnswer(method, decodeURIComponent(member[1]).split(';')[0], decodeURIComponent(member[2]));
    const match = /\/v3\/conversations\/([^/?]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/.exec(url);
    // Sends (POST …/activities, POST …/activities/{replyToId}) and updates (PUT …/activities/{id})
    // only: any other call is refused, never answered with a made-up id the real connector would not give.
    if (!match) return refusal(404, 'NotFound', `no such route: ${method} ${url}`);
    if (method !== 'POST' && !(method === 'PUT' && match[2])) return refusal(405, 'MethodNotAllowed', `${method} ${url}`);
    let activity: Record<string, unknown>;
    try {
      activity = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
    } catch {
      return refusal(400, 'BadArgument', 'the body is not a JSON activity');
    }
    if (typeof activity?.type !== 'string') return refusal(400, 'BadArgument', 'the activity has no type');
    const conversationId = decodeURIComponent(match[1]);
    const fault = this.gone.get(conversationId) ?? this.faults.get(conversationId)?.shift();
    if (fault) return fault;
    if (method === 'POST' && this.throttles(conversationId, activity)) {
      this.throttled++;
      const retryAfter = String(this.options.throttling?.retryAfterSeconds ?? 1);
      return { ...refusal(429, 'Throttled', 'Too many requests'), headers: { 'retry-after': retryAfter } };
    }
    const thread = conversationId.split(';')[0];
    if (method === 'PUT' && !this.issued.has(`${thread}/${decodeURIComponent(match[2])}`)) {
      // The real connector cannot update a message it never posted in that conversation.
      return refusal(404, 'NotFound', `no activity ${decodeURIComponent(match[2])} in conversation ${thread}`);
    }
    const activityId = method === 'PUT' && match[2] ? decodeURIComponent(match[2]) : `activity-${++this.counter}`;
    if (method === 'POST') this.issued.add(`${thread}/${activityId}`);
    this.sent.push({ conversationId, method, activityId, activity, at: Date.now() });
    if (method === 'POST') this.delivered.set(conversationId, (this.delivered.get(conversationId) ?? 0) + 1);
    return { status: 200, body: { id: activityId } };
  }

  /**
   * GET …/members/{userId}: the member (by 29: id or Entra object id), or 404 MemberNotFoundInConversation
   * as the connector answers for someone outside the conversation; a removed bot's conversation answers its fault.
   */
  private memberAnswer(method: string, conversationId: string, memberId: string): Answer {
    if (method !== 'GET') return refusal(405, 'MethodNotAllowed', `${method} members/${memberId}`);
    this.memberLookups.push({ conversationId, memberId });
    const gone = this.gone.get(conversationId);
    if (gone) return gone;
    const found = [...(this.rosters.get(conversationId)?.values() ?? [])].find((m) => m.id === memberId || m.aadObjectId === memberId);
    return found ? { status: 200, body: found } : refusal(404, 'MemberNotFoundInConversation', 'The member is not in the conversation.');
  }

  /** Over a limit, or unlucky: answered 429 (and not counted). Otherwise the send counts against the limits. */
  private throttles(conversationId: string, activity: Record<string, unknown>): boolean {
    if (!this.limits) return false;
    const now = Date.now();
    const tenantId = String((activity.conversation as { tenantId?: string } | undefined)?.tenantId ?? 'tenant');
    const conversationKey = `${tenantId}\n${conversationId}`;
    const wait = Math.max(this.limits.conversation.waitFor(conversationKey, now), this.limits.tenant.waitFor(tenantId, now));
    if (wait > 0) this.overLimit++;
    if (wait > 0 || this.random() < (this.options.throttling?.random429Rate ?? 0)) return true;
    this.limits.conversation.record(conversationKey, now);
    this.limits.tenant.record(tenantId, now);
    return false;
  }

  /** mulberry32 */
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
