import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestCa } from './ca';
import { GRAPH_APP_ID } from './directory';
import type { LocalIdentityPlatform } from './platform';
import type { RunningDevTenant } from '../../../devtenant/server';
import { listenOnLoopback, closeServer } from '../loopback';

/** One Graph request as the front saw it. */
export interface GraphCall {
  method: string;
  path: string;
  status: number;
  /** Whose token: an app's (client credentials) or a user's (on-behalf-of). */
  kind: 'app' | 'user' | 'none';
  tenantId?: string;
}

/**
 * Microsoft Graph's front door for the rehearsal: HTTPS on loopback, it accepts only an access
 * token the local identity platform issued for Graph (signature, issuer of the token's own tenant,
 * audience = this URL or Graph's app id, expiry), answering 401 InvalidAuthenticationToken as Graph
 * does otherwise, and passes the request on to the dev tenant (which serves the scenario) with the
 * dev tenant's own token for the same caller (app-only, or the same user with the same roles). That
 * token carries what the dev tenant's admin consented to, as any of its tokens does (the rehearsal
 * grants the same permissions in both, aad.manifest.json's), so the dev tenant's permission checks
 * judge what this cloud granted. It counts every call, and which kind of token it carried.
 */
export class GraphFront {
  url = '';
  readonly calls: GraphCall[] = [];
  private readonly server: https.Server;

  constructor(
    ca: TestCa,
    private readonly platform: LocalIdentityPlatform,
    private readonly devTenant: () => RunningDevTenant,
  ) {
    this.server = https.createServer(ca.server, (req, res) => void this.handle(req, res));
  }

  /** Listens first, so the platform can be told the URL that plays Graph before it starts issuing. */
  async listen(): Promise<this> {
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  count(kind?: GraphCall['kind']): number {
    return kind ? this.calls.filter((c) => c.kind === kind).length : this.calls.length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    const call: GraphCall = { method: req.method ?? '', path, status: 0, kind: 'none' };
    this.calls.push(call);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const refuse = (message: string): void => {
      call.status = 401;
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm=""' });
      res.end(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message } }));
    };
    if (!token) return refuse('Access token is empty.');
    let devToken: string;
    try {
      const claims = await this.platform.verify(token, { audience: [this.url, GRAPH_APP_ID] });
      call.kind = claims.idtyp === 'app' ? 'app' : 'user';
      call.tenantId = String(claims.tid);
      const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
      devToken = await this.devTenant()
        .token(
          call.kind === 'app'
            ? { kind: 'app', tenantId: call.tenantId }
            : { kind: 'user', tenantId: call.tenantId, userId: String(claims.oid), roles: list(claims.wids) },
        )
        .getToken();
    } catch (error) {
      return refuse(`Access token validation failure. ${(error as Error).message}`);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'host') headers[name] = value;
    headers.authorization = `Bearer ${devToken}`;
    const target = this.devTenant().url;
    const answer = await fetch(`${target}${path}`, {
      method: req.method,
      headers,
      body: chunks.length && req.method !== 'GET' ? Buffer.concat(chunks) : undefined,
    });
    call.status = answer.status;
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) out[name] = value;
    });
    res.writeHead(answer.status, out);
    // Paging links point back at the front, as Graph's point at graph.microsoft.com.
    res.end((await answer.text()).replaceAll(target, this.url));
  }
}
