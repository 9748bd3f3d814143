import assert from 'node:assert/strict';
import { messageActivity } from '../support/activities';
import { useAppWithConnector } from '../support/app';
import { cardText } from '../support/card-text';

/** Card inputs of the settings card as an Action.Execute invoke carries them (strings, as Teams sends them). */
function saveClick(serviceUrl: string, inputs: Record<string, string>): Record<string, unknown> {
  return {
    ...messageActivity(serviceUrl, '', { scope: 'groupChat' }),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: 'notify.settings', data: { verb: 'notify.settings', ...inputs } }, trigger: 'manual' },
  };
}

const INPUTS = {
  minimumSeverity: 'warning',
  categories: 'apps,service',
  reminderHours: '24',
  digest: 'true',
  digestHour: '7',
  timeZone: 'Europe/Berlin',
};

describe('alert settings card: categories, digest hour and time zone, through the adapter', () => {
  const harness = useAppWithConnector();
  const say = async (text: string) => {
    assert.equal((await harness.app.post(messageActivity(harness.connector.url, text, { scope: 'groupChat' }))).status, 200);
  };
  const click = async (inputs: Record<string, string>) => {
    const response = await harness.app.post(saveClick(harness.connector.url, inputs));
    assert.equal(response.status, 200);
    return (await response.json()) as { statusCode: number; type: string; value: unknown };
  };

  it('offers the four categories, all chosen for a new subscription, with the digest at 08:00 UTC', async () => {
    await say('subscribe');
    await say('settings');
    const card = harness.connector.cards().at(-1) as { body: Array<Record<string, unknown>> };
    const categories = card.body.find((e) => e.id === 'categories')!;
    assert.equal(categories.value, 'sync,federation,apps,service');
    assert.deepEqual(
      (categories.choices as Array<{ value: string }>).map((c) => c.value),
      ['sync', 'federation', 'apps', 'service'],
    );
    assert.equal(card.body.find((e) => e.id === 'digestHour')!.value, 8);
    assert.equal(card.body.find((e) => e.id === 'timeZone')!.value, 'UTC');
  });

  it('saves categories, the digest hour and a time zone; the card comes back showing them', async () => {
    await say('subscribe');
    const body = await click(INPUTS);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    const card = body.value as { body: Array<Record<string, unknown>> };
    assert.match(cardText(card), /Saved\./);
    assert.equal(card.body.find((e) => e.id === 'categories')!.value, 'apps,service');
    assert.equal(card.body.find((e) => e.id === 'digestHour')!.value, 7);
    assert.equal(card.body.find((e) => e.id === 'timeZone')!.value, 'Europe/Berlin');
    harness.connector.clear();
    await say('settings');
    assert.equal(
      (harness.connector.cards()[0] as { body: Array<Record<string, unknown>> }).body.find((e) => e.id === 'categories')!.value,
      'apps,service',
    );
  });

  it('refuses no category, an hour past 23 and an unknown time zone, naming the field; the saved settings stay', async () => {
    await say('subscribe');
    await click(INPUTS);
    for (const [field, value] of [
      ['categories', ''],
      ['digestHour', '24'],
      ['timeZone', 'Mars/Olympus_Mons'],
    ] as const) {
      const body = await click({ ...INPUTS, categories: 'sync', [field]: value });
      assert.equal(body.type, 'application/vnd.microsoft.activity.message', field);
      assert.match(String(body.value), new RegExp(`^Those settings are not valid: ${field}:`), field);
    }
    harness.connector.clear();
    await say('settings');
    const card = harness.connector.cards()[0] as { body: Array<Record<string, unknown>> };
    assert.equal(card.body.find((e) => e.id === 'categories')!.value, 'apps,service', 'nothing half-saved');
    assert.equal(card.body.find((e) => e.id === 'timeZone')!.value, 'Europe/Berlin');
  });
});
