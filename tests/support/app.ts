import assert from 'node:assert/strict';
import { ConnectorDouble } from './connector';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { loadConfig, type AppConfig } from '../../platform/config';
import { silentLogger, type Logger } from '../../platform/logger';
import { startServer, type RunningServer, type ServerOverrides } from '../../server/main';
import type { DevPersona } from '../../tab/api/dev-issuer';

export interface TestApp {
  config: AppConfig;
  server: RunningServer;
  devTenant: RunningDevTenant;
  /** POSTs a JSON body (or raw text) to /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** The demo sign-in's token for a persona (POST /api/tab/dev/token), as the tab gets it. */
  signIn(persona?: DevPersona): Promise<string>;
  /** Asks the watcher to check a tenant now (POST /api/notify, action check, with the app's notify key). */
  checkNow(tenantId: string): Promise<void>;
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
    signIn: async (persona = 'admin') => {
      const response = await fetch(`${server.url}/api/tab/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona }),
      });
      assert.equal(response.status, 200, `the demo sign-in as ${persona}`);
      return ((await response.json()) as { token: string }).token;
    },
    checkNow: async (tenantId) => {
      const response = await fetch(`${server.url}/api/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${config.notifications.apiKey}` },
        body: JSON.stringify({ tenantId, action: 'check' }),
      });
      assert.equal(response.status, 200, `the check of ${tenantId}`);
    },
    stop: async () => {
      await server.close();
      await devTenant.close();
    },
  };
}

/** The app in demo mode and the demo admin's tab token, for a describe block: started before, stopped after. */
export interface SignedInApp {
  readonly app: TestApp;
  readonly token: string;
}

export function useSignedInApp(env: Record<string, string> = {}): SignedInApp {
  let signedIn: SignedInApp | undefined;
  before(async () => {
    const app = await startTestApp(env);
    signedIn = { app, token: await app.signIn() };
  });
  after(() => signedIn?.app.stop());
  return {
    get app() {
      return startedBefore(signedIn, 'the app').app;
    },
    get token() {
      return startedBefore(signedIn, 'the app').token;
    },
  };
}

/** What a describe block's before() started; a test that reads it earlier is told so. */
export function startedBefore<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} starts in before()`);
  return value;
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
      return startedBefore(app, 'the app');
    },
    get connector() {
      return startedBefore(connector, 'the connector');
    },
  };
}
