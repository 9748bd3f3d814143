import { ConnectorDouble } from './connector';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { loadConfig, type AppConfig } from '../../platform/config';
import { silentLogger, type Logger } from '../../platform/logger';
import { startServer, type RunningServer, type ServerOverrides } from '../../server/main';

export interface TestApp {
  config: AppConfig;
  server: RunningServer;
  devTenant: RunningDevTenant;
  /** POSTs a JSON body (or raw text) to /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts the dev tenant and the real server on free loopback ports, in demo mode unless env says otherwise. */
export async function startTestApp(
  env: Record<string, string> = {},
  overrides: ServerOverrides = {},
  logger: Logger = silentLogger,
): Promise<TestApp> {
  const devTenant = await startDevTenant({ scenario: env.DEV_TENANT_SCENARIO ?? 'healthy-hybrid', port: 0 });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    GRAPH_ENDPOINT: devTenant.url,
    TAB_STATIC_DIR: 'tests/fixtures/tab',
    STORAGE_KIND: 'memory',
    ...env,
  });
  const server = await startServer(config, logger, overrides);
  return {
    config,
    server,
    devTenant,
    post: (body, headers = {}) =>
      fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    stop: async () => {
      await server.close();
      await devTenant.close();
    },
  };
}

/** The app and a connector double for a describe block: started before, stopped after, replies cleared before each test. */
export interface AppWithConnector {
  readonly app: TestApp;
  readonly connector: ConnectorDouble;
}

export function useAppWithConnector(env: Record<string, string> = {}): AppWithConnector {
  let app: TestApp | undefined;
  let connector: ConnectorDouble | undefined;
  before(async () => {
    connector = await new ConnectorDouble().start();
    app = await startTestApp(env);
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
  });
  beforeEach(() => connector?.clear());
  return {
    get app() {
      if (!app) throw new Error('the app starts in before()');
      return app;
    },
    get connector() {
      if (!connector) throw new Error('the connector starts in before()');
      return connector;
    },
  };
}
