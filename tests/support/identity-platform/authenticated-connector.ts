import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestCa } from './ca';
import { ConnectorDouble, type ConnectorOptions } from '../connector';
import { BOT_FRAMEWORK_RESOURCE } from './directory';
import type { LocalIdentityPlatform } from './platform';
import { listenOnLoopback, closeServer } from '../loopback';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  status: number;
  /** 'ok' when the call carried a valid token of the registered bot. */
  auth: 'ok' | 'missing' | 'invalid' | 'other-bot';
}

/**
 * The Bot Connector as a bot meets it in production: HTTPS, and every call must carry the bot's
 * own token for https://api.botframework.com, issued by the bot's tenant (a SingleTenant
 * registration) to the registered app id. Missing or invalid token: 401 with the connector's
 * "Authorization has been denied for this request."; a valid token of another app: 403. What passes
 * goes to the one connector double (tests/support/connector.ts), which keeps Teams' per-conversation
 * limits and answers scripted 403/404/412/429 — reach it as `inner`.
 */
export class AuthenticatedConnector {
  url = '';
  readonly calls: ConnectorCall[] = [];
  readonly inner: ConnectorDouble;
  private readonly server: https.Server;

  constructor(
    ca: TestCa,
    private readonly platform: LocalIdentityPlatform,
    private readonly bot: { appId: string; tenantId: string },
    options: ConnectorOptions = {},
  ) {
    this.inner = new ConnectorDouble(options);
    this.server = https.createServer(ca.server, (req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await this.inner.start();
    // A trailing slash, as Teams' service URLs have (https://smba.trafficmanager.net/emea/).
    this.url = `${await listenOnLoopback(this.server)}/`;
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
    await this.inner.stop();
  }

  /** Calls that reached the connector with a valid token. */
  accepted(): ConnectorCall[] {
    return this.calls.filter((c) => c.auth === 'ok');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const call: ConnectorCall = { method: req.method ?? '', path: req.url ?? '/', status: 0, auth: 'missing' };
    this.calls.push(call);
    const answer = (status: number, body: unknown): void => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return answer(401, { message: 'Authorization has been denied for this request.' });
    try {
      const claims = await this.platform.verify(token, { audience: BOT_FRAMEWORK_RESOURCE });
      if (claims.azp !== this.bot.appId || claims.tid !== this.bot.tenantId) {
        call.auth = 'other-bot';
        return answer(403, { error: { code: 'BotNotRegistered', message: `The token's app ${String(claims.azp)} is not this bot.` } });
      }
    } catch {
      call.auth = 'invalid';
      return answer(401, { message: 'Authorization has been denied for this request.' });
    }
    call.auth = 'ok';
    const forwarded = await fetch(`${this.inner.url}${call.path}`, {
      method: call.method,
      headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    call.status = forwarded.status;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    const retryAfter = forwarded.headers.get('retry-after');
    if (retryAfter) headers['retry-after'] = retryAfter;
    res.writeHead(forwarded.status, headers);
    res.end(await forwarded.text());
  }
}
