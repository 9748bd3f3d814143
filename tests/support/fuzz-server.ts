import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RunningServer } from '../../server/main';
import { startTestApp, type TestApp } from './app';
import { ConnectorDouble } from './connector';
import { LogCapture } from './log-capture';

/**
 * What the fuzz specs (tests/integration/fuzz-*.spec.ts) share: the seed, the JSON and message-text
 * generators, and the real server in demo mode with replies going to a ConnectorDouble on loopback.
 * Seeded, so a failure reproduces; fast-check prints the seed and the shrunk counterexample.
 */
export const SEED = 20_260_115;

/** Any JSON value, three levels deep at most. */
export const json = fc.jsonValue({ maxDepth: 3 });
/** Message texts the bot knows, and the empty or odd ones around them. */
export const words = fc.constantFrom(
  'How often does password hash sync run?',
  'status',
  'help',
  'advisor',
  'connect advisor',
  'adfs advisor',
  'setup guide',
  'What is PTA?',
  'status refresh',
  '<at>Entra Companion</at> status',
  'seamless sso',
  'federation certificate expiring',
  '',
  ' ',
  '?',
  '&nbsp;help&nbsp;',
);

/** The app in demo mode (memory storage, healthy-hybrid dev tenant) and the connector double it replies to. */
export interface DemoServer {
  readonly connector: ConnectorDouble;
  readonly app: TestApp;
  close(): Promise<void>;
}

/** Starts the connector double and the app in demo mode, logging into `logs`. */
export async function startDemoServer(logs: LogCapture): Promise<DemoServer> {
  const connector = await new ConnectorDouble().start();
  const app = await startTestApp({}, {}, logs.logger);
  return {
    connector,
    app,
    close: async () => {
      await app.stop();
      await connector.stop();
    },
  };
}

export interface FuzzServer {
  readonly connector: ConnectorDouble;
  readonly server: RunningServer;
  /** A demo admin's bearer token for the tab API. */
  readonly adminToken: string;
  /** POSTs to /api/messages; a turn that failed inside (logged by onTurnError, answered 200) fails the property, so fast-check shrinks it. */
  post(body: unknown, raw?: boolean): Promise<{ status: number; text: string }>;
}

/**
 * The demo server for a describe block (started before, closed after), signed in as an admin. A
 * test fails when a turn or request failed inside while it ran: such a turn still answers 200
 * (onTurnError), and only the log tells.
 */
export function useFuzzServer(): FuzzServer {
  const logs = new LogCapture();
  let demo: DemoServer | undefined;
  let adminToken = '';

  before(async () => {
    demo = await startDemoServer(logs);
    const signIn = await fetch(`${demo.app.server.url}/api/tab/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"persona":"admin"}',
    });
    assert.equal(signIn.status, 200, 'the demo sign-in answers');
    adminToken = ((await signIn.json()) as { token: string }).token;
  });
  after(() => demo?.close());
  beforeEach(() => (logs.lines.length = 0));
  afterEach(function () {
    const failures = logs.lines.filter((line) => /turn failed|request failed/.test(line));
    assert.deepEqual(failures.slice(0, 3), [], `${this.currentTest?.title}: ${failures.length} failures logged`);
  });

  const running = (): DemoServer => {
    if (!demo) throw new Error('the demo server starts in before()');
    return demo;
  };
  return {
    get connector() {
      return running().connector;
    },
    get server() {
      return running().app.server;
    },
    get adminToken() {
      return adminToken;
    },
    post: async (body, raw = false) => {
      const before = logs.lines.length;
      const response = await fetch(`${running().app.server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: raw ? (body as string) : JSON.stringify(body),
      });
      const result = { status: response.status, text: await response.text() };
      const failed = logs.lines.slice(before).find((line) => /turn failed|request failed/.test(line));
      if (failed) throw new Error(`the turn failed inside: ${failed}`);
      return result;
    },
  };
}
