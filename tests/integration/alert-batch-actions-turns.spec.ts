import assert from 'node:assert/strict';
import { MAX_BATCH_ACTION_BYTES } from '../../contract/alert-rules';
import type { BatchRecord } from '../../notifications/batches';
import { keys } from '../../notifications/keys';
import type { AlertRecord } from '../../notifications/types';
import { MemoryStore } from '../../storage/memory';
import { botAddedActivity, cardActionActivity, messageActivity, type Chat } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { actionsOf, assertSnoozeForm, type CardAction } from '../support/card-actions';
import { cardText } from '../support/card-text';
import { ConnectorDouble, type Received } from '../support/connector';
import { eventually } from '../support/eventually';
import { largeScenarioFile } from '../support/large-tenant';

const TENANT = 'tenant-batch-actions';
const CHAT: Chat = { conversationId: 'a:personal-batch', tenantId: TENANT };
const OTHER: Chat = { conversationId: 'a:other-batch', tenantId: TENANT };
const KEY = 'batch-notify-key';

type InvokeBody = { statusCode: number; type: string; value: unknown };

const contentOf = (activity: Record<string, unknown>) =>
  (activity.attachments as Array<{ content: { actions: CardAction[] } & Record<string, unknown> }>)[0].content;

/**
 * "Acknowledge all" and "Snooze all…" on a consolidated alert card (issue #15), through the real
 * adapter: the adaptiveCard/action invokes Teams posts for the card's Action.Execute buttons, and
 * the Action.Submit fallback as a message. The dev tenant serves 250 generated apps: 4 with an expired
 * credential and 8 with one expiring, so each chat gets one consolidated card per code.
 */
