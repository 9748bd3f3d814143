import restify, { type Server } from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { BotHost } from '../bot/adapter';
import type { AppConfig } from '../platform/config';
import type { Logger } from '../platform/logger';
import { AppError, sendAppError } from '../platform/errors';
import type { NotificationService } from '../notifications/service';
import { notifyHandler, type AdminTokenCheck } from '../notifications/api';
import { SETTINGS_ROLES } from '../identity/tenant/admin-roles';
import { readBody, type BodyRule } from '../platform/http/body';
import { staticHandler } from './static';
import { activityProblem } from '../bot/activity-shape';
import { registerTabApi, type TabApiDeps } from '../tab/api/routes';

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  botHost: BotHost;
  bot: ActivityHandler;
  /** The tab's JSON API; left out, /api/tab/* has only /config. */
  tabApi?: TabApiDeps;
  /** POST /api/notify (the notifications admin trigger). */
  notify?: { service: NotificationService; apiKey: string };
  version?: string;
  timeouts?: ServerTimeouts;
}

/** Largest request body accepted, counted after decoding; Teams activities are far smaller. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Two years, subdomains included: what hstspreload.org asks for, and App Service's *.azurewebsites.net already sends. */
export const HSTS = 'max-age=63072000; includeSubDomains';

function isHttps(req: { headers: Record<string, string | string[] | undefined>; socket: unknown }): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  return (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Every route that takes a body (POST and PUT: activities, notify, dev sign-in, settings) takes JSON; the rest take none. */
function bodyRuleFor(method: string | undefined): BodyRule {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' ? { takes: 'json', maxBytes: MAX_BODY_BYTES } : { takes: 'nothing' };
}

/** How long a client may take: to send its headers, its whole request, and to stay silent on a socket. */
export interface ServerTimeouts {
  headersMs: number;
  requestMs: number;
  idleMs: number;
}

/** Teams gives a bot turn 15 s; nothing we serve needs longer, and stalled clients must not hold sockets. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 30_000, idleMs: 30_000 };

/** Builds the one restify server that hosts the bot, the tab and its API. Does not listen. */
export function createApp({
  config,
  logger,
  botHost,
  bot,
  tabApi,
  notify,
  version = '0.0.0',
  timeouts = DEFAULT_TIMEOUTS,
}: AppDeps): Server {
  const server = restify.createServer({ name: 'entra-companion', handleUncaughtExceptions: false });
  server.server.headersTimeout = timeouts.headersMs;
  server.server.requestTimeout = timeouts.requestMs;
  server.server.setTimeout(timeouts.idleMs);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // Our own body reader, not restify's bodyParser (whose multipart parser writes uploads to disk, and whose limit counts compressed bytes).
  server.use((req, res, next) => {
    readBody(req, bodyRuleFor(req.method)).then(
      (body: unknown) => {
        req.body = body;
        next();
      },
      (error: unknown) => {
        // What is still coming is read and dropped (never held), so the client gets this answer.
        req.resume();
        sendAppError(res, error instanceof AppError ? error : new AppError('bad_request'));
        next(false);
      },
    );
  });
  server.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Behind App Service TLS ends at the front end, which says so in X-Forwarded-Proto; browsers ignore HSTS over plain HTTP anyway.
    if (config.mode === 'production' && isHttps(req)) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  });

  server.post('/api/messages', async (req, res) => {
    const problem = activityProblem(req.body, { loopbackOnly: config.mode === 'demo' });
    if (problem) return sendAppError(res, new AppError('bad_request', problem));
    await botHost.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok', mode: config.mode, version });
    next();
  });

  server.get('/api/tab/config', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ mode: config.mode, clientId: config.aad.clientId || null, authorityHost: config.aad.authorityHost, version });
    next();
  });

  if (tabApi) registerTabApi(server, tabApi);
  if (notify) {
    const adminToken: AdminTokenCheck | undefined = tabApi
      ? async (authorization) => {
          const principal = await tabApi.validator.validate(authorization);
          if (!principal.roles.some((role) => SETTINGS_ROLES.has(role))) {
            throw new AppError('role_required', 'needs Global Administrator or Hybrid Identity Administrator');
          }
          return { tenantId: principal.tenantId };
        }
      : undefined;
    server.post('/api/notify', notifyHandler(notify.service, notify.apiKey, logger.child('notify'), adminToken));
  }

  server.get('/tab', (_req, res, next) => {
    res.redirect(302, '/tab/', next);
  });
  server.get('/tab/*', staticHandler(config.tab.staticDir, '/tab', config.mode));

  server.on('restifyError', (req, _res, err, callback) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) logger.error('request failed', { method: req.method, url: req.url, error: err.message });
    callback();
  });
  return server;
}
