import assert from 'node:assert/strict';
import type { RunningDevTenant } from '../../devtenant/server';
import { VirtualClock } from '../../notifications/clock';
import { keys } from '../../notifications/keys';
import type { NotificationService } from '../../notifications/service';
import type { AlertRecord, OutboxItem } from '../../notifications/types';
import { MemoryStore } from '../../storage/memory';
import type { KeyValueStore, PutOptions, StoredItem } from '../../storage/store';
import { installationActivity, USER } from '../support/activities';
import { cardText } from '../support/card-text';
import { startLargeTenant } from '../support/large-tenant';
import { ScriptedTransport } from '../support/scripted-transport';
import { watchingService } from '../support/watching-service';

const TENANT = 'tenant-race';
const OPS = 'a:ops-race';

/**
 * The shared store as one instance sees it, held at the moment that instance stores its first single
 * alert message (after it decided to send it singly, before the write) until the spec lets it go on.
 */
class HeldAtFirstSingle implements KeyValueStore {
  reached!: Promise<void>;
  private arrive!: () => void;
  private go!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.go = resolve));
  private held = false;

  constructor(private readonly store: KeyValueStore) {
    this.reached = new Promise((resolve) => (this.arrive = resolve));
  }

  release(): void {
    this.go();
  }

  async put<T>(key: string, value: T, options?: PutOptions): Promise<string> {
    const item = value as Partial<OutboxItem>;
    if (!this.held && key.startsWith(keys.outbox(TENANT)) && item.kind === 'new' && item.alertId) {
      this.held = true;
      this.arrive();
      await this.released;
    }
    return this.store.put(key, value, options);
  }
  get<T>(key: string): Promise<StoredItem<T> | undefined> {
    return this.store.get<T>(key);
  }
  delete(key: string, options?: { ifMatch?: string }): Promise<void> {
    return this.store.delete(key, options);
  }
  list<T>(prefix: string): Promise<Array<StoredItem<T>>> {
    return this.store.list<T>(prefix);
  }
  close(): Promise<void> {
    return this.store.close();
  }
}

/**
 * One finding is told once in a chat, whether singly or in a consolidated card, even when two checks
 * plan it differently at the same moment (two instances, or a check re-run over half-saved state):
 * here one instance plans every app alert singly (it consolidates only above 1,000) while the other
 * consolidates them, and the first is held between deciding to send its single and storing it.
 */
describe('a finding told singly and in a consolidated card at once: told once', function () {
  this.timeout(120_000);
  let devTenant: RunningDevTenant;
  const services: NotificationService[] = [];
  const store = new MemoryStore();
  const transport = new ScriptedTransport();
  const clock = new VirtualClock(Date.now());

  before(async () => {
    devTenant = await startLargeTenant(250);
  });
  after(async () => {
    for (const service of services) await service.stop();
    await devTenant?.close();
  });

  it('one check sends an alert singly while another lists it in a consolidated card: each app alert reaches the chat once', async () => {
    const held = new HeldAtFirstSingle(store);
    const singly = watchingService(devTenant, clock, { store: held, transport, consolidateAbove: 1_000 });
    const consolidating = watchingService(devTenant, clock, { store, transport });
    services.push(singly, consolidating);
    for (const service of services) await service.start();
    await singly.observe(installationActivity('https://smba.trafficmanager.net/emea/', 'add', { conversationId: OPS, tenantId: TENANT }));
    const subscribed = await singly.subscribe({ tenantId: TENANT, conversationId: OPS, kind: 'personal', actor: USER });
    assert.equal(subscribed.outcome, 'subscribed');

    const first = singly.check(TENANT, { apps: true });
    await held.reached;
    const second = await consolidating.check(TENANT, { apps: true });
    assert.ok(second.ok, JSON.stringify(second));
    held.release();
    assert.ok((await first).ok);
    for (const service of services) await service.idle();

    const cards = transport.sent.filter((s) => s.conversationId === OPS).map((s) => cardText(s.activity).split('\n'));
    assert.ok(
      cards.some((lines) => lines.some((line) => /^\d+ apps have /.test(line))),
      'a consolidated card went out',
    );
    const told = (await store.list<AlertRecord>(keys.alerts(TENANT))).map((i) => i.value).filter((a) => a.notified[OPS]);
    assert.ok(told.length > 3, `enough app alerts: ${told.length}`);
    for (const alert of told) {
      const times = cards.filter((lines) => lines.includes(alert.finding.title)).length;
      assert.equal(times, 1, `${alert.finding.title}: told ${times} times`);
    }
  });
});