describe('consolidated alert card: Acknowledge all and Snooze all… act on every alert it lists', function () {
  this.timeout(60_000);
  let connector: ConnectorDouble;
  let app: TestApp;
  const store = new MemoryStore();
  const batchSentTo = (chat: Chat, title: RegExp): Received =>
    connector.sendsTo(chat.conversationId!).find((r) => title.test(String(r.activity.summary)))!;
  const EXPIRING = /^\d+ apps have a .* expiring within 30 days$/;
  const EXPIRED = /^\d+ apps have an expired /;
  const batchIdOf = (received: Received) =>
    String(actionsOf(contentOf(received.activity)).find((a) => a.verb === 'batch.ack')!.data!.batchId);
  const recordOf = async (received: Received) => (await store.get<BatchRecord>(keys.batch(TENANT, batchIdOf(received))))!.value;
  const listedAlerts = async (received: Received): Promise<AlertRecord[]> =>
    Promise.all((await recordOf(received)).members.map(async (m) => (await store.get<AlertRecord>(keys.alert(TENANT, m.alertId)))!.value));
  const snapshotOfAlerts = async () => JSON.stringify(await store.list(keys.alerts(TENANT)));

  const click = async (chat: Chat, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<InvokeBody> => {
    const response = await app.post(cardActionActivity(connector.url, { verb, data, ...(replyToId ? { replyToId } : {}) }, chat));
    assert.equal(response.status, 200);
    return (await response.json()) as InvokeBody;
  };

  before(async () => {
    connector = await new ConnectorDouble().start();
    const scenario = largeScenarioFile(250);
    try {
      app = await startTestApp({ NOTIFY_API_KEY: KEY, WATCH_INTERVAL_MINUTES: '0', DEV_TENANT_SCENARIO: scenario.file }, { store });
    } finally {
      scenario.remove();
    }
    for (const chat of [CHAT, OTHER]) {
      await app.post(botAddedActivity(connector.url, chat));
      await app.post(messageActivity(connector.url, 'subscribe', chat));
    }
    await app.checkNow(TENANT);
    await eventually(
      () => [CHAT, OTHER].every((chat) => batchSentTo(chat, EXPIRING) && batchSentTo(chat, EXPIRED)),
      'both consolidated cards in both chats',
    );
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
  });

  it('offers Acknowledge all and Snooze all… (1 h, 8 h, 24 h, 7 days, a required reason) whose data is only the consolidated alert’s id', async () => {
    const sent = batchSentTo(CHAT, EXPIRING);
    const card = contentOf(sent.activity);
    const titles = card.actions.map((a) => a.title);
    assert.deepEqual(titles.slice(0, 2), ['Acknowledge all', 'Snooze all…']);
    assertSnoozeForm(card.actions.find((a) => a.title === 'Snooze all…')!);
    for (const action of actionsOf(card).filter((a) => a.verb?.startsWith('batch.'))) {
      assert.deepEqual(Object.keys(action.data!).sort(), ['batchId', 'verb']);
      assert.match(String(action.data!.batchId), /^[0-9a-f]{16}$/);
    }
    const record = await recordOf(sent);
    assert.equal(record.conversationId, CHAT.conversationId);
    assert.equal(record.members.length, Number(String(sent.activity.summary).match(/^\d+/)![0]), 'the record lists what the card counts');
    assert.notEqual(batchIdOf(batchSentTo(OTHER, EXPIRING)), batchIdOf(sent), 'each chat’s card has an id of its own');
  });

  it('refuses forged or broken payloads with an error naming the problem, and changes nothing', async () => {
    const before = await snapshotOfAlerts();
    const mine = batchIdOf(batchSentTo(CHAT, EXPIRING));
    const others = batchIdOf(batchSentTo(OTHER, EXPIRING));
    const cases: Array<[string, Record<string, unknown>, number, RegExp]> = [
      ['batch.ack', { batchId: 'ffffffffffffffff' }, 404, /^No consolidated alert ffffffffffffffff is tracked in this tenant/],
      ['batch.ack', { batchId: others }, 403, /posted in another chat/],
      ['batch.ack', { batchId: 42 }, 400, /^That consolidated alert action is not valid: batchId: /],
      ['batch.ack', { batchId: '../alerts/x' }, 400, /batchId: not a consolidated alert id/],
      ['batch.ack', {}, 400, /batchId: /],
      ['batch.ack', { batchId: mine, alertIds: ['a', 'b'] }, 400, /alertIds/],
      ['batch.snooze', { batchId: mine, hours: '8' }, 400, /^That snooze is not valid: reason: /],
      ['batch.snooze', { batchId: mine, hours: '8', reason: '  ' }, 400, /^That snooze is not valid: reason: /],
      ['batch.snooze', { batchId: mine, hours: '200', reason: 'too long' }, 400, /^That snooze is not valid: hours: /],
      ['batch.snooze', { batchId: mine, hours: ['8'], reason: 'patching' }, 400, /hours: /],
      ['batch.snooze', { batchId: mine, reason: 'x'.repeat(MAX_BATCH_ACTION_BYTES) }, 413, /carries \d+ bytes; it carries at most 4096/],
      ['batch.purge', { batchId: mine }, 400, /^Unknown consolidated alert action "batch\.purge"/],
    ];
    for (const [verb, data, status, message] of cases) {
      const body = await click(CHAT, verb, data);
      assert.equal(body.type, 'application/vnd.microsoft.error', `${verb} ${JSON.stringify(data).slice(0, 60)}`);
      assert.equal(body.statusCode, status, JSON.stringify(body.value));
      assert.match((body.value as { message: string }).message, message);
    }
    assert.equal(await snapshotOfAlerts(), before, 'no alert changed');
    // The chat still answers.
    await app.post(messageActivity(connector.url, 'help', CHAT));
    await eventually(() => connector.sendsTo(CHAT.conversationId!).some((r) => /help/i.test(cardText(r.activity))), 'help');
  });

  it('Acknowledge all: the card says who and when, in place for the whole chat, and every listed alert is acknowledged as if one by one', async () => {
    const sent = batchSentTo(CHAT, EXPIRING);
    const body = await click(CHAT, 'batch.ack', { batchId: batchIdOf(sent) }, sent.activityId);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    const text = cardText(body.value);
    assert.match(text, /^Acknowledged by Adele Vance at \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);
    const listed = await listedAlerts(sent);
    assert.match(text, new RegExp(`^${listed.length} of the ${listed.length} listed acknowledged now`, 'm'));
    assert.doesNotMatch(text, /Acknowledge all|Snooze all/, 'nothing left to act on');
    assert.ok(listed.every((a) => a.acknowledged?.by === 'Adele Vance'));
    assert.equal(new Set(listed.map((a) => a.acknowledged!.at)).size, 1, 'all at the moment of the click');
    const update = await eventually(
      () => connector.sent.find((r) => r.method === 'PUT' && r.activityId === sent.activityId),
      'the message replaced for everyone in the chat',
    );
    assert.match(cardText(update.activity), /^Acknowledged by Adele Vance at /m);
    const again = await click(CHAT, 'batch.ack', { batchId: batchIdOf(sent) }, sent.activityId);
    assert.match(cardText(again.value), /^Acknowledged by Adele Vance at /m);
    assert.deepEqual(
      (await listedAlerts(sent)).map((a) => a.acknowledged),
      listed.map((a) => a.acknowledged),
      'a second click changes nothing',
    );
    // The other chat's card lists the same alerts: acknowledging there records its own click, and says the alerts were acknowledged before.
    const other = batchSentTo(OTHER, EXPIRING);
    const there = await click(OTHER, 'batch.ack', { batchId: batchIdOf(other) }, other.activityId);
    assert.match(
      cardText(there.value),
      new RegExp(
        `^0 of the ${listed.length} listed acknowledged now \\(the other ${listed.length} were acknowledged before, or resolved\\)`,
        'm',
      ),
    );
  });

  it('Snooze all… for 8 hours with a reason, from the Action.Submit fallback: the card is replaced in place and each alert is snoozed', async () => {
    const sent = batchSentTo(CHAT, EXPIRED);
    const activity = messageActivity(connector.url, '', CHAT);
    delete activity.text;
    Object.assign(activity, {
      replyToId: sent.activityId,
      value: { verb: 'batch.snooze', batchId: batchIdOf(sent), hours: '8', reason: 'certificates renewed in Friday’s change window' },
    });
    assert.equal((await app.post(activity)).status, 200);
    const update = await eventually(
      () => connector.sent.find((r) => r.method === 'PUT' && r.activityId === sent.activityId),
      'the card replaced',
    );
    assert.match(
      cardText(update.activity),
      /^Snoozed by Adele Vance at \d{4}-\d\d-\d\d \d\d:\d\d UTC until \d{4}-\d\d-\d\d \d\d:\d\d UTC: “certificates renewed in Friday’s change window”$/m,
    );
    for (const alert of await listedAlerts(sent)) {
      assert.equal(alert.snoozed!.until - alert.snoozed!.at!, 8 * 3_600_000);
      assert.equal(alert.snoozed!.reason, 'certificates renewed in Friday’s change window');
    }
  });
});
