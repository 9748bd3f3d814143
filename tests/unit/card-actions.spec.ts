import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { replaceClickedCard, showCardActionResult } from '../../bot/card-replies';
import { alertActions } from '../../bot/card-actions/alerts';
import { CardActions } from '../../bot/card-actions/table';
import type { ChatNotifications } from '../../contract/notifications';

const context = {} as TurnContext;

describe('card actions: one verb table for Action.Execute and Action.Submit', () => {
  const handled: string[] = [];
  const answer = (handler: string) => async () => {
    handled.push(handler);
    return { message: handler };
  };
  const actions = new CardActions({
    'alert.*': answer('alert family'),
    'alert.refresh': answer('refresh'),
    'notify.settings': answer('settings'),
  });
  beforeEach(() => (handled.length = 0));

  it('sends a verb to its own entry before its family ("alert.refresh" is not "alert.*")', async () => {
    assert.deepEqual(await actions.run(context, { verb: 'alert.refresh' }), { message: 'refresh' });
    assert.deepEqual(handled, ['refresh']);
  });

  it('sends every other verb of a family to the family ("alert.acknowledge" to "alert.*")', async () => {
    await actions.run(context, { verb: 'alert.acknowledge' });
    await actions.run(context, { verb: 'notify.settings' });
    assert.deepEqual(handled, ['alert family', 'settings']);
  });

  it('answers nothing for an unknown verb, a verb of no family, a missing verb and an inherited name', async () => {
    for (const data of [{ verb: 'advisor.answer' }, { verb: 'notify' }, { verb: 'constructor' }, { verb: 7 }, {}, null, 'alert.x']) {
      assert.equal(actions.handles(data), false, JSON.stringify(data));
      assert.equal(await actions.run(context, data), undefined);
    }
    assert.deepEqual(handled, []);
  });
});

describe('card replies: the clicked card updated in place, else sent anew', () => {
  /** A turn whose activity came from a click; records what the bot updated and sent. */
  function clickedTurn(replyToId?: string, updateFails = false) {
    const updated: Array<Record<string, any>> = [];
    const sent: unknown[] = [];
    const turn = {
      activity: { replyToId },
      updateActivity: async (activity: Record<string, any>) => {
        if (updateFails) throw new Error('404 message not found');
        updated.push(activity);
      },
      sendActivity: async (activity: unknown) => {
        sent.push(activity);
      },
    } as unknown as TurnContext;
    return { turn, updated, sent };
  }
  const card = { type: 'AdaptiveCard', version: '1.5', body: [] };

  it('updates the message Teams says was clicked, then sends the message', async () => {
    const { turn, updated, sent } = clickedTurn('activity-7');
    await showCardActionResult(turn, { card, message: 'Saved.' });
    assert.equal(updated.length, 1);
    assert.equal(updated[0].id, 'activity-7');
    assert.deepEqual(updated[0].attachments[0].content, card);
    assert.deepEqual(sent, ['Saved.']);
  });

  it('sends the card as a new message when Teams did not say which was clicked, or the update failed', async () => {
    for (const { turn, updated, sent } of [clickedTurn(undefined), clickedTurn('activity-7', true)]) {
      await showCardActionResult(turn, { card });
      assert.equal(updated.length, 0);
      assert.deepEqual((sent as Array<Record<string, any>>)[0].attachments[0].content, card);
    }
  });

  it('says whether it replaced the card, with the summary the conversation list shows', async () => {
    const { turn, updated } = clickedTurn('activity-7');
    assert.equal(await replaceClickedCard(turn, card, 'Sync-health alert'), true);
    assert.equal(updated[0].summary, 'Sync-health alert');
    assert.equal(await replaceClickedCard(clickedTurn(undefined).turn, card), false);
    assert.equal(await replaceClickedCard(clickedTurn('activity-7', true).turn, card), false);
  });
});

describe("alert card actions inside the click's invoke", () => {
  const acknowledged = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Acknowledged by Adele Vance' }] };
  const notifications = { act: async () => ({ card: acknowledged }) } as unknown as ChatNotifications;
  const actions = new CardActions(alertActions(notifications));

  /** An Action.Execute click on the alert message activity-7 in a channel. */
  function invokeTurn() {
    const updated: Array<Record<string, any>> = [];
    const turn = {
      activity: {
        type: 'invoke',
        replyToId: 'activity-7',
        from: { id: '29:user-1' },
        conversation: { id: '19:channel-1@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-a' },
      },
      updateActivity: async (activity: Record<string, any>) => void updated.push(activity),
    } as unknown as TurnContext;
    return { turn, updated };
  }

  // The message itself is replaced for everyone through the outbox (tests/integration/alert-ack-outbox.spec.ts).
  for (const verb of ['alert.ack', 'alert.snooze', 'alert.refresh']) {
    it(`answers ${verb} with the card for the clicker and calls the connector not at all inside the invoke`, async () => {
      const { turn, updated } = invokeTurn();
      assert.deepEqual(await actions.run(turn, { verb, alertId: 'a-1' }), { card: acknowledged });
      assert.equal(updated.length, 0);
    });
  }
});
