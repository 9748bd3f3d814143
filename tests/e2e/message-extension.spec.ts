import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { startStack, type E2EStack } from './harness';

/**
 * The Agents Playground 0.2.28 has a search-based message extension panel: it sends
 * composeExtension/query (commandId and parameter name as the user types them, queryOptions
 * skip 0 count 25) and shows the result list. It does not page, send initialRun, or follow a
 * preview's tap, so composeExtension/selectItem is tested through the adapter only.
 */
describe('e2e: the search message extension in the Agents Playground (its invoke API, no browser)', () => {
  let stack: E2EStack;

  before(async () => {
    stack = await startStack('tests/fixtures/tab');
  });
  after(async () => {
    await stack?.stop();
  });

  const search = async (value: Record<string, unknown>): Promise<Record<string, any>> => {
    const response = await fetch(`${stack.playground.url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'composeExtension/query',
        from: { id: 'user-id-0' },
        conversation: { id: stack.conversationId },
        value,
      }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as Record<string, any>;
  };

  it('lists answer previews for a search typed in its panel, with the answer card to insert', async () => {
    const body = await search({
      commandId: 'searchAnswers',
      parameters: [{ name: 'question', value: 'how many pass-through authentication agents' }],
      queryOptions: { skip: 0, count: 25 },
    });
    assert.equal(body.composeExtension.type, 'result');
    const [first] = body.composeExtension.attachments;
    assert.match(first.preview.content.title, /PTA agents/);
    assert.match(cardText(first.content), /Learn more/);
  });

  it('answers the panel when its command id and parameter name are left blank', async () => {
    const body = await search({ parameters: [{ value: 'staged rollout from AD FS' }], queryOptions: { skip: 0, count: 25 } });
    assert.equal(body.composeExtension.type, 'result');
    assert.ok(body.composeExtension.attachments.length > 0);
  });
});
