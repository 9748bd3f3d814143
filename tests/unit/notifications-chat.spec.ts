import assert from 'node:assert/strict';
import type { Actor } from '../../contract/card-action';
import type { ChatPlace } from '../../contract/notifications';
import type { RoleChecker } from '../../identity/tenant/admin-roles';
import { openedAlert } from '../../notifications/alert-state';
import { VirtualClock } from '../../notifications/clock';
import { keys } from '../../notifications/keys';
import { NotificationService } from '../../notifications/service';
import { testFinding } from '../../notifications/watcher';
import { silentLogger } from '../../platform/logger';
import { MemoryStore } from '../../storage/memory';
import { installationActivity, USER } from '../support/activities';
import { cardText } from '../support/card-text';
import { ScriptedTransport } from '../support/scripted-transport';

const TENANT = 't';
const ADMIN: Actor = USER;
const READER: Actor = { id: '29:reader', name: 'Megan Bowen', aadObjectId: '00000000-0000-4000-8000-000000000002' };
const PERSONAL: ChatPlace = { tenantId: TENANT, conversationId: 'a:adele', kind: 'personal' };
const CHANNEL: ChatPlace = { tenantId: TENANT, conversationId: '19:general@thread.tacv2', kind: 'channel' };

/** Adele is an admin; anyone else lacks the role. */
const roles: RoleChecker = {
  canManage: async (_tenantId, user) =>
    user.id === ADMIN.id ? { allowed: true, reason: 'Global Administrator' } : { allowed: false, reason: 'you are not an admin' },
};

function service(store = new MemoryStore()): NotificationService {
  return new NotificationService({
    store,
    snapshots: {} as never,
    transport: new ScriptedTransport(),
    roles,
    tabUrl: 'https://example.test/tab/',
    watchIntervalMinutes: 0,
    clock: new VirtualClock(),
    logger: silentLogger,
  });
}

describe('notifications: what a chat may do (the ChatNotifications port)', () => {
  it('subscribes a personal chat labelled from its installation (a reminder a day, no digest by default); subscribing again keeps what was chosen', async () => {
    const notifications = service();
    await notifications.observe(
      installationActivity('https://smba.trafficmanager.net/emea/', 'add', { conversationId: PERSONAL.conversationId, tenantId: TENANT }),
    );
    const first = await notifications.subscribe({ ...PERSONAL, actor: ADMIN, minimumSeverity: 'critical' });
    assert.equal(first.outcome, 'subscribed');
    const again = await notifications.subscribe({ ...PERSONAL, actor: READER });
    assert.ok(again.outcome === 'subscribed');
    const { label, minimumSeverity, reminderHours, digest } = again.subscription;
    assert.deepEqual(
      { label, minimumSeverity, reminderHours, digest },
      {
        label: 'Personal chat with Adele Vance',
        minimumSeverity: 'critical',
        reminderHours: 24,
        digest: false,
      },
    );
  });

  it('in a channel only an admin may subscribe, change settings or unsubscribe; the refusal says why and changes nothing', async () => {
    const notifications = service();
    assert.deepEqual(await notifications.subscribe({ ...CHANNEL, actor: READER }), {
      outcome: 'forbidden',
      reason: 'you are not an admin',
    });
    assert.equal(await notifications.subscription(CHANNEL), undefined);
    assert.equal((await notifications.subscribe({ ...CHANNEL, actor: ADMIN })).outcome, 'subscribed');
    assert.equal((await notifications.updateSettings(CHANNEL, READER, { digest: true })).outcome, 'forbidden');
    assert.equal((await notifications.unsubscribe(CHANNEL, READER)).outcome, 'forbidden');
    assert.equal((await notifications.subscription(CHANNEL))?.digest, false);
  });

  it('settings are saved for a subscribed chat and refused for one without a subscription; unsubscribing twice says so', async () => {
    const notifications = service();
    assert.deepEqual(await notifications.updateSettings(PERSONAL, READER, { digest: true }), { outcome: 'not-subscribed' });
    await notifications.subscribe({ ...PERSONAL, actor: READER });
    const saved = await notifications.updateSettings(PERSONAL, READER, { reminderHours: 0, digest: true });
    assert.ok(saved.outcome === 'saved');
    assert.deepEqual([saved.subscription.reminderHours, saved.subscription.digest], [0, true]);
    assert.deepEqual(await notifications.unsubscribe(PERSONAL, READER), { outcome: 'unsubscribed' });
    assert.deepEqual(await notifications.unsubscribe(PERSONAL, READER), { outcome: 'not-subscribed' });
  });

  describe('alert card actions', () => {
    const now = Date.parse('2026-01-15T12:00:00Z');
    const stored = async (): Promise<{ notifications: NotificationService; alertId: string }> => {
      const store = new MemoryStore();
      const alert = openedAlert('abc', TENANT, { ...testFinding(now), title: 'Directory sync last ran 7 hours ago' }, now);
      await store.put(keys.alert(TENANT, alert.id), alert);
      return { notifications: service(store), alertId: alert.id };
    };

    it('Acknowledge by an admin comes back as the acknowledged card, without the buttons', async () => {
      const { notifications, alertId } = await stored();
      const result = await notifications.act('alert.ack', CHANNEL, alertId, ADMIN);
      assert.match(cardText(result.card), /Acknowledged by Adele Vance at 2026-01-15 12:00 UTC/);
      assert.doesNotMatch(cardText(result.card), /Snooze…/);
    });

    it('Snooze by someone without the role in a channel is refused with the reason; the alert stays as it was', async () => {
      const { notifications, alertId } = await stored();
      assert.deepEqual(await notifications.act('alert.snooze', CHANNEL, alertId, READER), { message: 'Sorry, you are not an admin.' });
      // A snoozed alert keeps its buttons too: only the state line tells.
      const after = cardText((await notifications.act('alert.refresh', CHANNEL, alertId, READER)).card);
      assert.doesNotMatch(after, /Snoozed by/);
      assert.match(after, /Snooze…/);
    });

    it('Refresh shows anyone the current card; an alert no longer tracked says so', async () => {
      const { notifications, alertId } = await stored();
      assert.match(
        cardText((await notifications.act('alert.refresh', CHANNEL, alertId, READER)).card),
        /Directory sync last ran 7 hours ago/,
      );
      assert.deepEqual(await notifications.act('alert.ack', CHANNEL, 'gone', ADMIN), { message: 'This alert is no longer tracked.' });
    });
  });
});
