import assert from 'node:assert/strict';
import { messageActivity } from '../support/activities';
import { useAppWithConnector } from '../support/app';
import { cardText } from '../support/card-text';

describe('alert commands and the settings card through the adapter (demo mode: everyone is an admin)', () => {
  const harness = useAppWithConnector();
  const say = async (text: string, extra: Record<string, unknown> = {}) => {
    const activity = { ...messageActivity(harness.connector.url, text, { scope: 'groupChat' }), ...extra };
    const response = await harness.app.post(activity);
    assert.equal(response.status, 200);
  };
  const lastText = () => String(harness.connector.sent.at(-1)?.activity.text);

  it('"settings" before "subscribe" says to subscribe first', async () => {
    await say('unsubscribe');
    await say('Settings');
    assert.match(lastText(), /No sync-health alerts here yet\. Type "subscribe"/);
  });

  it('"subscribe warnings" then "settings" shows the settings card of this chat', async () => {
    await say('subscribe warnings');
    assert.match(lastText(), /^Subscribed: this chat gets sync-health alerts at warning or worse/);
    harness.connector.clear();
    await say('alert settings');
    assert.match(cardText(harness.connector.cards()[0]), /Sync-health alerts:/);
  });

  it('saves the settings card (Action.Submit fallback) and updates the clicked card in place', async () => {
    await say('subscribe');
    await say('settings');
    const clicked = harness.connector.sent.at(-1)!.activityId;
    harness.connector.clear();
    const submit = messageActivity(harness.connector.url, '', {
      scope: 'groupChat',
      value: { verb: 'notify.settings', minimumSeverity: 'critical', reminderHours: '4', digest: 'false' },
    });
    delete submit.text;
    await harness.app.post({ ...submit, replyToId: clicked });
    const [update] = harness.connector.sent;
    assert.equal(update.method, 'PUT');
    assert.equal(update.activityId, clicked);
    assert.match(cardText(harness.connector.cards()[0]), /Saved\./);
  });

  it('refuses settings that are not valid and says which', async () => {
    await say('subscribe');
    const submit = messageActivity(harness.connector.url, '', {
      scope: 'groupChat',
      value: { verb: 'notify.settings', reminderHours: '-1' },
    });
    delete submit.text;
    await harness.app.post(submit);
    assert.match(lastText(), /^Those settings are not valid: reminderHours:/);
  });

  it('"stop alerts" unsubscribes, and a second time says there was nothing to stop', async () => {
    await say('subscribe');
    await say('stop alerts');
    assert.equal(lastText(), 'Unsubscribed: no more sync-health alerts here.');
    await say('unsubscribe.');
    assert.match(lastText(), /^There was no subscription here/);
  });
});
