import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { PlaygroundChat, startStack, type E2EStack } from './harness';

describe('e2e: an answer grounded in the tenant, in the Agents Playground (its HTTP and WebSocket API)', () => {
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

  it('"are we federated?" after "status": the card says how each of the healthy-hybrid tenant\'s domains signs in', async () => {
    const status = await chat.ask('status');
    assert.match(cardText(status.attachments?.[0]?.content), /Entra status: Contoso/);
    const reply = await chat.ask('are we federated?');
    const text = cardText(reply.attachments?.[0]?.content);
    assert.match(text, /In your tenant: Contoso/);
    assert.match(text, /^contoso\.com\nmanaged: password hash sync/m);
    assert.match(text, /Read from the dev tenant with the app's own access \(app-only\)/);
  });
});
