import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Server as HttpServer } from 'node:http';
import { createBotHost } from '../bot/adapter';
import { createBot } from '../bot';
import { JsonlFeedbackStore, type FeedbackStore } from '../bot/feedback';
import { allTopics } from '../identity/knowledge/catalog';
import { KnowledgeBase } from '../identity/knowledge/engine';
import { appOnlyGraph } from '../platform/graph/app-only';
import { CachedSnapshots, type SnapshotSource } from '../identity/tenant/snapshot-cache';
import { createLeaseManager, createStore, createWorkQueue } from '../storage';
import { createTabApiDeps } from '../tab/api';
import type { KeyValueStore } from '../storage/store';
import { createApp } from './app';
import { loadConfig, type AppConfig } from '../platform/config';
import { createLogger, type Logger } from '../platform/logger';
import { boundAddress, checkDemoExposure, closeServer, envWithFlags, listenOn, reachableUrl } from '../platform/listen';
import { describeBound } from '../platform/http/loopback';
import { statusTabUrl } from '../platform/teams-links';
import { ConnectorMembership } from '../notifications/membership';
import { NotificationService } from '../notifications/service';
import { demoRoleChecker, GraphRoleChecker, TAB_ROLES, type RoleChecker } from '../identity/tenant/admin-roles';
import { tabNotificationsPort } from '../notifications/tab-port';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Where the bot keeps 👍/👎 feedback: a file in DATA_DIR. */
export function feedbackFile(config: Pick<AppConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'feedback.jsonl');
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Stand-ins for tests and tools. */
export interface ServerOverrides {
  feedback?: FeedbackStore;
  /** Who may see the status in chat (tests). */
  statusRoles?: RoleChecker;
  snapshots?: SnapshotSource;
  store?: KeyValueStore;
}

/** Composition root: config → storage → Graph → bot, tab API, notifications → routes → listening server. */
export async function startServer(
  config: AppConfig,
  logger: Logger = createLogger('server'),
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  const exposed = checkDemoExposure(config);
  if (exposed) logger.warn(exposed);
  const botHost = createBotHost(config, logger.child('bot'));
  const store = overrides.store ?? createStore(config.storage);
  // Demo mode reads the dev tenant with the tokens it issues itself (it refuses any other).
  const graphFor = appOnlyGraph(config, logger.child('graph'));
  const snapshots = overrides.snapshots ?? new CachedSnapshots(graphFor);
  const tabUrl = statusTabUrl(config);
  if (config.mode === 'production' && !tabUrl.startsWith('https://teams.microsoft.com/')) {
    logger.warn('TEAMS_APP_ID is not set: "Open status tab" links to the tab\'s web page, which needs Teams around it');
  }
  const notifications = new NotificationService({
    store,
    snapshots,
    botHost,
    membership: new ConnectorMembership(botHost, (error) => logger.debug('membership check failed', { error: String(error) })),
    roles: config.mode === 'demo' ? demoRoleChecker : new GraphRoleChecker(graphFor),
    tabUrl,
    watchIntervalMinutes: config.notifications.watchIntervalMinutes,
    watchAppsIntervalHours: config.notifications.watchAppsIntervalHours,
    leases: createLeaseManager(config.storage),
    // Several instances share Azure Storage: the outbox is drained by any of them through a queue (closed by notifications.stop()).
    ...(config.storage.kind === 'azure' ? { queue: createWorkQueue(config.storage) } : {}),
    logger: logger.child('notifications'),
  });
  const topics = allTopics();
  const bot = createBot({
    knowledge: new KnowledgeBase(topics),
    topics,
    feedback: overrides.feedback ?? new JsonlFeedbackStore(feedbackFile(config)),
    snapshots,
    store,
    tabUrl,
    statusSource: config.mode === 'demo' ? 'the dev tenant' : 'Microsoft Graph',
    logger: logger.child('bot'),
    notifications,
    statusRoles:
      overrides.statusRoles ?? (config.mode === 'demo' ? demoRoleChecker : new GraphRoleChecker(graphFor, Date.now, 5 * 60_000, TAB_ROLES)),
    share: {
      targets: (tenantId, userId) => notifications.shareTargets(tenantId, userId),
      post: (tenantId, conversationId, activity) => notifications.post(tenantId, conversationId, activity),
    },
  });
  const tabApi = await createTabApiDeps(
    config,
    snapshots,
    logger.child('tab'),
    tabNotificationsPort(store, Date.now, { demoHistory: config.mode === 'demo' }),
  );
  const app = createApp({
    config,
    logger,
    botHost,
    bot,
    tabApi,
    version: packageVersion(),
    notify: { service: notifications, apiKey: config.notifications.apiKey },
  });
  const http = app.server as HttpServer;
  // restify re-emits the HTTP server's errors; listenOn reports them, so don't let them go uncaught.
  app.on('error', (error: Error) => logger.debug('server error', { error: error.message }));
  await listenOn(http, config.port, config.host, 'PORT');
  const { address, port } = boundAddress(http);
  const url = reachableUrl(address, port);
  logger.info(`listening on ${describeBound(address, port)} (${config.mode} mode)`);
  await notifications.start();
  return {
    url,
    port,
    close: async () => {
      await closeServer(http);
      await notifications.stop();
      if (!overrides.store) await store.close();
    },
  };
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const logger = createLogger('server');
  Promise.resolve()
    .then(() => startServer(loadConfig(envWithFlags(process.env, process.argv)), logger))
    .then(
      (running) => {
        const stop = (): void => void running.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
      (error: Error) => {
        logger.error(error.message);
        process.exit(1);
      },
    );
}
