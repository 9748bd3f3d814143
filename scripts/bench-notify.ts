/**
 * npm run bench:notify — fan-out of one alert to 10,000 conversations through the durable outbox
 * and the sender, against a local connector double that enforces Teams' limits (per conversation,
 * per app per tenant) and throttles 2 % of sends at random with 429 + Retry-After.
 * Then the same with a restart: the sender is stopped mid fan-out and a new one resumes from the
 * same SQLite file. Figures: time vs the rate-limit bound, sent / lost / duplicated.
 *
 * Teams allows 50 sends per second per app per tenant: 10,000 sends take at least 200 s. To finish
 * in a few minutes the bench scales the per-tenant limit by BENCH_SCALE (default 5 → 250/s) on both
 * sides (connector double and sender); it prints the real bound as well. BENCH_SCALE=1 runs the real shape.
 * Above the bound: the 429s (a limit exceeded should be 0: the sender counts a send from its answer),
 * and the tail of the last random ones, which wait out their Retry-After.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Outbox } from '../notifications/outbox';
import { PER_CONVERSATION_SEND, PER_TENANT, scaled } from '../notifications/rate-limit';
import { Sender } from '../notifications/sender';
import { ConnectorDouble } from '../tests/support/connector';
import { HttpTransport } from '../tests/support/http-transport';
import { SqliteStore } from '../storage/sqlite';

const TARGETS = Number(process.env.BENCH_TARGETS ?? 10_000);
const SCALE = Number(process.env.BENCH_SCALE ?? 5);
const TENANT = '11111111-2222-3333-4444-555555555555';
const perTenant = scaled(PER_TENANT, SCALE);
const boundSeconds = TARGETS / perTenant[0].limit;
const realBoundSeconds = TARGETS / PER_TENANT[0].limit;

interface Figures {
  seconds: number;
  sent: number;
  lost: number;
  duplicated: number;
  throttled: number;
  /** 429s the connector gave because a limit was exceeded (the rest are its random ones). */
  overLimit: number;
  retries: number;
}

async function fanOut(restartAt?: number): Promise<Figures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-notify-'));
  const file = path.join(dir, 'store.sqlite');
  const connector = await new ConnectorDouble({
    throttling: { perTenant, perConversation: PER_CONVERSATION_SEND, random429Rate: 0.02, retryAfterSeconds: 1, seed: 7 },
  }).start();
  let store = new SqliteStore(file);
  const outbox = new Outbox(store);
  for (let i = 0; i < TARGETS; i++) {
    const conversationId = `a:conversation-${String(i).padStart(5, '0')}`;
    await outbox.enqueue({
      tenantId: TENANT,
      conversationId,
      eventKey: 'f00dfeedf00dfeed.1.new',
      kind: 'new',
      alertId: 'f00dfeedf00dfeed',
      reference: {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
        bot: { id: '28:bot' },
      },
      activity: {
        type: 'message',
        summary: 'Alert: Directory sync last ran 7 hours ago',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Directory sync last ran 7 hours ago' }] },
          },
        ],
      },
    });
  }
  const options = { perTenant, concurrency: 32 };
  const started = Date.now();
  let sender = new Sender(outbox, new HttpTransport(), options);
  let throttled = 0;
  let retries = 0;
  await sender.start();
  if (restartAt !== undefined) {
    while (connector.delivered.size < restartAt) await new Promise((resolve) => setTimeout(resolve, 20));
    await sender.stop();
    throttled += sender.stats.throttled;
    retries += sender.stats.retries;
    await store.close();
    console.log(
      `  restart: first sender stopped after ${connector.delivered.size} sends; a new sender resumes from ${path.basename(file)}`,
    );
    store = new SqliteStore(file);
    sender = new Sender(new Outbox(store), new HttpTransport(), options);
    await sender.start();
  }
  await sender.idle();
  await sender.stop();
  const seconds = (Date.now() - started) / 1000;
  throttled += sender.stats.throttled;
  retries += sender.stats.retries;
  let duplicated = 0;
  for (const count of connector.delivered.values()) duplicated += count - 1;
  const figures = {
    seconds,
    sent: connector.delivered.size,
    lost: TARGETS - connector.delivered.size,
    duplicated,
    throttled,
    overLimit: connector.overLimit,
    retries,
  };
  const stored = await new Outbox(store).all();
  const notSent = stored.filter((i) => i.status !== 'sent').length;
  if (notSent) console.log(`  outbox: ${notSent} item(s) not marked sent`);
  await store.close();
  await connector.stop();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

function report(name: string, f: Figures): boolean {
  const ok = f.sent === TARGETS && f.lost === 0 && f.duplicated === 0;
  console.log(
    `${name}: ${f.seconds.toFixed(1)} s (bound ${boundSeconds.toFixed(0)} s at ${perTenant[0].limit}/s, ${(f.seconds / boundSeconds).toFixed(2)}× the bound) ` +
      `sent ${f.sent} / lost ${f.lost} / duplicated ${f.duplicated}; 429s honoured ${f.throttled} (${f.overLimit} over a limit, the rest at random), retries ${f.retries} ${ok ? 'OK' : 'FAIL'}`,
  );
  return ok;
}

console.log(`bench:notify — one alert to ${TARGETS} conversations of one tenant`);
console.log(
  `  limits: per conversation 7/1 s, 8/2 s, 60/30 s, 1800/h; per tenant ${PER_TENANT[0].limit}/s real, ${perTenant[0].limit}/s here (scale ×${SCALE})`,
);
console.log(`  real bound at ${PER_TENANT[0].limit}/s: ${realBoundSeconds.toFixed(0)} s; scaled bound: ${boundSeconds.toFixed(0)} s`);
const straight = report('fan-out', await fanOut());
const restarted = report('fan-out with restart', await fanOut(Math.floor(TARGETS / 2)));
process.exitCode = straight && restarted ? 0 : 1;
