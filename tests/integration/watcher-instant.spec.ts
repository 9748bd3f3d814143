import assert from 'node:assert/strict';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { VirtualClock } from '../../notifications/clock';
import { keys } from '../../notifications/keys';
import type { NotificationService } from '../../notifications/service';
import type { AlertRecord } from '../../notifications/types';
import { MemoryStore } from '../../storage/memory';
import { installationActivity, USER } from '../support/activities';
import { ScriptedTransport } from '../support/scripted-transport';
import { watchingService } from '../support/watching-service';

const TENANT = 'tenant-instant';
const CHAT = 'a:adele-instant';

/**
 * The watcher judges a snapshot at an instant after its read, as the tab and the bot's status do.
 * Here every dev tenant request takes 5 ms of the one clock, from 1 ms before a whole second, so
 * the read is served in the next second: stale-sync's last sync, 7 hours before the served
 * instant, is "7 hours ago", where a check that noted its time before the read titled it "6 hours ago".
 */
describe('watcher: a check judges the tenant from after its read', () => {
  const store = new MemoryStore();
  const clock = new VirtualClock(Math.floor(Date.now() / 1000) * 1000 + 999);
  let devTenant: RunningDevTenant;
  let service: NotificationService;
  before(async () => {
    devTenant = await startDevTenant({
      scenario: 'stale-sync',
      port: 0,
      now: () => {
        clock.advance(5);
        return new Date(clock.now());
      },
    });
    service = watchingService(devTenant, clock, { store, transport: new ScriptedTransport() });
    await service.start();
    await service.observe(installationActivity('https://smba.trafficmanager.net/emea/', 'add', { conversationId: CHAT, tenantId: TENANT }));
    assert.equal(
      (await service.subscribe({ tenantId: TENANT, conversationId: CHAT, kind: 'personal', actor: USER })).outcome,
      'subscribed',
    );
  });
  after(async () => {
    await service?.stop();
    await devTenant?.close();
  });

  it('titles stale-sync\'s alert "Directory sync last ran 7 hours ago"', async () => {
    const result = await service.check(TENANT);
    assert.ok(result.ok, JSON.stringify(result));
    const titles = (await store.list<AlertRecord>(keys.alerts(TENANT))).map((i) => i.value.finding.title);
    assert.ok(titles.includes('Directory sync last ran 7 hours ago'), titles.join('\n'));
  });
});
