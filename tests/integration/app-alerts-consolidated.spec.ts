import { watchingService } from '../support/watching-service';
import assert from 'node:assert/strict';
import type { RunningDevTenant } from '../../devtenant/server';
import { VirtualClock } from '../../notifications/clock';
import { CONSOLIDATE_ABOVE } from '../../notifications/consolidate';
import { keys } from '../../notifications/keys';
import { type NotificationService } from '../../notifications/service';
import { tabNotificationsPort } from '../../notifications/tab-port';
import type { AlertRecord, OutboxItem } from '../../notifications/types';
import { MemoryStore } from '../../storage/memory';
import { cardText } from '../support/card-text';
import { ScriptedTransport } from '../support/scripted-transport';
import { installationActivity, USER } from '../support/activities';
import { startLargeTenant } from '../support/large-tenant';

const TENANT = 'tenant-flood';
const ADMIN = USER;
const OPS = 'a:ops';
const DIGEST = 'a:digest';
const CRITICAL_ONLY = 'a:critical-only';
const SYNC_ONLY = 'a:sync-only';
const HOUR = 3_600_000;

/** Records each delivered activity by conversation (the transport the other alert specs use, with what it carried). */
class RecordingTransport extends ScriptedTransport {
  readonly activities: Array<{ conversationId: string; text: string; summary: string; bytes: number; activity: Record<string, unknown> }> =
    [];
  override async send(item: Pick<OutboxItem, 'reference' | 'activity'>) {
    const outcome = await super.send(item);
    if (outcome.ok)
      this.activities.push({
        conversationId: item.reference.conversation.id,
        text: cardText(item.activity),
        summary: String(item.activity.summary),
        bytes: Buffer.byteLength(JSON.stringify(item.activity)),
        activity: item.activity,
      });
    return outcome;
  }
}

/**
 * A tenant's first apps read opens dozens of credential alerts (issue #15, "consolidate duplicates"):
 * the real watcher and sender against the dev tenant serving the `large` scenario's generator at
 * 1,500 apps. Each subscription hears one card per finding code instead of one per app, while each
 * app and finding keeps its own alert: acknowledged or excluded ones drop out of the consolidated
 * reminder, a crash or a second look at half-saved state sends nothing twice, one that comes back
 * alone is an ordinary alert, and the resolution of many is one summary.
 */
