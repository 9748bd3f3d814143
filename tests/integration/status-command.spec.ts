import assert from 'node:assert/strict';
import { ConnectorDouble } from '../support/connector';
import { cardText } from '../support/card-text';
import { messageActivity } from '../support/activities';
import { startTestApp, useAppWithConnector, type TestApp } from '../support/app';

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

describe('the "status" command is for admins, as the tab is', () => {
  let app: TestApp;
  let connector: ConnectorDouble;
  const asked: Array<{ tenantId: string; aadObjectId?: string }> = [];
  before(async () => {
    connector = await new ConnectorDouble().start();
    app = await startTestApp(
      {},
      {
        statusRoles: {
          canManage: async (tenantId, user) => {
            asked.push({ tenantId, aadObjectId: user.aadObjectId });
            return { allowed: false, reason: 'only a Global Administrator, Global Reader or … may do this here' };
          },
        },
      },
    );
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });

  it('tells a user without an admin role why, and shows nothing of the tenant', async () => {
    await app.post(messageActivity(connector.url, 'status'));
    assert.deepEqual(asked, [{ tenantId: 'tenant-a', aadObjectId: '00000000-0000-4000-8000-000000000001' }]);
    assert.equal(connector.cards().length, 0);
    assert.match(String(connector.sent[0].activity.text), /The tenant status is for admins: only a Global Administrator/);
  });
});

describe('the "apps" command through the adapter', () => {
  const harness = useAppWithConnector({ DEV_TENANT_SCENARIO: 'sync-errors' });

  it('counts integrated apps and lists those that need a look', async () => {
    const { app, connector } = harness;
    await app.post(messageActivity(connector.url, 'apps'));
    const text = cardText(connector.cards()[0]);
    assert.match(text, /Integrated apps: Contoso/);
    assert.match(text, /^6$/m, 'six integrated apps in the sync-errors scenario');
    assert.match(text, /Acme Directory Manager holds high-privilege permissions/);
    assert.match(text, /expired/);
    assert.match(JSON.stringify(connector.cards()[0]), /\/tab\/\?view=apps/);
  });
});

describe('the "status" card says, per section, what was read with which access and why not', () => {
  describe('sync-errors, read app-only as the bot reads', () => {
    const harness = useAppWithConnector({ DEV_TENANT_SCENARIO: 'sync-errors' });

    it('shows sync settings as not checked (Graph gives app-only access none) and no deletion-prevention finding', async () => {
      const { app, connector } = harness;
      await app.post(messageActivity(connector.url, 'status'));
      const text = cardText(connector.cards()[0]);
      assert.match(text, /Read from the dev tenant with the app's own access \(app-only\)/);
      assert.match(
        text,
        /Sync settings \(password hash sync, deletion prevention\): not checked, because only a signed-in Global Administrator/,
      );
      assert.doesNotMatch(
        text,
        /Accidental-deletion prevention is turned off/,
        'production cannot see it app-only, so neither does the demo',
      );
      assert.match(text, /provisioning errors/i, 'what app-only access can read is still judged');
    });
  });

  describe('missing-permission: the app lacks ServiceHealth.Read.All', () => {
    const harness = useAppWithConnector({ DEV_TENANT_SCENARIO: 'missing-permission' });

    it('says service health was not checked and why, once', async () => {
      const { app, connector } = harness;
      await app.post(messageActivity(connector.url, 'status'));
      const text = cardText(connector.cards()[0]);
      const line =
        /Microsoft Entra service health: not checked, because not permitted \(403 Authorization_RequestDenied\): needs the application permission ServiceHealth\.Read\.All/g;
      assert.equal(text.match(line)?.length, 1, text);
      assert.doesNotMatch(text, /service\.incident: unknown/, 'the section already says why');
    });
  });
});
