import assert from 'node:assert/strict';
import { cardText, ConnectorDouble } from '../../devtenant/connector';
import { messageActivity } from '../support/activities';
import { useAppWithConnector, type TestApp } from '../support/app';

describe('the "status" command through the adapter, against the dev tenant', () => {
  const harness = useAppWithConnector();
  let app: TestApp;
  let connector: ConnectorDouble;
  beforeEach(() => ({ app, connector } = harness));

  it('shows the identity model, sync times, edition and that all is healthy', async () => {
    const response = await app.post(messageActivity(connector.url, 'status'));
    assert.equal(response.status, 200);
    const text = cardText(connector.cards()[0]);
    assert.match(text, /Entra status: Contoso/);
    assert.match(text, /Healthy/);
    assert.match(text, /Hybrid \(synced from on-premises AD\)/);
    assert.match(text, /Password hash sync/);
    assert.match(text, /19 minutes ago/);
    assert.match(text, /Microsoft Entra ID P1/);
    assert.match(text, /Open status tab/);
  });
});