describe(`consolidated app alerts: more than ${CONSOLIDATE_ABOVE} of one code in one check go as one card`, function () {
  this.timeout(180_000);
  let devTenant: RunningDevTenant;
  let service: NotificationService;
  const transport = new RecordingTransport();
  const store = new MemoryStore();
  // 07:30 UTC tomorrow: the digest chat's 07:00 digest is due at the first check.
  const clock = new VirtualClock(Date.parse(new Date(Date.now() + 24 * HOUR).toISOString().slice(0, 10) + 'T07:30:00Z'));
  const place = (conversationId: string) => ({ tenantId: TENANT, conversationId, kind: 'personal' as const });

  const alerts = async (): Promise<AlertRecord[]> => (await store.list<AlertRecord>(keys.alerts(TENANT))).map((i) => i.value);
  const openOf = async (code: AlertRecord['code']) => (await alerts()).filter((a) => a.status === 'open' && a.code === code);
  const sentTo = (conversationId: string) => transport.activities.filter((a) => a.conversationId === conversationId);
  const checkApps = async () => {
    const result = await service.check(TENANT, { apps: true });
    assert.ok(result.ok, JSON.stringify(result));
    await service.idle();
    return result;
  };

  before(async () => {
    devTenant = await startLargeTenant(1_500);
    service = watchingService(devTenant, clock, { store, transport });
    await service.start();
    for (const conversationId of [OPS, DIGEST, CRITICAL_ONLY, SYNC_ONLY]) {
      await service.observe(installationActivity('https://smba.trafficmanager.net/emea/', 'add', { conversationId, tenantId: TENANT }));
      assert.equal((await service.subscribe({ ...place(conversationId), actor: ADMIN })).outcome, 'subscribed');
    }
    const settings = {
      [DIGEST]: { digest: true, digestHour: 7 },
      [CRITICAL_ONLY]: { minimumSeverity: 'critical' },
      [SYNC_ONLY]: { categories: ['sync'] },
    };
    for (const [conversationId, patch] of Object.entries(settings))
      assert.equal((await service.updateSettings(place(conversationId), ADMIN, patch as never)).outcome, 'saved');
  });
  after(async () => {
    await service?.stop();
    await devTenant?.close();
  });

  it('the first apps read: one card per code, naming the nearest ten and counting the rest, each alert tracked and told on its own', async () => {
    const result = await checkApps();
    const expiring = await openOf('app.credentialExpiring');
    const expired = await openOf('app.credentialExpired');
    const warned = (list: AlertRecord[]) => list.filter((a) => a.finding.severity !== 'info');
    assert.ok(warned(expiring).length > CONSOLIDATE_ABOVE + 10, `enough to consolidate: ${warned(expiring).length}`);
    assert.ok(result.ok && result.events.filter((e) => e.kind === 'opened').length >= expiring.length + expired.length);

    // The virtual clock runs ahead of the dev tenant: its sync looks hours old, and alerts on its own.
    const ops = sentTo(OPS).filter((a) => !/sync/i.test(a.summary));
    assert.equal(ops.length, 2, ops.map((a) => a.summary).join('\n'));
    const [soon, gone] = [ops.find((a) => /expiring within 30 days/.test(a.summary)), ops.find((a) => /expired/.test(a.summary))];
    assert.ok(soon && gone, ops.map((a) => a.summary).join('\n'));
    assert.match(
      soon.text,
      new RegExp(
        `^${warned(expiring).length} apps (still )?have an? (client secret|certificate|client secret or certificate) expiring within 30 days$`,
        'm',
      ),
    );
    assert.match(soon.text, new RegExp(`^and ${warned(expiring).length - 10} more$`, 'm'));
    const days = [...soon.text.matchAll(/^expires (\d{4}-\d\d-\d\d) \(in /gm)].map((m) => m[1]);
    assert.equal(days.length, 10, soon.text);
    assert.deepEqual(days, [...days].sort(), 'the nearest expiry first');
    assert.match(gone.text, new RegExp(`^${warned(expired).length} apps have an expired `, 'm'));
    const actions = (soon.activity.attachments as Array<{ content: { actions: Array<{ type: string; title: string }> } }>)[0].content
      .actions;
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Acknowledge all', 'Snooze all…', 'Open the apps view', 'Learn how to fix it'],
    );
    const button = actions.find((a) => a.type === 'Action.OpenUrl');
    assert.deepEqual(button, { type: 'Action.OpenUrl', title: 'Open the apps view', url: 'https://example.test/tab/?view=apps' });
    for (const card of ops) assert.ok(card.bytes < 14 * 1024, `${card.bytes} bytes, half of Teams' 28 KB at most`);

    // Tracked one by one: every listed alert was told to the ops chat, the info-only ones (replaced credentials) to nobody.
    for (const alert of warned([...expiring, ...expired])) assert.ok(alert.notified[OPS], alert.finding.title);
    // The dev tenant's sync looks as old as the virtual clock is ahead (up to 31 hours, by the time of day the suite runs):
    // critical from 24 hours on, so only the app alerts are counted here, as for the other chats.
    const criticalApps = sentTo(CRITICAL_ONLY).filter((a) => !/sync/i.test(a.summary));
    assert.equal(
      criticalApps.length,
      0,
      `no app alert is critical here: the minimum severity holds (${criticalApps.map((a) => a.summary)})`,
    );
    assert.deepEqual(
      sentTo(SYNC_ONLY).filter((a) => !/sync/i.test(a.summary)),
      [],
      'the apps category is off: its sync alerts only',
    );
    const digest = sentTo(DIGEST);
    assert.equal(digest.length, 1, 'the digest chat gets its one digest and no alert card');
    assert.match(digest[0].summary, /^Daily digest/);
    assert.ok(digest[0].bytes < 28 * 1024, `the digest is ${digest[0].bytes} bytes`);
  });

  it('a crash before the alerts were saved, or a second look while they were half saved, sends nothing twice', async () => {
    const before = transport.activities.length;
    const saved = await store.list<AlertRecord>(keys.alerts(TENANT));
    // As if the check died after the outbox write: the alert state is the one before it.
    for (const { key } of saved) await store.delete(key);
    await checkApps();
    assert.equal(transport.activities.length, before, 'the same batches, stored once');
    // As if another instance listed the alerts while this one was saving them: half told, half not.
    for (const [i, { key, value }] of saved.entries()) {
      const current = await store.get<AlertRecord>(key);
      if (i % 2 === 0) await store.put(key, { ...value, notified: {} }, { ifMatch: current!.etag });
    }
    await checkApps();
    assert.equal(transport.activities.length, before, 'the half already listed is not listed again');
  });

  it('24 hours later: one consolidated reminder per code, without the acknowledged and the excluded app', async () => {
    const expiring = (await openOf('app.credentialExpiring')).filter((a) => a.notified[OPS]);
    const [acknowledged, excluded] = expiring;
    assert.ok((await service.act('alert.ack', place(OPS), acknowledged.id, ADMIN)).card);
    const tab = tabNotificationsPort(store, () => clock.now());
    await tab.exclude(
      TENANT,
      { scope: 'app', code: excluded.code, subject: excluded.subject, reason: 'vendor rotates this secret', expiresInDays: 7 },
      { userId: ADMIN.aadObjectId, name: ADMIN.name },
    );
    await service.idle();
    const before = sentTo(OPS).length;
    clock.advance(24 * HOUR);
    await checkApps();
    const reminders = sentTo(OPS)
      .slice(before)
      .filter((a) => a.summary.startsWith('Reminder'));
    const soon = reminders.filter((a) => /expiring within 30 days/.test(a.summary));
    assert.equal(soon.length, 1, reminders.map((a) => a.summary).join('\n'));
    assert.match(soon[0].text, /^Reminder: still open$/m);
    const reminded = (await openOf('app.credentialExpiring')).filter((a) => a.notified[OPS]?.reminders === 1);
    assert.ok(!reminded.some((a) => a.id === acknowledged.id || a.id === excluded.id));
    assert.match(soon[0].text, new RegExp(`^${reminded.length} apps still have `, 'm'));
    const named = (a: AlertRecord) => String(a.finding.evidence.appName);
    assert.doesNotMatch(soon[0].text, new RegExp(`^${named(acknowledged)}$|^${named(excluded)}$`, 'm'));
  });

  it('one alert that comes back alone later is an ordinary alert card with its own buttons', async () => {
    const [one] = (await openOf('app.credentialExpiring')).filter((a) => a.notified[OPS] && a.finding.severity === 'warning');
    const key = keys.alert(TENANT, one.id);
    const current = await store.get<AlertRecord>(key);
    // Fixed a week ago and expiring again now: a new episode of one alert.
    await store.put(key, { ...one, status: 'resolved', resolvedAt: clock.now() - 7 * 24 * HOUR }, { ifMatch: current!.etag });
    const before = sentTo(OPS).length;
    await checkApps();
    // (A credential that expired meanwhile may resolve its expiring alert: a single "Resolved" card, as ever.)
    const sent = sentTo(OPS)
      .slice(before)
      .filter((a) => a.summary.startsWith('Alert') || /apps/.test(a.summary));
    assert.equal(sent.length, 1, sent.map((a) => a.summary).join('\n'));
    assert.equal(sent[0].summary, `Alert: ${one.finding.title}`);
    assert.match(sent[0].text, /^Acknowledge$/m);
  });

  it('fixed (the apps renewed): after two apps reads one "resolved" summary per code', async () => {
    devTenant.useScenario('healthy-hybrid');
    const before = sentTo(OPS).length;
    for (let i = 0; i < 2; i++) {
      clock.advance(HOUR);
      await checkApps();
    }
    assert.deepEqual(await openOf('app.credentialExpiring'), []);
    const sent = sentTo(OPS).slice(before);
    assert.equal(sent.length, 2, sent.map((a) => a.summary).join('\n'));
    for (const card of sent) {
      assert.match(card.text, /^Resolved$/m);
      assert.match(card.summary, /^Resolved: \d+ apps no longer have /);
    }
  });
});
