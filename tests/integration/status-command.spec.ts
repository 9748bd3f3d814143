import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConnectorDouble } from '../support/connector';
import { cardText } from '../support/card-text';
import { displayed, liveMarkup, markdownFields } from '../support/markdown';
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
        /Entra Connect details \(deletion prevention, features\): not checked, because only a Global Administrator may read the sync configuration/,
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

describe('"status" and "apps" show what a tenant names as text, never as a link (a hostile tenant)', () => {
  const phish = '[Action required: re-verify your admin account](https://evil.example/phish)';
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'hostile-')), 'hostile.json');
  const json = (text: string): string => JSON.stringify(text).slice(1, -1);
  // The sync-errors tenant, with markdown for its organisation, an app's and its publisher's names and the incident title.
  writeFileSync(
    file,
    readFileSync('devtenant/scenarios/sync-errors.json', 'utf8')
      .replaceAll('"Contoso"', `"${json(`**Contoso** ${phish}`)}"`)
      .replaceAll('Acme Directory Manager', json(phish))
      .replaceAll('"Acme Tools"', `"${json('_Acme_ <https://evil.example/auto>')}"`)
      .replaceAll('Some users may be unable to sign in to Microsoft 365 services', json(`${phish} ~~now~~`)),
  );
  const harness = useAppWithConnector({ DEV_TENANT_SCENARIO: file });

  for (const command of ['status', 'apps']) {
    it(`"${command}": the names read as written, and no link to evil.example or emphasis from them is live`, async () => {
      const { app, connector } = harness;
      await app.post(messageActivity(connector.url, command));
      const fields = markdownFields(connector.cards()[0]);
      const shown = fields.map(displayed).join('\n');
      assert.ok(shown.includes(`**Contoso** ${phish}`), 'the organisation name as written');
      assert.ok(shown.includes(phish), 'the app or incident name as written');
      for (const text of fields) {
        const live = liveMarkup(text);
        // What stays live is the card's own "[Learn more](…)" after a finding: one link per finding, to Learn.
        assert.equal(
          live.filter((m) => m === 'link').length,
          (text.match(/\[Learn more\]\(https:\/\/learn\.microsoft\.com/g) ?? []).length,
          text,
        );
        assert.deepEqual(
          live.filter((m) => !['[', 'link'].includes(m)),
          [],
          text,
        );
        assert.doesNotMatch(text, /(?<!\\)\]\(https:\/\/evil/);
      }
    });
  }
});
