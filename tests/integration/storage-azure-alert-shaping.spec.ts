import assert from 'node:assert/strict';
import type { Exclusion } from '../../contract/alert-rules';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { CachedSnapshots } from '../../identity/tenant/snapshot-cache';
import { keys } from '../../notifications/keys';
import { tabNotificationsPort } from '../../notifications/tab-port';
import type { AlertRecord, OutboxItem } from '../../notifications/types';
import { createGraphPort } from '../../platform/graph/client';
import { installationActivity, USER } from '../support/activities';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { cardText } from '../support/card-text';
import { ScriptedTransport } from '../support/scripted-transport';
import { azureInstances, ShiftedClock } from '../support/azure-notifications';
import { eventually as poll } from '../support/eventually';

/** Azurite's leases and queue take longer than the memory store: 20 s of patience. */
const eventually = <T>(read: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> => poll(read, what, 800);

const TENANT = 'tenant-az';
const ADMIN = USER;
const DIGEST = 'a:digest';
const OPS = 'a:ops';
const HOUR = 3_600_000;

/** The next day after today (UTC) at hh:mm UTC, as ISO. */
function tomorrowAt(hhmm: string, plusDays = 0): string {
  const day = new Date(Date.now() + (1 + plusDays) * 24 * HOUR).toISOString().slice(0, 10);
  return `${day}T${hhmm}:00.000Z`;
}

/**
 * Two instances behind a load balancer share one storage account (Azurite): blobs, the outbox queue
 * and watcher leases. Both check the tenant at the same moment; an exclusion set through the tab
 * holds its alert back on both, and the daily digest at 07:00 Berlin time goes once a day, across
 * both instances and a restart, and lists what the exclusion no longer holds once it has expired.
 */
describe('exclusions and the daily digest with two instances on Azure Storage (Azurite)', function () {
  this.timeout(120_000);
  let azurite: RunningAzurite;
  let devTenant: RunningDevTenant;
  const clock = new ShiftedClock();
  /** The transport every instance shares, like Teams. */
  const transport = new ScriptedTransport();
  const { storeOf, instance, running } = azureInstances('shape', { azurite: () => azurite, devTenant: () => devTenant, clock, transport });
  let subject: string;

  const sentTo = (conversationId: string) =>
    transport.sent
      .filter((s) => s.conversationId === conversationId)
      .map(({ activity }) => ({ text: cardText(activity), summary: String(activity.summary) }));
  const digests = () => sentTo(DIGEST).filter((a) => a.summary.startsWith('Daily digest'));
  const outboxDigests = async () =>
    (await storeOf().list<OutboxItem>(keys.outbox(TENANT))).map((i) => i.value).filter((item) => item.kind === 'digest');

  before(async () => {
    azurite = await startAzurite();
    devTenant = await startDevTenant({ scenario: 'stale-sync', port: 0 });
    const graph = createGraphPort({ endpoint: devTenant.url, token: devTenant.token() });
    // What the findings are about: the tenant as Graph names it.
    subject = (await new CachedSnapshots(() => graph).snapshot(TENANT)).tenantId;
    assert.ok(subject);
  });
  after(async () => {
    for (const service of running) await service.stop().catch(() => undefined);
    await devTenant?.close();
    await azurite?.stop();
  });

  it('holds an excluded finding back and sends the rest once, though both instances check at the same moment', async () => {
    clock.at(tomorrowAt('05:30')); // 06:30 in Berlin: before the digest hour
    const [one, two] = [await instance(), await instance()];
    for (const conversationId of [DIGEST, OPS]) {
      await one.observe(installationActivity('https://smba.trafficmanager.net/emea/', 'add', { conversationId, tenantId: TENANT }));
      const subscribed = await two.subscribe({ tenantId: TENANT, conversationId, kind: 'personal', actor: ADMIN });
      assert.equal(subscribed.outcome, 'subscribed');
    }
    const saved = await one.updateSettings({ tenantId: TENANT, conversationId: DIGEST, kind: 'personal' }, ADMIN, {
      digest: true,
      digestHour: 7,
      timeZone: 'Europe/Berlin',
    });
    assert.equal(saved.outcome, 'saved');

    // An admin excludes the password-sync finding for one day in the tab (served by instance two's storage).
    const tab = tabNotificationsPort(storeOf(), () => clock.now());
    const exclusion: Exclusion = await tab.exclude(
      TENANT,
      { scope: 'finding', code: 'phs.stale', subject, reason: 'password sync moved to the new server tonight', expiresInDays: 1 },
      { userId: ADMIN.aadObjectId, name: ADMIN.name },
    );

    const results = await Promise.all([one.check(TENANT), two.check(TENANT)]);
    assert.ok(results.every((r) => r.ok));
    await eventually(() => sentTo(OPS).length >= 1, 'the sync alert in the ops chat');
    await new Promise((resolve) => setTimeout(resolve, 500)); // a duplicate would arrive by now
    assert.equal(sentTo(OPS).length, 1, 'one alert, once');
    assert.match(sentTo(OPS)[0].text, /Directory sync/i);
    assert.doesNotMatch(sentTo(OPS)[0].text, /password/i);
    assert.deepEqual(sentTo(DIGEST), [], 'the digest chat waits for 07:00 Berlin time');
    const alerts = (await storeOf().list<AlertRecord>(keys.alerts(TENANT))).map((i) => i.value);
    const phs = alerts.find((a) => a.code === 'phs.stale')!;
    assert.ok(phs, 'the excluded finding is still tracked');
    assert.deepEqual(phs.notified, {}, 'nobody was told about it');
    const listed = await tab.alerts(TENANT);
    assert.equal(listed.alerts.find((a) => a.id === phs.id)?.excludedBy, exclusion.id);
  });

  it('sends the digest at 07:00 Berlin time once across both instances, listing the open finding and counting the excluded one', async () => {
    const [one, two] = running;
    clock.at(tomorrowAt('06:10')); // 07:10 in Berlin
    await Promise.all([one.check(TENANT), two.check(TENANT)]);
    const [digest] = await eventually(() => (digests().length ? digests() : undefined), 'the digest');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(digests().length, 1, 'one digest');
    assert.match(digest.text, /1 open alert/);
    assert.match(digest.text, /1 more is excluded by an admin/);
    assert.deepEqual(
      (await outboxDigests()).map((item) => item.eventKey),
      [`digest.${tomorrowAt('06:10').slice(0, 10)}`],
    );
  });

  it('after a restart on fresh instances, checks later that day send no second digest; the next day sends one listing both, the exclusion having expired', async () => {
    for (const service of running.splice(0)) await service.stop();
    const [three, four] = [await instance(), await instance()];
    clock.at(tomorrowAt('15:00'));
    await Promise.all([three.check(TENANT), four.check(TENANT)]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(digests().length, 1, 'not twice on the same day');

    clock.at(tomorrowAt('06:30', 1)); // the next day, 07:30 in Berlin; the one-day exclusion ended at 05:30 UTC
    await Promise.all([three.check(TENANT), four.check(TENANT)]);
    await eventually(() => digests().length === 2, 'the second day’s digest');
    await eventually(() => sentTo(OPS).some((a) => /password/i.test(a.text)), 'the password-sync alert once the exclusion expired');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(digests().length, 2);
    assert.match(digests()[1].text, /2 open alert/);
    assert.doesNotMatch(digests()[1].text, /excluded/);
    assert.equal(sentTo(OPS).filter((a) => /password/i.test(a.text)).length, 1, 'the expired exclusion lets it fire, once');
    assert.equal((await outboxDigests()).length, 2);
  });
});
