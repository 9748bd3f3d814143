import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { keys } from '../../notifications/keys';
import { ConnectorDouble } from '../support/connector';
import type { Subscription } from '../../contract/notifications';
import type { Installation } from '../../notifications/types';
import { botAddedActivity, cardActionActivity, installationActivity, messageActivity, USER, type Chat } from '../support/activities';
import { MemoryStore } from '../../storage/memory';
import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';

const TENANT = 'tenant-n';
const PERSONAL = 'a:personal-n';
const CHANNEL = '19:general@thread.tacv2';
const GROUP = '19:group-n@thread.v2';
const KEY = 'integration-notify-key';

const IN_PERSONAL: Chat = { conversationId: PERSONAL, tenantId: TENANT };
const IN_GROUP: Chat = { conversationId: GROUP, tenantId: TENANT, scope: 'groupChat' };
/** The team's General channel (its id is the team's); `thread` is a reply thread in it. */
const inChannel = (thread = ''): Chat => ({
  conversationId: `${CHANNEL}${thread}`,
  tenantId: TENANT,
  scope: 'channel',
  team: { id: CHANNEL, name: 'Contoso IT' },
});

describe('notifications through the real CloudAdapter and a connector double', () => {
  let connector: ConnectorDouble;
  let app: TestApp;
  const store = new MemoryStore();

  const post = (body: unknown) => app.post(body);
  const notify = (body: unknown, auth = `Bearer ${KEY}`) =>
    fetch(`${app.server.url}/api/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    });
  const cardsTo = (conversationId: string) =>
    connector
      .sendsTo(conversationId)
      .flatMap((r) => ((r.activity.attachments as Array<{ content: unknown }> | undefined) ?? []).map((a) => a.content));

  before(async () => {
    connector = await new ConnectorDouble({ throttling: {} }).start();
    app = await startTestApp({ NOTIFY_API_KEY: KEY, WATCH_INTERVAL_MINUTES: '0' }, { store });
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
  });

  it('tracks installations from installationUpdate, conversationUpdate and messages (channel root id, latest serviceUrl)', async () => {
    assert.equal((await post(installationActivity('http://127.0.0.1:1/old', 'add', IN_PERSONAL))).status, 200);
    assert.equal((await post(botAddedActivity(connector.url, inChannel()))).status, 200);
    assert.equal((await post(botAddedActivity(connector.url, IN_GROUP))).status, 200);
    // A message brings the newer serviceUrl.
    await post(messageActivity(connector.url, 'help', IN_PERSONAL));
    const personal = (await store.get<Installation>(keys.installation(TENANT, PERSONAL)))!.value;
    assert.equal(personal.serviceUrl, connector.url);
    assert.equal(personal.kind, 'personal');
    const channel = (await store.get<Installation>(keys.installation(TENANT, CHANNEL)))!.value;
    assert.deepEqual([channel.kind, channel.team?.name], ['channel', 'Contoso IT']);
  });

  it('subscribes a personal chat, a channel (from a reply thread) and a group chat', async () => {
    await post(messageActivity(connector.url, 'subscribe', IN_PERSONAL));
    await post(messageActivity(connector.url, 'subscribe critical', { ...inChannel(';messageid=123'), mention: true }));
    await post(messageActivity(connector.url, 'subscribe', IN_GROUP));
    const subs = (await store.list<Subscription>(keys.subscriptions(TENANT))).map((s) => s.value);
    assert.deepEqual(
      subs.map((s) => [s.conversationId, s.minimumSeverity]).sort(),
      [
        [GROUP, 'warning'],
        [PERSONAL, 'warning'],
        [CHANNEL, 'critical'],
      ].sort(),
    );
    assert.match(
      cardText(connector.sendsTo(PERSONAL).at(-1)?.activity) + String(connector.sendsTo(PERSONAL).at(-1)?.activity.text),
      /Subscribed/,
    );
  });

  it('answers POST /api/notify without the bearer secret with 401', async () => {
    assert.equal((await notify({ tenantId: TENANT }, '')).status, 401);
    assert.equal((await notify({ tenantId: TENANT }, 'Bearer wrong')).status, 401);
  });

  it('delivers a stale-sync alert to each subscription that wants it; a 403 MessageWritesBlocked prunes the group chat', async () => {
    connector.goneFor(GROUP, {
      status: 403,
      body: {
        errorCode: 209,
        message: JSON.stringify({ subCode: 'MessageWritesBlocked', details: 'Thread is blocked from message writes.' }),
      },
    });
    app.devTenant.useScenario('stale-sync');
    const response = await notify({ tenantId: TENANT, action: 'check' });
    assert.equal(response.status, 200);
    const personalCard = await eventually(() => cardsTo(PERSONAL).find((c) => /Sync-health alert/.test(cardText(c))), 'the personal alert');
    assert.match(cardText(personalCard), /Acknowledge/);
    assert.match(cardText(personalCard), /Open status tab/);
    await eventually(
      async () => !(await store.get(keys.installation(TENANT, GROUP))) && !(await store.get(keys.subscription(TENANT, GROUP))),
      'the group chat to be pruned',
    );
  });

  it('does not send the same alert twice when checked again', async () => {
    const alerts = () => cardsTo(PERSONAL).filter((c) => /Sync-health alert/.test(cardText(c))).length;
    const before = cardsTo(PERSONAL).length;
    const alertsBefore = alerts();
    await notify({ tenantId: TENANT });
    await notify({ tenantId: TENANT, action: 'test' });
    await eventually(() => cardsTo(PERSONAL).some((c) => /Test alert/.test(cardText(c))), 'the test alert');
    assert.equal(alerts(), alertsBefore, 'no sync-health alert sent again');
    assert.equal(cardsTo(PERSONAL).length, before + 1, 'only the test alert is new');
  });

  it('Acknowledge (Action.Execute) answers with the acknowledged card; the message is then updated in place', async () => {
    const sent = connector.sendsTo(PERSONAL).find((r) => /Sync-health alert/.test(cardText(r.activity)))!;
    const data = (JSON.stringify(sent.activity).match(/"verb":"alert\.ack","alertId":"([0-9a-f]+)","episode":(\d+)/) ?? []).slice(1);
    const response = await post(
      cardActionActivity(
        connector.url,
        { verb: 'alert.ack', data: { alertId: data[0], episode: Number(data[1]) }, replyToId: sent.activityId },
        IN_PERSONAL,
      ),
    );
    assert.equal(response.status, 200);
    const body = (await response.json()) as { statusCode: number; type: string; value: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(body.value), /Acknowledged by Adele Vance at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.doesNotMatch(cardText(body.value), /Snooze…/);
    // The message itself is replaced through the outbox, after the invoke has answered.
    const put = await eventually(() => connector.sent.find((r) => r.method === 'PUT' && r.activityId === sent.activityId), 'the update');
    assert.match(cardText(put.activity), /Acknowledged by Adele Vance/);
  });

  it('the alert card refreshes by itself for the admin who subscribed the chat (refresh.userIds), also once acknowledged', async () => {
    const sent = connector.sendsTo(PERSONAL).find((r) => /Sync-health alert/.test(cardText(r.activity)))!;
    const cardOf = (activity: any): any => activity.attachments[0].content;
    assert.deepEqual(cardOf(sent.activity).refresh.userIds, [USER.id]);
    const put = connector.sent.find((r) => r.method === 'PUT' && r.activityId === sent.activityId);
    assert.ok(put, 'acknowledged above');
    assert.deepEqual(cardOf(put.activity).refresh.userIds, [USER.id]);
  });

  it('retries a 429 after Retry-After and a 502, then delivers once', async () => {
    connector.script(
      PERSONAL,
      { status: 429, body: { error: { code: 'Throttled' } }, headers: { 'retry-after': '1' } },
      { status: 502, body: {} },
    );
    const before = cardsTo(PERSONAL).length;
    await notify({ tenantId: TENANT, action: 'test' });
    await eventually(() => cardsTo(PERSONAL).length > before, 'the retried test alert');
    assert.equal(cardsTo(PERSONAL).length, before + 1);
  });

  it('sends "resolved" once the finding has been absent for two checks, and removes a conversation on uninstall', async () => {
    app.devTenant.useScenario('healthy-hybrid');
    await notify({ tenantId: TENANT });
    assert.ok(!cardsTo(PERSONAL).some((c) => /Resolved/.test(cardText(c))), 'one clean check is not enough');
    await notify({ tenantId: TENANT });
    await eventually(() => cardsTo(PERSONAL).find((c) => /^Resolved$/m.test(cardText(c))), 'the resolved card');
    await post(installationActivity(connector.url, 'remove', IN_PERSONAL));
    assert.equal(await store.get(keys.installation(TENANT, PERSONAL)), undefined);
    assert.equal(await store.get(keys.subscription(TENANT, PERSONAL)), undefined);
  });
});
