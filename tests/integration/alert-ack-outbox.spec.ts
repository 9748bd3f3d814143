import assert from 'node:assert/strict';
import { keys } from '../../notifications/keys';
import { isSettled } from '../../notifications/outbox';
import type { OutboxItem } from '../../notifications/types';
import { MemoryStore } from '../../storage/memory';
import { botAddedActivity, cardActionActivity, messageActivity, type Chat } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { cardText } from '../support/card-text';
import { ConnectorDouble, type Fault } from '../support/connector';
import { eventually } from '../support/eventually';

const TENANT = 'tenant-ack';
const PERSONAL = 'a:personal-ack';
const GROUPS = ['19:ops-ack@thread.v2', '19:identity-ack@thread.v2', '19:helpdesk-ack@thread.v2'];
const KEY = 'ack-notify-key';
const THROTTLED: Fault = {
  status: 429,
  body: { error: { code: 'Throttled', message: 'Too many requests' } },
  headers: { 'retry-after': '1' },
};

/** The chat a conversation id stands for: the personal chat, or one of the group chats. */
const chat = (conversationId: string): Chat => ({
  conversationId,
  tenantId: TENANT,
  scope: conversationId === PERSONAL ? 'personal' : 'groupChat',
});

/**
 * Acknowledge on one copy of an alert that went to several chats: the invoke answers with the
 * acknowledged card; every copy is then replaced through the outbox (Teams' rate limits, Retry-After),
 * not by connector calls inside the click's invoke, which has seconds to answer and no retries.
 */
describe('Acknowledge replaces every copy of the alert through the outbox', () => {
  let connector: ConnectorDouble;
  let app: TestApp;
  const store = new MemoryStore();
  const conversations = [PERSONAL, ...GROUPS];
  const alertSentTo = (conversationId: string) =>
    connector.sendsTo(conversationId).find((r) => /Sync-health alert/.test(cardText(r.activity)));

  before(async () => {
    connector = await new ConnectorDouble({ throttling: {} }).start();
    app = await startTestApp({ NOTIFY_API_KEY: KEY, WATCH_INTERVAL_MINUTES: '0' }, { store });
    for (const conversationId of conversations) {
      await app.post(botAddedActivity(connector.url, chat(conversationId)));
      await app.post(messageActivity(connector.url, 'subscribe', chat(conversationId)));
    }
    app.devTenant.useScenario('stale-sync');
    await app.checkNow(TENANT);
    await eventually(() => conversations.every((id) => alertSentTo(id)), 'the alert in every chat');
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
  });

  it('answers the click with the acknowledged card, then updates all four copies from the outbox although the connector throttles each first update', async () => {
    const clicked = alertSentTo(GROUPS[0]!)!;
    const [alertId, episode] = (
      JSON.stringify(clicked.activity).match(/"verb":"alert\.ack","alertId":"([0-9a-f]+)","episode":(\d+)/) ?? []
    ).slice(1);
    assert.ok(alertId, 'the card carries its alert id');
    for (const conversationId of conversations) connector.script(conversationId, THROTTLED);

    const response = await app.post(
      cardActionActivity(
        connector.url,
        { verb: 'alert.ack', data: { alertId, episode: Number(episode) }, replyToId: clicked.activityId },
        chat(GROUPS[0]!),
      ),
    );
    assert.equal(response.status, 200);
    const body = (await response.json()) as { type: string; value: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(body.value), /Acknowledged by Adele Vance/);

    for (const conversationId of conversations) {
      const original = alertSentTo(conversationId)!;
      const update = await eventually(
        () => connector.sent.find((r) => r.method === 'PUT' && r.conversationId === conversationId && r.activityId === original.activityId),
        `the update in ${conversationId}`,
      );
      assert.match(cardText(update.activity), /Acknowledged by Adele Vance/);
    }
    // The connector double sees each PUT before the sender has its answer and stores the verdict: wait for the verdicts.
    const updates = await eventually(async () => {
      const items = (await store.list<OutboxItem>(keys.outbox(TENANT))).map((e) => e.value).filter((item) => item.kind === 'update');
      return items.length >= conversations.length && items.every(isSettled) && items;
    }, 'the verdict on every update');
    assert.equal(updates.length, conversations.length, 'one outbox item per copy');
    // botbuilder's connector client retries a 429 itself; the outbox records the sender's verdict on the final answer.
    assert.ok(updates.every((item) => item.status === 'sent' && item.replaces === alertSentTo(item.conversationId)?.activityId));
  });
});
