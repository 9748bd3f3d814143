import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOn } from '../platform/listen';
import { answerGet, graphError, type GraphResponse } from './graph';
import { batchResponse, inGraphOrder, readBatch } from './batch';
import { materialise } from './materialise';
import { loadScenario, type Faults, type Scenario } from './scenario';
import { requestedPermissions } from './app-registration';
import { DevTenantTokens, isCaller, type Caller, type TokenRequest } from './tokens';
import { decideToken, grantedScope, type Consent } from './token-endpoint';
import { DEV_TENANT_APP, devTenantTokenForm } from '../platform/graph/dev-tenant';
import type { ScenarioMeta } from './scenario';

export { MAX_BATCH_REQUESTS } from './batch';
const MAX_BODY_BYTES = 1024 * 1024;

export interface DevTenantOptions {
  scenario: string;
  port: number;
  host?: string;
  /** Clock, for tests. */
  now?: () => Date;
  /** Overrides the scenario's own faults. */
  faults?: Faults;
  /** Overrides the scenario's admin consent (each list left out keeps the scenario's, or aad.manifest.json's). */
  consent?: ScenarioMeta['consent'];
}

export interface DevTenantStats {
  scenario: string;
  /** HTTP requests received (a $batch counts once). */
  requests: number;
  /** Graph operations answered (each request of a batch counts). */
  operations: number;
  throttled: number;
}

/** Gives a bearer token (the shape of platform/graph/tokens.ts's TokenProvider). */
export interface DevTenantTokenSource {
  getToken(): Promise<string>;
}

export interface RunningDevTenant {
  url: string;
  port: number;
  /**
   * Tokens this dev tenant accepts, decided as its token endpoint decides them: app-only with the
   * application permissions the tenant consented to, or a signed-in user's delegated token with the
   * consented delegated permissions (a refused request rejects getToken with Entra's error).
   */
  token(request?: TokenRequest): DevTenantTokenSource;
  /**
   * The tenant's admin consent from now on, as an admin granting or revoking permissions changes
   * it: each list given replaces the scenario's; undefined goes back to the scenario's.
   */
  setConsent(consent: ScenarioMeta['consent']): void;
  stats(): DevTenantStats;
  resetStats(): void;
  /** Serves another scenario from now on. */
  useScenario(nameOrPath: string): void;
  close(): Promise<void>;
}

/**
 * A Graph-compatible server on loopback that serves a scenario file: the demo's tenant and the
 * tests' Graph. Admin endpoints under /_devtenant/ switch scenarios and report counts.
 */
