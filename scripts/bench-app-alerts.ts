/**
 * npm run bench:app-alerts — the messages one subscription gets from the first apps read of the dev
 * tenant's `large` scenario (20,000 apps), with every alert sent on its own (consolidation off) and
 * as the watcher sends them (CONSOLIDATE_ABOVE): messages queued in the outbox, the largest card
 * (Teams takes at most ~28 KB a message), and how long Teams' per-conversation limit (60 messages
 * in 30 s) makes the chat wait for all of them; a second chat on the daily digest gets one digest
 * (its size). Then a second apps read: nothing new, nothing sent. Consolidated, "Acknowledge all" on
 * the card listing the most alerts: how many it acknowledges, how long the click takes (memory store),
 * and the bytes of the action data the card carries.
 */
import { startDevTenant } from '../devtenant/server';
import { CachedSnapshots } from '../identity/tenant/snapshot-cache';
import { VirtualClock } from '../notifications/clock';
import { CONSOLIDATE_ABOVE } from '../notifications/consolidate';
import { keys } from '../notifications/keys';
import { NotificationService } from '../notifications/service';
import type { Transport } from '../notifications/transport';
import type { OutboxItem } from '../notifications/types';
import { createGraphPort } from '../platform/graph/client';
import { silentLogger } from '../platform/logger';
import { MemoryStore } from '../storage/memory';
import { installationActivity, USER } from '../tests/support/activities';

const TENANT = 'tenant-large';
const CHAT = 'a:admin-chat';
/** A second chat on the daily digest (due at the first check: digest hour 0 UTC). */
const DIGEST = 'a:digest-chat';
const ADMIN = USER;
/** Teams: 60 messages per 30 s to one conversation (notifications/rate-limit.ts). */
const PER_30_S = 60;

const noTransport: Transport = {
  send: async () => ({ ok: false, status: 0, message: 'not sent: the bench counts what is queued' }),
  update: async () => ({ ok: true }),
};

interface Figures {
  alerts: number;
  messages: number;
  largest: number;
  digest: number;
  second: number;
  /** "Acknowledge all" on the card listing the most alerts (consolidated runs only). */
  ackAll?: { listed: number; ms: number; dataBytes: number };
}

/** The data of a consolidated card's "Acknowledge all", if it has one. */
function ackAllData(item: OutboxItem): Record<string, unknown> | undefined {
  const card = (item.activity.attachments as Array<{ content: { actions?: Array<{ verb?: string; data?: Record<string, unknown> }> } }>)[0]
    .content;
  return card.actions?.find((a) => a.verb === 'batch.ack')?.data;
}

async function firstAppsRead(consolidateAbove: number): Promise<Figures> {
  const devTenant = await startDevTenant({ scenario: 'large', port: 0 });
  const graph = createGraphPort({ endpoint: devTenant.url, token: devTenant.token() });
  const store = new MemoryStore();
  const clock = new VirtualClock(Date.now());
  const service = new NotificationService({
    store,
    snapshots: new CachedSnapshots(
      () => graph,
      0,
      () => clock.now(),
    ),
    transport: noTransport,
    tabUrl: 'https://example.test/tab/',
    watchIntervalMinutes: 0,
    consolidateAbove,
    clock,
    logger: silentLogger,
  });
  for (const conversationId of [CHAT, DIGEST]) {
    await service.observe(installationActivity('https://smba.trafficmanager.net/emea/', 'add', { conversationId, tenantId: TENANT }));
    await service.subscribe({ tenantId: TENANT, conversationId, kind: 'personal', actor: ADMIN });
  }
  await service.updateSettings({ tenantId: TENANT, conversationId: DIGEST, kind: 'personal' }, ADMIN, { digest: true, digestHour: 0 });
  const first = await service.check(TENANT, { apps: true });
  if (!first.ok) throw new Error(first.error);
  const all = (await store.list<OutboxItem>(keys.outbox(TENANT))).map((i) => i.value);
  const items = all.filter((i) => i.conversationId === CHAT);
  const bytes = (item: OutboxItem) => Buffer.byteLength(JSON.stringify(item.activity));
  let ackAll: Figures['ackAll'];
  const biggest = items
    .filter((i) => ackAllData(i))
    .sort((a, b) => Number(String(b.activity.summary).match(/\d+/)?.[0]) - Number(String(a.activity.summary).match(/\d+/)?.[0]))[0];
  if (biggest) {
    const data = ackAllData(biggest)!;
    const started = performance.now();
    await service.actOnBatch('batch.ack', { tenantId: TENANT, conversationId: CHAT, kind: 'personal' }, ADMIN, data);
    const ms = performance.now() - started;
    const listed = (await store.list<{ acknowledged?: unknown }>(keys.alerts(TENANT))).filter((i) => i.value.acknowledged).length;
    ackAll = { listed, ms, dataBytes: Buffer.byteLength(JSON.stringify(data)) };
  }
  clock.advance(3_600_000);
  const second = await service.check(TENANT, { apps: true });
  await devTenant.close();
  return {
    alerts: first.events.filter((e) => e.kind === 'opened').length,
    messages: items.length,
    largest: Math.max(...items.map(bytes)),
    digest: Math.max(...all.filter((i) => i.kind === 'digest').map(bytes)),
    second: second.ok ? second.queued : -1,
    ...(ackAll ? { ackAll } : {}),
  };
}

console.log('bench:app-alerts — first apps read of the `large` scenario, one subscribed personal chat');
for (const [name, above] of [
  ['one message per alert', Number.POSITIVE_INFINITY],
  [`consolidated above ${CONSOLIDATE_ABOVE}`, CONSOLIDATE_ABOVE],
] as const) {
  const started = Date.now();
  const f = await firstAppsRead(above);
  // The first 60 go at once, each further 60 a 30 s window later.
  const wait = (Math.ceil(f.messages / PER_30_S) - 1) * 30;
  console.log(
    `${name}: ${f.alerts} alerts opened, ${f.messages} messages queued, largest ${(f.largest / 1024).toFixed(1)} KB, ` +
      `the last arrives ≥ ${wait} s after the first (Teams: ${PER_30_S} per 30 s to a chat); a second read queued ${f.second} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s); the digest chat's one digest: ${(f.digest / 1024).toFixed(1)} KB`,
  );
  if (f.ackAll)
    console.log(
      `  Acknowledge all on the largest card: ${f.ackAll.listed} alerts acknowledged in ${f.ackAll.ms.toFixed(0)} ms, ` +
        `its action data ${f.ackAll.dataBytes} bytes`,
    );
}
