import assert from 'node:assert/strict';
import type { Exclusion } from '../../contract/alert-rules';
import { keys } from '../../notifications/keys';
import type { AlertRecord } from '../../notifications/types';
import { MemoryStore } from '../../storage/memory';
import { botAddedActivity, cardActionActivity, messageActivity } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { actionsOf, assertSnoozeForm, type CardAction } from '../support/card-actions';
import { cardText } from '../support/card-text';
import { ConnectorDouble } from '../support/connector';
import { eventually } from '../support/eventually';

const TENANT = 'tenant-shape';
const CHAT = { conversationId: 'a:personal-shape', tenantId: TENANT };
const KEY = 'shape-notify-key';

/** Snooze… and Exclude… on an alert card: Action.ShowCard forms whose Action.Execute carries the inputs, through the real adapter. */
describe('alert card: Snooze… for a chosen time and Exclude… with a reason and an expiry', () => {
  let connector: ConnectorDouble;
  let app: TestApp;
  const store = new MemoryStore();
  let alertCard: Record<string, unknown>;
  let alertActivityId: string;
  /** The alert whose card was clicked (stale-sync has two: directory and password sync). */
  const clicked = async (): Promise<AlertRecord> => {
    const alertId = String((alertCard.actions as CardAction[]).find((a) => a.verb === 'alert.ack')!.data!.alertId);
    return (await store.get<AlertRecord>(keys.alert(TENANT, alertId)))!.value;
  };

  const click = async (verb: string, inputs: Record<string, unknown>) => {
    const form = [...actionsOf(alertCard as { actions: CardAction[] }), (alertCard.refresh as { action: CardAction }).action].find(
      (a) => a.verb === verb,
    )!;
    assert.ok(form, `the card offers ${verb}`);
    const response = await app.post(
      cardActionActivity(connector.url, { verb, data: { ...form.data, ...inputs }, replyToId: alertActivityId }, CHAT),
    );
    assert.equal(response.status, 200);
    return (await response.json()) as { statusCode: number; type: string; value: unknown };
  };

  before(async () => {
    connector = await new ConnectorDouble().start();
    app = await startTestApp({ NOTIFY_API_KEY: KEY, WATCH_INTERVAL_MINUTES: '0', DEV_TENANT_SCENARIO: 'stale-sync' }, { store });
    await app.post(botAddedActivity(connector.url, CHAT));
    await app.post(messageActivity(connector.url, 'subscribe', CHAT));
    await app.checkNow(TENANT);
    const sent = await eventually(
      () => connector.sendsTo(CHAT.conversationId).find((r) => /Sync-health alert/.test(cardText(r.activity))),
      'the alert',
    );
    alertActivityId = sent.activityId;
    alertCard = (sent.activity.attachments as Array<{ content: Record<string, unknown> }>)[0].content;
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
  });

  it('offers 1 h, 8 h, 24 h and 7 days with a required reason', () => {
    assertSnoozeForm((alertCard.actions as CardAction[]).find((a) => a.title === 'Snooze…')!);
  });

  it('refuses a snooze past 7 days or without a reason, naming the field, and leaves the alert as it was', async () => {
    for (const [inputs, field] of [
      [{ hours: '200', reason: 'too long' }, 'hours'],
      [{ hours: '8', reason: '' }, 'reason'],
      [{ hours: 'soon', reason: 'patching' }, 'hours'],
    ] as const) {
      const body = await click('alert.snooze', inputs);
      assert.equal(body.type, 'application/vnd.microsoft.activity.message');
      assert.match(String(body.value), new RegExp(`^That snooze is not valid: ${field}:`));
    }
    assert.equal((await clicked()).snoozed, undefined);
  });

  it('snoozes for 8 hours with the reason: who, when, until when and why on the card, and on every copy', async () => {
    const body = await click('alert.snooze', { hours: '8', reason: 'sync server patched tonight' });
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(
      cardText(body.value),
      /Snoozed by Adele Vance at \d{4}-\d\d-\d\d \d\d:\d\d UTC until \d{4}-\d\d-\d\d \d\d:\d\d UTC: “sync server patched tonight”/,
    );
    const alert = await clicked();
    assert.equal(alert.snoozed!.until - alert.snoozed!.at!, 8 * 3_600_000);
    assert.equal(alert.snoozed!.reason, 'sync server patched tonight');
    const update = await eventually(
      () => connector.sent.find((r) => r.method === 'PUT' && r.activityId === alertActivityId && /Snoozed by/.test(cardText(r.activity))),
      'the copy updated',
    );
    assert.match(cardText(update.activity), /sync server patched tonight/);
  });

  it('takes "Snooze 24 h" from a card posted before snoozes asked why: 24 hours, recorded as given no reason', async () => {
    const body = await click('alert.snooze', {});
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    const alert = await clicked();
    assert.equal(alert.snoozed!.until - alert.snoozed!.at!, 24 * 3_600_000);
    assert.match(alert.snoozed!.reason!, /^no reason given/);
  });

  it('refuses an exclusion without a reason or past 90 days, naming the field; nothing is stored', async () => {
    for (const [inputs, field] of [
      [{ expiresInDays: '30', reason: ' ' }, 'reason'],
      [{ expiresInDays: '365', reason: 'accepted risk' }, 'expiresInDays'],
      [{ reason: 'accepted risk' }, 'expiresInDays'],
    ] as const) {
      const body = await click('alert.exclude', inputs);
      assert.match(String(body.value), new RegExp(`^That exclusion is not valid: ${field}:`));
    }
    assert.deepEqual(await store.list(keys.exclusions(TENANT)), []);
  });

  it('excludes the finding for 30 days with the reason: stored with who, when and the expiry, and the card says so', async () => {
    const body = await click('alert.exclude', { expiresInDays: '30', reason: 'known: sync server decommissioned this month' });
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    const text = cardText(body.value);
    assert.match(text, /Excluded by Adele Vance on .* until .*: “known: sync server decommissioned this month”/);
    assert.doesNotMatch(text, /Exclude…|Snooze…|Acknowledge/, 'no buttons on an excluded alert');
    const [exclusion] = (await store.list<Exclusion>(keys.exclusions(TENANT))).map((i) => i.value);
    assert.equal(exclusion.scope, 'finding');
    assert.equal(exclusion.code, (await clicked()).code);
    assert.equal(exclusion.subject, (await clicked()).subject);
    assert.equal(exclusion.createdBy.name, 'Adele Vance');
    assert.equal(Date.parse(exclusion.expiresAt) - Date.parse(exclusion.createdAt), 30 * 86_400_000);
    const refreshed = await click('alert.refresh', {});
    assert.match(cardText(refreshed.value), /Excluded by Adele Vance/, 'a refresh still shows the exclusion');
  });
});
