import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { DEMO_NOTIFY_API_KEY, loadConfig } from '../../platform/config';
import { silentLogger } from '../../platform/logger';
import { startServer, type RunningServer } from '../../server/main';
import { startPlayground, type RunningPlayground } from '../../scripts/lib/playground';
import { freePort } from '../../scripts/lib/ports';

/** A bot message as the Playground streams it to its page. */
export interface PlaygroundMessage {
  messageId: string;
  text?: string;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
}

export interface E2EStack {
  devTenant: RunningDevTenant;
  server: RunningServer;
  playground: RunningPlayground;
  conversationId: string;
  /** Stops the server and starts a new one on the same port and SQLite file (a restart). */
  restartServer(): Promise<void>;
  stop(): Promise<void>;
}

/** The whole demo stack as `npm start` runs it, on free ports: dev tenant, server, Agents Playground. */
export async function startStack(tabStaticDir = 'dist/tab'): Promise<E2EStack> {
  const devTenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
  const sqliteFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'ec-e2e-')), 'store.sqlite');
  const config = (port: number) =>
    loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      GRAPH_ENDPOINT: devTenant.url,
      TAB_STATIC_DIR: tabStaticDir,
      SQLITE_FILE: sqliteFile,
    });
  // A port chosen before it starts, as npm start has: links the server writes into cards (Open status tab) carry it.
  const server = await startServer(config(await freePort()), silentLogger);
  const conversationId = 'e2e-personal';
  const playground = await startPlayground({ port: await freePort(), appEndpoint: `${server.url}/api/messages`, conversationId });
  const stack: E2EStack = {
    devTenant,
    server,
    playground,
    conversationId,
    restartServer: async () => {
      const port = stack.server.port;
      await stack.server.close();
      stack.server = await startServer(config(port), silentLogger);
    },
    stop: async () => {
      await playground.stop();
      await stack.server.close();
      await devTenant.close();
    },
  };
  return stack;
}

/** Switches the stack's dev tenant to another scenario, as `PUT /_devtenant/scenario` does by hand. */
export async function switchScenario(stack: E2EStack, scenario: string): Promise<void> {
  const response = await fetch(`${stack.devTenant.url}/_devtenant/scenario`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario }),
  });
  if (response.status !== 200) throw new Error(`the dev tenant refused scenario ${scenario}: ${response.status} ${await response.text()}`);
}

/**
 * Runs the watcher's check now instead of waiting for its schedule, as the README's curl does (apps
 * read too); resolves to how many messages the check queued for the subscribed chats.
 */
export async function checkNow(stack: E2EStack): Promise<number> {
  const response = await fetch(`${stack.server.url}/api/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_NOTIFY_API_KEY}` },
    body: JSON.stringify({ action: 'check' }),
  });
  if (response.status !== 200) throw new Error(`POST /api/notify answered ${response.status} ${await response.text()}`);
  const { results } = (await response.json()) as { results: Array<{ ok: boolean; queued?: number; error?: string }> };
  const failed = results.find((r) => !r.ok);
  if (failed) throw new Error(`the check failed: ${failed.error}`);
  return results.reduce((sum, r) => sum + (r.queued ?? 0), 0);
}

/** Talks to the Playground the way its own page does: HTTP to send, WebSocket to receive. */
export class PlaygroundChat {
  private socket!: WebSocket;
  private readonly received: PlaygroundMessage[] = [];
  private waiters: Array<() => void> = [];

  constructor(private readonly stack: E2EStack) {}

  async open(): Promise<this> {
    const url = `${this.stack.playground.url.replace('http', 'ws')}/_ws_conversation/v1/conversations/stream`;
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => {
      const event = JSON.parse(data.toString()) as { action: string; actionConversationId?: string; message: PlaygroundMessage };
      if (event.action === 'createMessage' || event.action === 'updateMessage') {
        this.received.push(event.message);
        this.waiters.splice(0).forEach((wake) => wake());
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    return this;
  }

  close(): void {
    this.socket.close();
  }

  /** Sends text as the Playground's current user and waits for the next bot message. */
  async ask(text: string, timeoutMs = 10_000): Promise<PlaygroundMessage> {
    const before = this.received.length;
    const response = await fetch(`${this.stack.playground.url}/_conversation/v1/conversations/${this.stack.conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: { id: 'user-id-0' }, text, textFormat: 'plain' }),
    });
    if (!response.ok) throw new Error(`Playground refused the message: ${response.status}`);
    const sentId = ((await response.json()) as { messageId: string }).messageId;
    return this.waitFor((m) => m.messageId !== sentId && this.received.indexOf(m) >= before, timeoutMs);
  }

  async waitFor(predicate: (message: PlaygroundMessage) => boolean, timeoutMs = 10_000): Promise<PlaygroundMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no matching bot message arrived in the Playground');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** The demo stack and a Playground chat for a describe block: both started before, closed after. */
export interface PlaygroundSession {
  readonly stack: E2EStack;
  readonly chat: PlaygroundChat;
}

export function usePlaygroundChat(tabStaticDir = 'tests/fixtures/tab'): PlaygroundSession {
  let stack: E2EStack | undefined;
  let chat: PlaygroundChat | undefined;
  before(async () => {
    stack = await startStack(tabStaticDir);
    chat = await new PlaygroundChat(stack).open();
  });
  after(async () => {
    chat?.close();
    await stack?.stop();
  });
  return {
    get stack() {
      if (!stack) throw new Error('the stack starts in before()');
      return stack;
    },
    get chat() {
      if (!chat) throw new Error('the chat opens in before()');
      return chat;
    },
  };
}
