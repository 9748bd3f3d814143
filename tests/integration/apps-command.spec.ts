import assert from 'node:assert/strict';
import { messageActivity } from '../support/activities';
import { useAppWithConnector } from '../support/app';
import { cardText } from '../support/card-text';

describe('the "apps" command when Graph refuses one part of the apps reading', () => {
  const harness = useAppWithConnector({ DEV_TENANT_SCENARIO: 'apps-without-grants-permission' });

  it('says which part was not checked and why, and does not claim all is clear', async () => {
    const { app, connector } = harness;
    await app.post(messageActivity(connector.url, 'apps'));
    const text = cardText(connector.cards()[0]);
    assert.match(
      text,
      /Delegated grants and tenant-wide consent: not checked, because not permitted \(403 Authorization_RequestDenied\): needs Directory\.Read\.All/,
    );
    assert.doesNotMatch(text, /No app holds high-privilege permissions/);
    assert.match(text, /Contoso Mail Archiver holds high-privilege permissions/, 'what could be read is still judged');
  });
});

describe('the "apps" command on apps created by consent or through the API', () => {
  const harness = useAppWithConnector({ DEV_TENANT_SCENARIO: 'consented-apps' });

  it('counts the untagged apps and names their non-Graph permissions', async () => {
    const { app, connector } = harness;
    await app.post(messageActivity(connector.url, 'apps'));
    const text = cardText(connector.cards()[0]);
    assert.match(text, /Fabrikam File Sync holds high-privilege permissions: Sites\.FullControl\.All/);
    assert.doesNotMatch(text, /Not checked/);
  });
});
