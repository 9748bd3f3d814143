import assert from 'node:assert/strict';
import { botAddedActivity, messageActivity } from '../support/activities';
import { useAppWithConnector, type TestApp } from '../support/app';
import type { ConnectorDouble } from '../support/connector';
import { cardText } from '../support/card-text';

describe('bot turns through the real CloudAdapter (demo mode)', () => {
  const harness = useAppWithConnector();
  let app: TestApp;
  let connector: ConnectorDouble;
  beforeEach(() => ({ app, connector } = harness));

  it('greets with the welcome card when the bot is added', async () => {
    const response = await app.post(botAddedActivity(connector.url));
    assert.equal(response.status, 200);
    const [card] = connector.cards();
    assert.equal(card.version, '1.5');
    assert.match(cardText(card), /Welcome to Entra Companion/);
    assert.match(cardText(card), /password hash sync/i);
  });

  it('answers "help" with the commands of the manifest', async () => {
    const response = await app.post(messageActivity(connector.url, 'help'));
    assert.equal(response.status, 200);
    const text = cardText(connector.cards()[0]);
    for (const command of ['help', 'status', 'apps', 'advisor', 'subscribe', 'unsubscribe'])
      assert.match(text, new RegExp(`^${command}$`, 'm'));
  });

  it('strips the bot @mention in a channel before routing', async () => {
    await app.post(messageActivity(connector.url, 'help', { scope: 'channel', mention: true }));
    assert.match(cardText(connector.cards()[0]), /What I can do/);
    assert.equal(connector.sent[0].conversationId, '19:channel-1@thread.tacv2;messageid=1');
  });

  it('treats a card button (Action.Submit with no text) as the question it carries', async () => {
    const activity = messageActivity(connector.url, '', { value: { ask: 'help' } });
    delete activity.text;
    await app.post(activity);
    assert.match(cardText(connector.cards()[0]), /What I can do/);
  });

  it('rejects a body that is not JSON with 400 and keeps serving', async () => {
    const bad = await app.post('{"type": "message", ', { 'content-type': 'application/json' });
    assert.equal(bad.status, 400);
    const good = await app.post(messageActivity(connector.url, 'help'));
    assert.equal(good.status, 200);
  });

  it('rejects an activity without a type with 400', async () => {
    const response = await app.post({ text: 'hello' });
    assert.equal(response.status, 400);
    assert.equal(connector.sent.length, 0);
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await app.post(messageActivity(connector.url, 'x'.repeat(300 * 1024)));
    assert.equal(response.status, 413);
  });
});
