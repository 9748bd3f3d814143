import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { evaluateHealth } from '../../identity/tenant/rules';
import { DEFAULT_THRESHOLDS } from '../../identity/tenant/thresholds';
import type { TenantSnapshot } from '../../identity/tenant/snapshot';
import type { HealthReport } from '../../identity/tenant/findings';
import type { AppConfig } from '../../platform/config';
import { AppError, issuesLine, sendAppError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import type { SnapshotSource } from '../../identity/tenant/snapshot-cache';
import {
  AppsQuery,
  DevTokenRequest,
  HistoryQuery,
  SettingsUpdate,
  tabThresholdsOf,
  type AppRow,
  type AppsResponse,
  type HistoryResponse,
  type MeResponse,
  type SettingsResponse,
} from '../../contract/tab';
import type { DelegatedGraph } from './delegated-graph';
import type { DevIssuer } from './dev-issuer';
import type { TabNotifications } from '../../contract/notifications';
import { ExclusionRequest, type AlertsResponse } from '../../contract/alert-rules';
import { SETTINGS_ROLES, TAB_ROLES, tabRolesOf } from '../../identity/tenant/admin-roles';
import type { Principal, TokenValidator } from './token-validator';
import { appAttentionFindings, appRows, appsCsv, appsPartialSections, appsSummary, filterApps, statusView } from './views';

export interface TabApiDeps {
  config: AppConfig;
  validator: TokenValidator;
  graph: DelegatedGraph;
  snapshots: SnapshotSource;
  /** Demo mode only: the local sign-in. */
  devIssuer?: DevIssuer;
  notifications?: TabNotifications;
  logger: Logger;
}

/** Answers any error as the catalogue says; what is not ours is logged and reads as internal_error. */
function sendFailure(res: Response, error: unknown, logger: Logger, url: string | undefined): void {
  if (error instanceof z.ZodError) error = new AppError('bad_request', issuesLine(error.issues, 'query'));
  if (!(error instanceof AppError)) {
    logger.error('tab api failed', { url: url?.split('?')[0], error: (error as Error).message });
    error = new AppError('internal_error', 'Something went wrong reading your tenant. Try again.');
  }
  sendAppError(res, error as AppError);
}

function cursorOf(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

function offsetOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isInteger(offset) || offset < 0) throw new AppError('bad_request', 'cursor is not valid');
  return offset;
}

/**
 * The tab's JSON API under /api/tab/*. Every data route validates the bearer token, checks the
 * admin role, and reads the caller's own tenant with the caller's own access: the cache is keyed by
 * the token's tenant id and roles, so neither another tenant's data nor what a more privileged
 * admin could read is ever served. Responses are no-store.
 */