export async function startDevTenant(options: DevTenantOptions): Promise<RunningDevTenant> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  let base = loadScenario(options.scenario);
  const stats: DevTenantStats = { scenario: base.meta.name, requests: 0, operations: 0, throttled: 0 };
  // The scenario as served now (shifted, certificates, generated apps), rebuilt at most once per
  // second so a paged read of a generated 20,000-app tenant does not rebuild it per request. It is
  // shifted to the start of that second, one instant for every request in it: shifted to whichever
  // millisecond first asked, a reader that noted its `now` just before its request would find a
  // "2 minutes ago" 119.4 s old ("1 minute ago") while a later reader said "2 minutes ago".
  let served: { base: Scenario; second: number; scenario: Scenario } | undefined;
  const current = (): Scenario => {
    const second = Math.floor(now().getTime() / 1000);
    if (served?.base !== base || served.second !== second) served = { base, second, scenario: materialise(base, new Date(second * 1000)) };
    return served.scenario;
  };
  const faults = (): Faults => options.faults ?? base.meta.faults ?? {};
  // What the tenant's admin consented to: the scenario's `consent` (or the override), else every
  // permission aad.manifest.json asks for, as in a tenant whose admin consented to the app.
  const requested = requestedPermissions();
  let consentOverride = options.consent;
  const consent = (): Consent => ({
    application: consentOverride?.application ?? base.meta.consent?.application ?? requested.application,
    delegated: consentOverride?.delegated ?? base.meta.consent?.delegated ?? requested.delegated,
  });
  const tokens = await DevTenantTokens.create(now);

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, graphError(500, 'InternalServerError', error.message)));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? host}`);
    const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
    if (url.pathname === '/_devtenant/health') {
      return send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: { ...stats } });
    }
    if (url.pathname === '/_devtenant/scenario' && req.method === 'PUT') {
      const body = (await readJson(req)) as { scenario?: unknown } | undefined;
      if (!body || typeof body.scenario !== 'string')
        return send(res, graphError(400, 'BadRequest', 'body must be {"scenario": "<name or path>"}'));
      try {
        api.useScenario(body.scenario);
      } catch (error) {
        return send(res, graphError(400, 'BadRequest', (error as Error).message));
      }
      return send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: { scenario: stats.scenario } });
    }
    const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (tokenPath && req.method === 'POST') return send(res, await issueToken(await readForm(req), decodeURIComponent(tokenPath[1])));
    const match = /^\/(v1\.0|beta)\/(.+)$/.exec(url.pathname);
    if (!match) return send(res, graphError(404, 'BadRequest', `Invalid version or path: ${url.pathname}`));
    stats.requests += 1;
    const caller = await tokens.read(req.headers.authorization);
    if (!isCaller(caller)) return send(res, caller);
    const [, version, rest] = match;
    if (rest === '$batch') {
      if (req.method !== 'POST') return send(res, graphError(405, 'BadRequest', '$batch needs POST'));
      const body = await readJson(req);
      return send(res, await answerBatch(body, version, origin, caller));
    }
    if (req.method !== 'GET')
      return send(res, graphError(405, 'BadRequest', `The dev tenant is read-only; ${req.method} is not supported.`));
    const answer = await operation(() =>
      answerGet(current(), {
        path: version === 'beta' ? `beta/${rest}` : rest,
        query: url.searchParams,
        headers: lowerCaseHeaders(req.headers),
        origin,
        caller,
        consent: consentFor(caller),
      }),
    );
    return send(res, answer);
  }

  /** Applies latency and injected faults to one Graph operation. */
  async function operation(answer: () => GraphResponse): Promise<GraphResponse> {
    stats.operations += 1;
    const f = faults();
    if (f.latencyMs) await new Promise((resolve) => setTimeout(resolve, f.latencyMs));
    if (hits(f.throttleShare, stats.operations)) {
      stats.throttled += 1;
      const throttled = graphError(429, 'TooManyRequests', 'Too many requests, retry after the given interval.');
      throttled.headers['retry-after'] = String(f.retryAfterSeconds ?? 1);
      return throttled;
    }
    if (hits(f.unavailableShare, stats.operations)) return graphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.');
    return answer();
  }

  /** POST /{tenant}/oauth2/v2.0/token: Entra's token endpoint for the demo's app-only and signed-in user's access (token-endpoint.ts). */
  async function issueToken(form: URLSearchParams, tenant: string): Promise<GraphResponse> {
    const decided = decideToken(form, tenant, consent());
    if ('status' in decided) return { status: decided.status, headers: { 'content-type': 'application/json' }, body: decided.body };
    const issued = await tokens.issue(decided);
    const lifetime = Math.round((issued.expiresOn - now().getTime()) / 1000);
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: {
        token_type: 'Bearer',
        scope: grantedScope(decided),
        expires_in: lifetime,
        ext_expires_in: lifetime,
        access_token: issued.token,
      },
    };
  }

  // A token counts only what the tenant consents to now: one issued before the consent (or the
  // scenario) changed carries no more than the tenant grants today.
  const consentFor = (caller: Caller): readonly string[] => (caller.kind === 'app' ? consent().application : consent().delegated);

  // The caller is read once for the batch: every item runs with the batch's token, and is authorized on its own.
  async function answerBatch(body: unknown, version: string, origin: string, caller: Caller): Promise<GraphResponse> {
    const items = readBatch(body);
    if (!Array.isArray(items)) return items;
    const responses = [];
    for (const item of items) {
      const inner = new URL(item.url.replace(/^\//, ''), 'http://x/');
      const answer: GraphResponse =
        item.method !== 'GET'
          ? graphError(405, 'BadRequest', 'The dev tenant is read-only.')
          : await operation(() =>
              answerGet(current(), {
                path: version === 'beta' ? `beta/${inner.pathname.slice(1)}` : inner.pathname.slice(1),
                query: inner.searchParams,
                headers: lowerCaseHeaders(item.headers),
                origin,
                caller,
                consent: consentFor(caller),
              }),
            );
      responses.push(batchResponse(item.id, answer));
    }
    return { status: 200, headers: { 'content-type': 'application/json' }, body: { responses: inGraphOrder(responses) } };
  }

  const port = await listenOn(server, options.port, host, 'DEV_TENANT_PORT');
  const api: RunningDevTenant = {
    url: `http://${host}:${port}`,
    port,
    token: (request = { kind: 'app' }) => {
      let cached: { token: string; expiresOn: number } | undefined;
      return {
        getToken: async () => {
          if (!cached || cached.expiresOn - now().getTime() < 60_000) {
            const decided = decideToken(devTenantTokenForm(request), request.tenantId ?? DEV_TENANT_APP.tenantId, consent());
            if ('status' in decided) throw new Error(String(decided.body.error_description).split('\r\n')[0]);
            cached = await tokens.issue({ ...decided, lifetimeSeconds: request.lifetimeSeconds });
          }
          return cached.token;
        },
      };
    },
    setConsent: (next) => {
      consentOverride = next;
    },
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats.requests = 0;
      stats.operations = 0;
      stats.throttled = 0;
    },
    useScenario: (nameOrPath) => {
      base = loadScenario(nameOrPath);
      stats.scenario = base.meta.name;
    },
    close: () => closeServer(server),
  };
  return api;
}

/** Deterministic share: operation n is hit when the running count of hits steps up. */
function hits(share: number | undefined, n: number): boolean {
  if (!share) return false;
  return Math.floor(n * share) > Math.floor((n - 1) * share);
}

function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  return out;
}

function send(res: ServerResponse, answer: GraphResponse): void {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A form body (application/x-www-form-urlencoded), as Entra's token endpoint reads it; any other body has no parameters. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const text = await readText(req);
  return /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')
    ? new URLSearchParams(text)
    : new URLSearchParams();
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
