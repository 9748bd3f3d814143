import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot sent to the connector. */
export interface SentActivity {
  conversationId: string;
  method: string;
  activity: Record<string, unknown>;
}

/**
 * A Bot Framework connector stand-in on loopback: records what the bot sends to
 * /v3/conversations/{id}/activities and answers as the connector does.
 */
export class ConnectorDouble {
  readonly sent: SentActivity[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adaptive Card bodies the bot sent, in order. */
  cards(): Array<Record<string, unknown>> {
    return this.sent.flatMap((s) =>
      ((s.activity.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined) ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a) => a.content),
    );
  }

  clear(): void {
    this.sent.length = 0;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (match) {
        const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
        this.sent.push({ conversationId: decodeURIComponent(match[1]), method: req.method ?? 'POST', activity: body });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${++this.counter}` }));
    });
  }
}

/** Every text in an Adaptive Card (TextBlocks, facts, action titles), for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value']) if (typeof obj[key] === 'string') out.push(obj[key] as string);
      for (const [key, value] of Object.entries(obj)) if (key !== 'data') walk(value);
    }
  };
  walk(card);
  return out.join('\n');
}
