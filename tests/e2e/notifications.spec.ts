import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { checkNow, PlaygroundChat, startStack, switchScenario, type E2EStack, type PlaygroundMessage } from './harness';

/** The General channel of the Playground's "My Team" (its config lists it with the team's id). */
const CHANNEL = 'team-id';

const isCard = (pattern: RegExp) => (m: PlaygroundMessage) => Boolean(m.attachments?.length) && pattern.test(cardText(m.attachments));
/** The Playground marks channel posts with postConversationId and thread replies with directLineConversationId ("team-id;messageid=…"). */
type Marked = PlaygroundMessage & { postConversationId?: string; directLineConversationId?: string };
const conversationOf = (m: PlaygroundMessage) => (m as Marked).postConversationId ?? (m as Marked).directLineConversationId ?? '';
const inChannel = (m: PlaygroundMessage) => conversationOf(m).startsWith(`${CHANNEL};`);
const inPersonal = (m: PlaygroundMessage) => !conversationOf(m).startsWith(`${CHANNEL};`) && conversationOf(m) !== CHANNEL;

describe('e2e: sync-health alerts in the Agents Playground (personal chat and a channel)', () => {
  let stack: E2EStack;
  let chat: PlaygroundChat;
  let bot: { id: string; name: string };

  const notify = async (): Promise<void> => void (await checkNow(stack));
  const scenario = (name: string): Promise<void> => switchScenario(stack, name);

  before(async () => {
    stack = await startStack('tests/fixtures/tab');
    chat = await new PlaygroundChat(stack).open();
    bot = ((await (await fetch(`${stack.playground.url}/_internal/v1/config`)).json()) as { config: { bot: { id: string; name: string } } })
      .config.bot;
  });
  after(async () => {
    chat?.close();
    await stack?.stop();
  });

  it('401 for POST /api/notify without the bearer secret', async () => {
    const response = await fetch(`${stack.server.url}/api/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.status, 401);
  });

  it('subscribes the personal chat and the General channel after the Playground installs the app there', async () => {
    for (const conversation of [stack.conversationId, CHANNEL]) {
      const installed = await fetch(`${stack.playground.url}/_debug/conversation/${conversation}/installation`, { method: 'POST' });
      assert.ok(installed.ok);
    }
    // The installations also bring welcome cards: wait for the answer itself, not the next message.
    await chat.ask('subscribe');
    await chat.waitFor((m) => inPersonal(m) && /Subscribed: you get/.test(String(m.text)));
    const mention = `<at>${bot.name}</at>`;
    const posted = await fetch(`${stack.playground.url}/_conversation/v1/conversations/${CHANNEL}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        from: { id: 'user-id-0' },
        text: `${mention} subscribe`,
        textFormat: 'plain',
        mentions: [{ mentioned: bot, text: mention }],
      }),
    });
    assert.ok(posted.ok);
    await chat.waitFor((m) => inChannel(m) && /Subscribed: this channel/.test(String(m.text)));
  });

  let personalAlert: PlaygroundMessage;

  it('a stale sync makes an alert card appear in the personal chat and in the channel', async () => {
    await scenario('stale-sync');
    await notify();
    personalAlert = await chat.waitFor((m) => inPersonal(m) && isCard(/Sync-health alert/)(m));
    const channelAlert = await chat.waitFor((m) => inChannel(m) && isCard(/Sync-health alert/)(m));
    for (const alert of [personalAlert, channelAlert]) {
      const text = cardText(alert.attachments);
      assert.match(text, /sync last ran \d+ hours ago/i);
      assert.match(text, /Open since/);
      assert.match(text, /Acknowledge/);
      assert.match(text, /Snooze…/);
      assert.match(text, /Open status tab/);
    }
  });

  it('Acknowledge (Universal Action) updates the card in place: "Acknowledged by <name> at <time>"', async () => {
    const action = (personalAlert.attachments![0].content.actions as Array<{ verb?: string; data?: Record<string, unknown> }>).find(
      (a) => a.verb === 'alert.ack',
    )!;
    const response = await fetch(`${stack.playground.url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'adaptiveCard/action',
        conversation: { id: stack.conversationId },
        from: { id: 'user-id-0' },
        replyToId: personalAlert.messageId,
        value: { action: { type: 'Action.Execute', verb: 'alert.ack', data: action.data }, trigger: 'manual' },
      }),
    });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as { type: string; value: unknown };
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(answer.value), /Acknowledged by Adele Vance at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const updated = await chat.waitFor((m) => m.messageId === personalAlert.messageId && isCard(/Acknowledged by Adele Vance/)(m));
    assert.doesNotMatch(cardText(updated.attachments), /Snooze…/);
  });

  it('fixing the scenario sends "resolved" to both after two clean checks', async () => {
    await scenario('healthy-hybrid');
    await notify();
    await notify();
    await chat.waitFor((m) => inPersonal(m) && isCard(/^Resolved$/m)(m));
    await chat.waitFor((m) => inChannel(m) && isCard(/^Resolved$/m)(m));
  });
});
