import net from 'node:net';
import WebSocket from 'ws';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { loadConfig } from '../../server/config';
import { silentLogger } from '../../server/logger';
import { startServer, type RunningServer } from '../../server/main';
import { startPlayground, type RunningPlayground } from '../../scripts/lib/playground';

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
  stop(): Promise<void>;
}

/** A port that is free now (bound to 0 and released). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '0.0.0.0', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The whole demo stack as `npm start` runs it, on free ports: dev tenant, server, Agents Playground. */
export async function startStack(tabStaticDir = 'dist/tab'): Promise<E2EStack> {
  const devTenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', GRAPH_ENDPOINT: devTenant.url, TAB_STATIC_DIR: tabStaticDir }), silentLogger);
  const conversationId = 'e2e-personal';
  const playground = await startPlayground({ port: await freePort(), appEndpoint: `${server.url}/api/messages`, conversationId });
  return {
    devTenant,
    server,
    playground,
    conversationId,
    stop: async () => {
      await playground.stop();
      await server.close();
      await devTenant.close();
    },
  };
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
