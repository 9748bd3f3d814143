import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { PlaygroundChat, startStack, type E2EStack } from './harness';

describe('e2e: the bot in the Agents Playground (its HTTP and WebSocket API, no browser)', () => {
  let stack: E2EStack;
  let chat: PlaygroundChat;

  before(async () => {
    stack = await startStack('tests/fixtures/tab');
    chat = await new PlaygroundChat(stack).open();
  });
  after(async () => {
    chat?.close();
    await stack?.stop();
  });

  it('answers "help" with the help card through the Playground connector', async () => {
    const reply = await chat.ask('help');
    const card = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    assert.ok(card, 'an Adaptive Card arrived');
    assert.match(cardText(card.content), /What I can do/);
  });

  it('answers an identity question with the answer card', async () => {
    const reply = await chat.ask('how many pass-through authentication agents should we run for high availability?');
    const text = cardText(reply.attachments?.[0]?.content);
    assert.match(text, /three|3/);
    assert.match(text, /Learn more/);
  });

  it('sends the welcome card when the Playground installs the bot', async () => {
    const response = await fetch(`${stack.playground.url}/_debug/conversation/${stack.conversationId}/installation`, { method: 'POST' });
    assert.ok(response.ok, `installation endpoint answered ${response.status}`);
    const welcome = await chat.waitFor((m) => /Welcome to Entra Companion/.test(cardText(m.attachments ?? [])));
    assert.ok(welcome);
  });
});
