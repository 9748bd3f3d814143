import assert from 'node:assert/strict';
import type { RunningDevTenant } from '../../devtenant/server';
import { keys } from '../../notifications/keys';
import type { AlertRecord, OutboxItem } from '../../notifications/types';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import { ScriptedTransport } from '../support/scripted-transport';
import { installationActivity, USER } from '../support/activities';
import { azureInstances, ShiftedClock } from '../support/azure-notifications';
import { startLargeTenant } from '../support/large-tenant';
import { eventually as poll } from '../support/eventually';

/** Azurite's leases and queue take longer than the memory store: 20 s of patience. */
const eventually = <T>(read: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> => poll(read, what, 800);

const TENANT = 'tenant-az-batch';
const ADMIN = USER;
const OPS = 'a:ops';
const HOUR = 3_600_000;

/**
 * A consolidated app alert with two instances behind a load balancer on one storage account
 * (Azurite): both read the apps of a 1,500-app tenant at the same moment, and the chat gets one card
 * per finding code, once; fresh instances after a restart send nothing again; a day later, both
 * checking at once, one consolidated reminder per code; "Acknowledge all" on one instance acts on what
 * the other sent, and the day after neither reminds those alerts again.
 */
describe('consolidated app alerts with two instances on Azure Storage (Azurite): once per code, across a restart', function () {
  this.timeout(180_000);
  let azurite: RunningAzurite;
  let devTenant: RunningDevTenant;
  const clock = new ShiftedClock();
  const transport = new ScriptedTransport();
  const { storeOf, instance, running } = azureInstances('batch', { azurite: () => azurite, devTenant: () => devTenant, clock, transport });
  const summaries = () => transport.sent.map((s) => ({ conversationId: s.conversationId, summary: String(s.activity.summary) }));
  const apps = () => summaries().filter((a) => a.conversationId === OPS && /\d+ apps /.test(a.summary));
  const told = async () =>
    (await storeOf().list<AlertRecord>(keys.alerts(TENANT)))
      .map((i) => i.value)
      .filter((a) => a.code.startsWith('app.') && a.notified[OPS]);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000)); // a duplicate would arrive by now

  before(async () => {
    azurite = await startAzurite();
    devTenant = await startLargeTenant(1_500);
  });
  after(async () => {
    for (const service of running) await service.stop().catch(() => undefined);
    await devTenant?.close();
    await azurite?.stop();
  });

  it('both instances read the apps at the same moment: one card per code, each sent once, every app told', async () => {
    const [one, two] = [await instance(), await instance()];
    await one.observe(installationActivity('https://smba.trafficmanager.net/emea/', 'add', { conversationId: OPS, tenantId: TENANT }));
    assert.equal((await two.subscribe({ tenantId: TENANT, conversationId: OPS, kind: 'personal', actor: ADMIN })).outcome, 'subscribed');
    const results = await Promise.all([one.check(TENANT, { apps: true }), two.check(TENANT, { apps: true })]);
    assert.ok(
      results.every((r) => r.ok),
      JSON.stringify(results),
    );
    await eventually(() => apps().length >= 2, 'the expiring and the expired card');
    await settle();
    assert.deepEqual(
      apps()
        .map((a) => a.summary.replace(/^\d+/, 'N'))
        .sort(),
      ['N apps have a client secret or certificate expiring within 30 days', 'N apps have an expired client secret or certificate'],
    );
    const listed = apps().reduce((sum, a) => sum + Number(a.summary.match(/^\d+/)![0]), 0);
    assert.equal(listed, (await told()).length, 'every told app alert is listed on exactly one card');
  });

  it('fresh instances after a restart, checking at once: nothing sent again; a day later one consolidated reminder per code', async () => {
    for (const service of running.splice(0)) await service.stop();
    const [three, four] = [await instance(), await instance()];
    const before = summaries().length;
    await Promise.all([three.check(TENANT, { apps: true }), four.check(TENANT, { apps: true })]);
    await settle();
    assert.deepEqual(summaries().slice(before), [], 'the same alerts, already told');

    clock.offset = 24 * HOUR + 60_000;
    await Promise.all([three.check(TENANT, { apps: true }), four.check(TENANT, { apps: true })]);
    await eventually(
      () =>
        summaries()
          .slice(before)
          .filter((a) => a.summary.startsWith('Reminder: ')).length >= 2,
      'the reminders',
    );
    await settle();
    const reminders = summaries()
      .slice(before)
      .filter((a) => a.summary.startsWith('Reminder: '));
    assert.equal(reminders.length, 2, reminders.map((a) => a.summary).join('\n'));
    assert.ok(reminders.every((a) => / apps still have /.test(a.summary)));
  });

  it('Acknowledge all on one instance, whichever sent the card: every listed alert acknowledged, the card replaced once; a day later only the other code reminds', async () => {
    const [three, four] = running;
    const reminder = transport.sent
      .filter((s) => s.conversationId === OPS && /^Reminder: .* expiring within/.test(String(s.activity.summary)))
      .at(-1)!;
    const batchId = JSON.stringify(reminder.activity).match(/"verb":"batch\.ack","batchId":"([0-9a-f]{16})"/)![1];
    const place = { tenantId: TENANT, conversationId: OPS, kind: 'personal' as const };
    const result = await four.actOnBatch('batch.ack', place, ADMIN, { batchId });
    assert.ok(result.card, JSON.stringify(result));
    const acknowledged = (await told()).filter((a) => a.acknowledged);
    const listed = Number(String(reminder.activity.summary).match(/(\d+) apps/)![1]);
    assert.equal(acknowledged.length, listed, 'each listed alert, on the shared storage');
    assert.ok(acknowledged.every((a) => a.code === 'app.credentialExpiring' && a.acknowledged!.by === ADMIN.name));
    const updates = await eventually(async () => {
      const items = (await storeOf().list<OutboxItem>(keys.outbox(TENANT))).map((i) => i.value).filter((i) => i.kind === 'update');
      return items.length && items.every((i) => i.status === 'sent') ? items : undefined;
    }, 'the card replaced');
    assert.equal(updates.length, 1, 'one replacement of the one message');

    const before = summaries().length;
    clock.offset = 48 * HOUR + 120_000;
    await Promise.all([three.check(TENANT, { apps: true }), four.check(TENANT, { apps: true })]);
    // The shifted clock makes the tenant's sync look two days old too: its own reminders are left out.
    const appReminders = () =>
      summaries()
        .slice(before)
        .filter((a) => /^Reminder: \d+ apps /.test(a.summary));
    await eventually(() => appReminders().length > 0, 'the next reminder');
    await settle();
    const next = appReminders();
    assert.deepEqual(
      next.map((a) => a.summary.replace(/\d+/, 'N')),
      ['Reminder: N apps still have an expired client secret or certificate'],
    );
  });
});
