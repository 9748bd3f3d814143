import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { usePlaygroundChat } from './harness';

describe('e2e: an answer grounded in the tenant, in the Agents Playground (its HTTP and WebSocket API)', () => {
  const playground = usePlaygroundChat();

  it('"are we federated?" after "status": the card says how each of the healthy-hybrid tenant\'s domains signs in', async () => {
    const status = await playground.chat.ask('status');
    assert.match(cardText(status.attachments?.[0]?.content), /Entra status: Contoso/);
    const reply = await playground.chat.ask('are we federated?');
    const text = cardText(reply.attachments?.[0]?.content);
    assert.match(text, /In your tenant: Contoso/);
    assert.match(text, /^contoso\.com\nmanaged: password hash sync/m);
    assert.match(text, /Read from the dev tenant with the app's own access \(app-only\)/);
  });
});
