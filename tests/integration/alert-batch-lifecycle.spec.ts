import assert from 'node:assert/strict';
import type { RunningDevTenant } from '../../devtenant/server';
import { VirtualClock } from '../../notifications/clock';
import type { NotificationService } from '../../notifications/service';
import { MemoryStore } from '../../storage/memory';
import { installationActivity, USER } from '../support/activities';
import { cardText } from '../support/card-text';
import { startLargeTenant } from '../support/large-tenant';
import { ScriptedTransport } from '../support/scripted-transport';
import { watchingService } from '../support/watching-service';

const TENANT = 'tenant-batch-life';
const OPS = 'a:ops-batch-life';
const HOUR = 3_600_000;

/**
 * What follows "Acknowledge all" and "Snooze all…" on consolidated cards, through the notification
 * service and the dev tenant (250 generated apps: 4 expired credentials, 8 expiring): the same as
 * for one alert acknowledged or snoozed on its own card. Acknowledged ones never remind; snoozed ones
 * remind once the snooze is over (again as one consolidated reminder); both resolve as before.
 */
describe('consolidated alerts acknowledged or snoozed all at once: reminders and resolution as for single alerts', function () {
  this.timeout(120_000);
  let devTenant: RunningDevTenant;
  let service: NotificationService;
  const transport = new ScriptedTransport();
  const clock = new VirtualClock(Date.now());
  const place = { tenantId: TENANT, conversationId: OPS, kind: 'personal' as const };
  /** The app cards the chat got since `from` (the shifted clock also makes the tenant's sync look stale: those are left out). */
  const appCards = (from = 0) =>
    transport.sent
      .slice(from)
      .filter((s) => s.conversationId === OPS && /apps? /.test(String(s.activity.summary)))
      .map((s) => ({ summary: String(s.activity.summary), text: cardText(s.activity), activity: s.activity }));
  const batchIdIn = (activity: Record<string, unknown>) =>
    JSON.stringify(activity).match(/"verb":"batch\.ack","batchId":"([0-9a-f]{16})"/)![1];
  const check = async () => {
    const result = await service.check(TENANT, { apps: true });
    assert.ok(result.ok, JSON.stringify(result));
    await service.idle();
  };

  before(async () => {
    devTenant = await startLargeTenant(250);
    service = watchingService(devTenant, clock, { store: new MemoryStore(), transport });
    await service.start();
    await service.observe(installationActivity('https://smba.trafficmanager.net/emea/', 'add', { conversationId: OPS, tenantId: TENANT }));
    assert.equal((await service.subscribe({ ...place, actor: USER })).outcome, 'subscribed');
  });
  after(async () => {
    await service?.stop();
    await devTenant?.close();
  });

  it('a day later: the acknowledged batch sends nothing, the batch snoozed for 8 hours reminds as one card', async () => {
    await check();
    const expiring = appCards().find((c) => /expiring within 30 days$/.test(c.summary))!;
    const expired = appCards().find((c) => /have an expired /.test(c.summary))!;
    assert.ok(
      expiring && expired,
      appCards()
        .map((c) => c.summary)
        .join('\n'),
    );
    assert.ok((await service.actOnBatch('batch.ack', place, USER, { batchId: batchIdIn(expiring.activity) })).card);
    const snoozed = await service.actOnBatch('batch.snooze', place, USER, {
      batchId: batchIdIn(expired.activity),
      hours: '8',
      reason: 'renewals booked for Monday',
    });
    assert.match(cardText(snoozed.card), /^Snoozed by Adele Vance at .* UTC until .* UTC: “renewals booked for Monday”$/m);

    const before = transport.sent.length;
    clock.advance(9 * HOUR);
    await check();
    assert.deepEqual(appCards(before), [], 'the snooze is over, but no reminder is due yet');
    clock.advance(15 * HOUR);
    await check();
    const reminders = appCards(before);
    assert.deepEqual(
      reminders.map((c) => c.summary.replace(/\d+/, 'N')),
      ['Reminder: N apps still have an expired client secret or certificate'],
    );
    assert.match(reminders[0].text, new RegExp(`^${expired.summary.match(/^\d+/)![0]} apps still have `, 'm'));
    assert.match(reminders[0].text, /^Acknowledge all$/m, 'a reminder card can be acted on in turn');
  });

  it('fixed: the acknowledged and the snoozed alerts resolve as one summary per code', async () => {
    devTenant.useScenario('healthy-hybrid');
    const before = transport.sent.length;
    for (let i = 0; i < 2; i++) {
      clock.advance(HOUR);
      await check();
    }
    assert.deepEqual(
      appCards(before)
        .map((c) => c.summary.replace(/\d+/, 'N'))
        .sort(),
      [
        'Resolved: N apps no longer have a client secret or certificate expiring within 30 days',
        'Resolved: N apps no longer have an expired client secret or certificate',
      ],
    );
  });
});
