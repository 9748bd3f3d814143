import { watchingService } from '../support/watching-service';
import assert from 'node:assert/strict';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { VirtualClock } from '../../notifications/clock';
import { keys } from '../../notifications/keys';
import { type NotificationService } from '../../notifications/service';
import type { AlertRecord } from '../../notifications/types';
import { MemoryStore } from '../../storage/memory';
import { installationActivity, USER } from '../support/activities';
import { cardText } from '../support/card-text';
import { ScriptedTransport } from '../support/scripted-transport';

const TENANT = 'tenant-apps';
const ADMIN = USER;
const CHAT = 'a:adele-apps';
const HOUR = 3_600_000;

/**
 * App findings alert too (issue #15): the real watcher against the dev tenant, app-only, with the
 * scenarios switched as a tenant would change: credentials expiring, an app newly consented for
 * every user, high-privilege permissions newly granted; the standing app.highPrivilege does not alert.
 */
describe('app alerts: expiring credentials and newly granted privilege, one alert per app and finding', () => {
  let devTenant: RunningDevTenant;
  let service: NotificationService;
  let transport: ScriptedTransport;
  const store = new MemoryStore();
  const clock = new VirtualClock(Date.now());
  /** Dev tenant requests of the check that read the apps. */
  let appsRead = 0;
  const requestsOf = async (run: () => Promise<unknown>): Promise<number> => {
    const before = devTenant.stats().requests;
    await run();
    return devTenant.stats().requests - before;
  };

  const alerts = async (): Promise<AlertRecord[]> => (await store.list<AlertRecord>(keys.alerts(TENANT))).map((i) => i.value);
  const open = async (prefix: string) => (await alerts()).filter((a) => a.status === 'open' && a.code.startsWith(prefix));
  const texts = () => transport.sent.map((s) => cardText(s.activity));

  before(async () => {
    devTenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    transport = new ScriptedTransport();
    service = watchingService(devTenant, clock, { store, transport, watchAppsIntervalHours: 6 }, 60_000);
    await service.start();
    await service.observe(installationActivity('https://smba.trafficmanager.net/emea/', 'add', { conversationId: CHAT, tenantId: TENANT }));
    const subscribed = await service.subscribe({ tenantId: TENANT, conversationId: CHAT, kind: 'personal', actor: ADMIN });
    assert.equal(subscribed.outcome, 'subscribed');
  });
  after(async () => {
    await service?.stop();
    await devTenant?.close();
  });

  it('the first check reads the apps and only notes their grants: a healthy tenant gets no app alert', async () => {
    const result = await service.check(TENANT);
    assert.ok(result.ok, JSON.stringify(result));
    await service.idle();
    assert.deepEqual(await open('app.'), []);
    assert.ok(await store.get(keys.appWatch(TENANT)), 'the grant ledger is stored');
  });

  it('consent and grants since then: one alert per app and finding, each card telling the evidence in sentences', async () => {
    devTenant.useScenario('consented-apps');
    clock.advance(HOUR);
    appsRead = await requestsOf(() => service.check(TENANT, { apps: true }));
    await service.idle();
    const apps = await open('app.');
    const pairs = apps.map((a) => `${a.code} ${a.subject}`);
    assert.equal(new Set(pairs).size, pairs.length, 'one alert per code and subject');
    const codes = new Set(apps.map((a) => a.code));
    assert.ok(codes.has('app.credentialExpiring'), pairs.join('\n'));
    assert.ok(codes.has('app.tenantWideConsent'), pairs.join('\n'));
    assert.ok(codes.has('app.highPrivilegeGranted'), pairs.join('\n'));
    assert.ok(!codes.has('app.highPrivilege'), 'standing high privilege is shown in the tab, not alerted');
    const consent = texts().find((t) => /was newly consented for every user in the tenant/.test(t));
    assert.ok(consent, texts().join('\n---\n'));
    assert.match(consent, /Consented on behalf of every user for: /);
    assert.match(consent, /First seen by the watcher just now/);
    assert.equal(transport.sent.length, apps.length, 'one card per alert');
  });

  it('a scheduled check within the apps interval (6 h) reads sync only, and the app alerts stay open; past it, the apps are read again', async () => {
    const before = (await open('app.')).length;
    // Were the apps judged absent, two checks of a tenant without those apps would resolve their alerts.
    devTenant.useScenario('healthy-hybrid');
    clock.advance(HOUR);
    const syncOnly = await requestsOf(() => service.checkAll());
    clock.advance(HOUR);
    await service.checkAll();
    assert.ok(syncOnly < appsRead, `a sync-only check (${syncOnly} requests) reads less than one with apps (${appsRead})`);
    assert.equal((await open('app.')).length, before, 'nothing resolved while the apps were not read');
    devTenant.useScenario('consented-apps');
    clock.advance(4 * HOUR);
    assert.equal(await requestsOf(() => service.checkAll()), appsRead, '6 hours after the last app read they are read again');
  });

  it('fixed (the consent revoked, the secrets renewed): the app alerts resolve after two app reads, each with its "Resolved" card', async () => {
    devTenant.useScenario('healthy-hybrid');
    for (let i = 0; i < 2; i++) {
      clock.advance(HOUR);
      await service.check(TENANT, { apps: true });
    }
    await service.idle();
    assert.deepEqual(await open('app.'), []);
    const resolved = texts().filter((t) => /^Resolved$/m.test(t));
    assert.ok(resolved.length >= 3, texts().join('\n---\n'));
  });
});
