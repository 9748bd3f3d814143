import assert from 'node:assert/strict';
import { MemoryStore } from '../../storage/memory';
import type { StoredItem } from '../../storage/store';
import { messageActivity } from '../support/activities';
import { startTestApp, type TestApp } from '../support/app';
import { ConnectorDouble } from '../support/connector';

/** A store whose alert records cannot be read: a storage outage as the alert actions meet it. */
class AlertsUnreadable extends MemoryStore {
  override async get<T>(key: string): Promise<StoredItem<T> | undefined> {
    if (key.includes('alerts/')) throw new Error('storage account unreachable (ECONNRESET)');
    return super.get<T>(key);
  }
}

/**
 * A card action whose handler fails still gets an answer Teams shows the clicker: HTTP 200 with a
 * Universal Actions error body (statusCode 500, type application/vnd.microsoft.error; the Universal
 * Action Model's response types), never botbuilder's 501 "not implemented" for an invoke the bot does implement.
 */
describe('a card action that fails, through the real adapter', () => {
  let app: TestApp;
  let connector: ConnectorDouble;
  before(async () => {
    connector = await new ConnectorDouble().start();
    app = await startTestApp({}, { store: new AlertsUnreadable() });
  });
  after(async () => {
    await app?.stop();
    await connector?.stop();
  });

  it('answers 200 with an error the clicker sees, not 501, and says nothing of the cause', async () => {
    const activity = messageActivity(connector.url, '');
    delete activity.text;
    Object.assign(activity, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'alert.ack', data: { alertId: 'a1b2c3' } }, trigger: 'manual' },
    });
    const response = await app.post(activity);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { statusCode: number; type: string; value: { code: string; message: string } };
    assert.equal(body.statusCode, 500);
    assert.equal(body.type, 'application/vnd.microsoft.error');
    assert.equal(body.value.code, 'InternalError');
    assert.match(body.value.message, /went wrong on our side/);
    assert.doesNotMatch(JSON.stringify(body), /ECONNRESET/);
  });
});
