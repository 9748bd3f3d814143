import assert from 'node:assert/strict';
import { MemoryFeedbackStore } from '../../bot/feedback';
import { ConnectorDouble } from '../support/connector';
import { cardText } from '../support/card-text';
import { loadConfig } from '../../platform/config';
import { silentLogger } from '../../platform/logger';
import { startServer, type RunningServer } from '../../server/main';
import { messageActivity, type Scope } from '../support/activities';

describe('questions and answers through the real adapter', () => {
  let server: RunningServer;
  let connector: ConnectorDouble;
  const feedback = new MemoryFeedbackStore();

  const ask = async (text: string, options: { scope?: Scope; mention?: boolean; value?: unknown } = {}) => {
    connector.clear();
    const activity = messageActivity(connector.url, text, options);
    if (!text) delete activity.text;
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(response.status, 200);
    return { card: connector.cards()[0], text: cardText(connector.cards()[0]), sent: [...connector.sent] };
  };

  before(async () => {
    connector = await new ConnectorDouble().start();
    server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE_KIND: 'memory' }), silentLogger, { feedback });
  });
  after(async () => {
    await server.close();
    await connector.stop();
  });

  it('answers with title, answer, key facts, Learn more links and follow-ups', async () => {
    const { card, text } = await ask('How often does password hash sync run?');
    assert.equal(card.version, '1.5');
    assert.match(text, /How often password hash sync runs/);
    assert.match(text, /2 minutes/);
    assert.match(text, /Key facts/);
    assert.match(JSON.stringify(card), /\]\(https:\/\/learn\.microsoft\.com\/[^)]+\)/);
    assert.match(text, /Ask next/);
    assert.match(text, /Was this helpful\?/);
  });

  it('answers a follow-up button with its topic, and its feedback buttons carry the topic title as the question', async () => {
    const { card } = await ask('How often does password hash sync run?');
    const followUp = (card.body as Array<{ type: string; actions?: Array<{ title: string; data: Record<string, unknown> }> }>)
      .filter((element) => element.type === 'ActionSet')
      .flatMap((set) => set.actions ?? [])
      .find((action) => action.title === 'How to enable password hash sync');
    assert.ok(followUp, 'the follow-up button');
    assert.deepEqual(followUp.data, { topic: 'phs-enable' });
    const next = await ask('', { value: followUp.data });
    assert.match(next.text, /^How to enable password hash sync/);
    assert.match(
      JSON.stringify(next.card),
      /"action":"feedback","helpful":true,"topic":"phs-enable","question":"How to enable password hash sync"/,
    );
  });

  for (const scope of ['groupChat', 'channel'] as const) {
    it(`answers in a ${scope} when @mentioned, with the mention stripped`, async () => {
      const { text, sent } = await ask('pta vs phs', { scope, mention: true });
      assert.match(text, /pass-through authentication/i);
      assert.match(text, /password hash sync/i);
      assert.ok(sent[0].conversationId.startsWith('19:'));
    });
  }

  it('asks "Did you mean" with three choices when unsure', async () => {
    const { card, text } = await ask('sync');
    assert.match(text, /Did you mean/);
    const actions = card.actions as Array<{ data: { topic: string } }>;
    assert.equal(actions.length, 3);
    const chosen = await ask('', { value: actions[1].data });
    assert.match(chosen.text, /Key facts/, 'choosing a suggestion answers that topic');
  });

  it('declines an off-topic question and says what it can do', async () => {
    const { card, text } = await ask('will it rain in Seattle tomorrow');
    assert.match(JSON.stringify(card), /"id":"decline"/);
    assert.match(text, /outside what I can help with/);
    assert.doesNotMatch(text, /Key facts/);
  });

  it("declines a neighbouring product's question and names its admin center and Learn documentation", async () => {
    const { card, text } = await ask('How do I increase the storage limit of a SharePoint site?');
    assert.match(JSON.stringify(card), /"id":"decline"/);
    assert.match(text, /That's a question for SharePoint Online/);
    assert.match(text, /SharePoint admin center/);
    assert.match(JSON.stringify(card), /\]\(https:\/\/learn\.microsoft\.com\/sharepoint\/\)/);
    assert.doesNotMatch(text, /Key facts/);
  });

  it('answers an identity question about a neighbouring product', async () => {
    const { card, text } = await ask('our app has Mail.Read but should only see a few mailboxes in Exchange Online, how?');
    assert.doesNotMatch(JSON.stringify(card), /"id":"decline"/);
    assert.match(text, /Key facts/);
    assert.match(text, /application access polic|RBAC for Applications/);
  });

  it('offers the advisor on a recommendation question', async () => {
    const { card } = await ask('we have 3000 users, on-prem AD, no special requirements. which sign-in method?');
    const titles = (card.actions as Array<{ title: string }>).map((a) => a.title);
    assert.ok(titles.includes('Start the Entra Connect advisor'), titles.join(', '));
  });

  it('records helpful / not helpful and updates the card in place', async () => {
    const { card, sent } = await ask('What does P2 add over P1?');
    const serialized = JSON.stringify(card);
    const data = JSON.parse(/"data":(\{"action":"feedback","helpful":false[^}]*\})/.exec(serialized)?.[1] ?? 'null') as Record<
      string,
      unknown
    >;
    assert.ok(data, 'the card has a Not helpful action');
    const before = (await feedback.list()).length;
    const activity = messageActivity(connector.url, '', { value: data });
    delete activity.text;
    activity.replyToId = sent[0].activityId;
    connector.clear();
    await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const votes = await feedback.list();
    assert.equal(votes.length, before + 1);
    assert.deepEqual({ topic: votes.at(-1)?.topicId, helpful: votes.at(-1)?.helpful }, { topic: data.topic, helpful: false });
    assert.equal(connector.sent[0].method, 'PUT', 'the card is updated, not a new message');
    assert.match(cardText(connector.cards()[0]), /Thanks for your feedback: not helpful/);
  });

  it('refuses a forged feedback payload without recording it', async () => {
    const before = (await feedback.list()).length;
    const { sent } = await ask('', { value: { action: 'feedback', topic: 'no-such-topic', helpful: 'yes' } });
    assert.equal((await feedback.list()).length, before);
    assert.match(String(sent[0].activity.text), /nothing was recorded/);
  });
});
