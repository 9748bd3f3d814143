import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { usePlaygroundChat } from './harness';

describe('e2e: the bot in the Agents Playground (its HTTP and WebSocket API, no browser)', () => {
  const playground = usePlaygroundChat();

  it('answers "help" with the help card through the Playground connector', async () => {
    const reply = await playground.chat.ask('help');
    const card = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    assert.ok(card, 'an Adaptive Card arrived');
    assert.match(cardText(card.content), /What I can do/);
  });

  it('answers an identity question with the answer card', async () => {
    const reply = await playground.chat.ask('how many pass-through authentication agents should we run for high availability?');
    const text = cardText(reply.attachments?.[0]?.content);
    assert.match(text, /three|3/);
    assert.match(text, /Learn more/);
  });

  it('sends the welcome card when the Playground installs the bot', async () => {
    const response = await fetch(`${playground.stack.playground.url}/_debug/conversation/${playground.stack.conversationId}/installation`, {
      method: 'POST',
    });
    assert.ok(response.ok, `installation endpoint answered ${response.status}`);
    const welcome = await playground.chat.waitFor((m) => /Welcome to Entra Companion/.test(cardText(m.attachments ?? [])));
    assert.ok(welcome);
  });
});