export function registerTabApi(server: Server, deps: TabApiDeps): void {
  const { config, logger } = deps;

  /** Wraps a handler: auth, role gate, JSON errors, no-store. */
  const guarded =
    (handler: (req: Request, res: Response, principal: Principal) => Promise<void>, options: { roles?: ReadonlySet<string> } = {}) =>
    async (req: Request, res: Response): Promise<void> => {
      res.setHeader('Cache-Control', 'no-store');
      try {
        const principal = await deps.validator.validate(req.headers.authorization);
        const allowed = options.roles ?? new Set(Object.keys(TAB_ROLES));
        if (!principal.roles.some((role) => allowed.has(role))) {
          const names = [...allowed].map((id) => TAB_ROLES[id]);
          throw new AppError('role_required', `This needs one of these Microsoft Entra roles: ${names.join(', ')}.`, {
            allowedRoles: names,
          });
        }
        await handler(req, res, principal);
      } catch (error) {
        sendFailure(res, error, logger, req.url);
      }
    };

  /** The caller's tenant snapshot, read with the caller's own Graph access (on-behalf-of). */
  const snapshotFor = async (principal: Principal, includeApps: boolean, refresh: boolean): Promise<TenantSnapshot> => {
    const graph = await deps.graph(principal);
    // Cached per tenant and per set of roles: what a Global Administrator could read is never served to a Security Reader.
    const snapshot = await deps.snapshots.snapshot(
      principal.tenantId,
      { includeApps, refresh },
      {
        graph,
        readAs: { kind: 'user', roles: principal.roles },
      },
    );
    if (config.mode === 'production' && snapshot.tenantId && snapshot.tenantId !== principal.tenantId) {
      throw new Error('Graph answered for another tenant than the token names');
    }
    return snapshot;
  };

  if (deps.devIssuer) {
    const issuer = deps.devIssuer;
    deps.logger.info('demo sign-in enabled: POST /api/tab/dev/token');
    server.post('/api/tab/dev/token', async (req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'no-store');
      const persona = DevTokenRequest.safeParse(req.body ?? {});
      if (!persona.success) return sendAppError(res, new AppError('bad_request', 'persona must be admin, reader or user'));
      res.json(await issuer.issue(persona.data.persona));
    });
  }

  server.get('/api/tab/me', async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const principal = await deps.validator.validate(req.headers.authorization);
      res.json({
        name: principal.name,
        tenantId: principal.tenantId,
        roles: tabRolesOf(principal.roles),
        canManageNotifications: principal.roles.some((r) => SETTINGS_ROLES.has(r)),
        mode: config.mode,
      } satisfies MeResponse);
    } catch (error) {
      sendFailure(res, error, logger, req.url);
    }
  });

  server.get(
    '/api/tab/status',
    guarded(async (req, res, principal) => {
      const snapshot = await snapshotFor(principal, false, req.query?.refresh === '1');
      const view = statusView(snapshot, evaluateHealth(snapshot, new Date()));
      // Excluded findings stay listed, marked: never a silent mute.
      if (deps.notifications) view.excluded = await deps.notifications.excludedAmong(principal.tenantId, view.findings);
      res.json(view);
    }),
  );

  /**
   * App rows per cached snapshot: a page, a filter or the CSV of one snapshot share them, so paging
   * through 20,000 apps evaluates the rules and builds the rows once, not once per request.
   */
  const rowsBySnapshot = new WeakMap<TenantSnapshot, AppRow[]>();
  const reportBySnapshot = new WeakMap<TenantSnapshot, HealthReport>();
  const reportOf = (snapshot: TenantSnapshot, now: Date): HealthReport => {
    const report = reportBySnapshot.get(snapshot) ?? evaluateHealth(snapshot, now);
    reportBySnapshot.set(snapshot, report);
    return report;
  };
  const rowsFor = async (req: Request, principal: Principal) => {
    const query = AppsQuery.parse(req.query ?? {});
    const snapshot = await snapshotFor(principal, true, query.refresh === '1');
    let all = rowsBySnapshot.get(snapshot);
    if (!all) {
      const now = new Date();
      all = appRows(snapshot.apps?.status === 'ok' ? snapshot.apps.data : [], reportOf(snapshot, now), DEFAULT_THRESHOLDS, now);
      rowsBySnapshot.set(snapshot, all);
    }
    return { query, rows: filterApps(all, query), snapshot };
  };

  server.get(
    '/api/tab/apps',
    guarded(async (req, res, principal) => {
      const { query, rows, snapshot } = await rowsFor(req, principal);
      const offset = offsetOf(query.cursor);
      const items = rows.slice(offset, offset + query.limit);
      res.json({
        total: rows.length,
        items,
        nextCursor: offset + query.limit < rows.length ? cursorOf(offset + query.limit) : null,
        partial: appsPartialSections(snapshot),
      } satisfies AppsResponse);
    }),
  );

  server.get(
    '/api/tab/apps.csv',
    guarded(async (req, res, principal) => {
      const { rows } = await rowsFor(req, principal);
      const body = appsCsv(rows);
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="integrated-apps.csv"',
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
      });
      res.end(body);
    }),
  );

  /**
   * The overview's app counts: a request of its own, so the status view stays one Graph round trip;
   * the apps are read on top of the status the overview's status request reads (CachedSnapshots), so
   * a cold overview reads the status once; the rows are the apps view's, excluded findings counted.
   */
  server.get(
    '/api/tab/apps/summary',
    guarded(async (req, res, principal) => {
      const snapshot = await snapshotFor(principal, true, req.query?.refresh === '1');
      const report = reportOf(snapshot, new Date());
      const excluded = deps.notifications ? await deps.notifications.excludedAmong(principal.tenantId, appAttentionFindings(report)) : [];
      const read = snapshot.apps?.status === 'ok' ? snapshot.apps.data.length : 0;
      res.json(appsSummary(read, report, appsPartialSections(snapshot), new Set(excluded.map((e) => e.subject))));
    }),
  );

  server.get(
    '/api/tab/history',
    guarded(async (req, res, principal) => {
      const { days } = HistoryQuery.parse(req.query ?? {});
      const notifications = deps.notifications;
      res.json({
        observations: notifications ? await notifications.history(principal.tenantId, days) : [],
        ...(notifications ? { thresholds: await notifications.lagThresholds(principal.tenantId) } : {}),
      } satisfies HistoryResponse);
    }),
  );

  const defaultSettings = (): Omit<SettingsResponse, 'canEdit'> => ({
    subscriptions: [],
    thresholds: tabThresholdsOf(DEFAULT_THRESHOLDS),
  });

  server.get(
    '/api/tab/settings',
    guarded(async (_req, res, principal) => {
      const settings = deps.notifications ? await deps.notifications.settings(principal.tenantId) : defaultSettings();
      res.json({
        ...settings,
        canEdit: Boolean(deps.notifications) && principal.roles.some((r) => SETTINGS_ROLES.has(r)),
      } satisfies SettingsResponse);
    }),
  );

  server.get(
    '/api/tab/alerts',
    guarded(async (_req, res, principal) => {
      const listed = deps.notifications ? await deps.notifications.alerts(principal.tenantId) : { alerts: [], exclusions: [] };
      res.json({
        ...listed,
        canEdit: Boolean(deps.notifications) && principal.roles.some((r) => SETTINGS_ROLES.has(r)),
      } satisfies AlertsResponse);
    }),
  );

  const notificationsOrRefuse = (): TabNotifications => {
    if (!deps.notifications) throw new AppError('not_available', 'Notifications are not running on this server.');
    return deps.notifications;
  };
  const actorOf = (principal: Principal) => ({ userId: principal.userId, name: principal.name });

  server.post(
    '/api/tab/exclusions',
    guarded(
      async (req, res, principal) => {
        const request = ExclusionRequest.parse(req.body ?? {});
        const exclusion = await notificationsOrRefuse().exclude(principal.tenantId, request, actorOf(principal));
        res.status(201);
        res.json(exclusion);
      },
      { roles: SETTINGS_ROLES },
    ),
  );

  server.del(
    '/api/tab/exclusions/:id',
    guarded(
      async (req, res, principal) => {
        const id = z.uuid('not an exclusion id').parse(req.params?.id);
        res.json(await notificationsOrRefuse().revokeExclusion(principal.tenantId, id, actorOf(principal)));
      },
      { roles: SETTINGS_ROLES },
    ),
  );

  server.put(
    '/api/tab/settings',
    guarded(
      async (req, res, principal) => {
        const body = SettingsUpdate.parse(req.body ?? {});
        if (!deps.notifications) throw new AppError('not_available', 'Notifications are not running on this server.');
        const saved = await deps.notifications.updateSettings(principal.tenantId, body, { userId: principal.userId, name: principal.name });
        res.json({ ...saved, canEdit: true } satisfies SettingsResponse);
      },
      { roles: SETTINGS_ROLES },
    ),
  );
}
