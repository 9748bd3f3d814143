import assert from 'node:assert/strict';
import type { SnapshotSource } from '../../identity/tenant/snapshot-cache';
import { cardText } from '../support/card-text';
import { ConnectorDouble } from '../support/connector';
import { messageActivity } from '../support/activities';
import { startTestApp, useAppWithConnector, type AppWithConnector, type TestApp } from '../support/app';

/**
 * Reads the tenant once, as "status" does, so the answers find the snapshot cached (the answers
 * wait for a cold read only GROUNDING_WAIT_MS, which a loaded machine's first read may exceed).
 */
function warmSnapshot(harness: AppWithConnector): void {
  before(async () => {
    const response = await harness.app.post(messageActivity(harness.connector.url, 'status'));
    assert.equal(response.status, 200);
  });
}

/** Asks a question through the adapter and answers the card's text, and the tenant section's alone. */
async function ask(app: TestApp, connector: ConnectorDouble, text: string): Promise<{ text: string; tenant: string }> {
  connector.clear();
  const response = await app.post(messageActivity(connector.url, text));
  assert.equal(response.status, 200);
  const card = connector.cards()[0] as { body: Array<Record<string, unknown>> };
  assert.ok(card, `a card answers "${text}"`);
  const section = card.body.find((element) => JSON.stringify(element).includes('"id":"tenant-grounding"'));
  return { text: cardText(card), tenant: section ? cardText(section) : '' };
}

describe('answers grounded in the tenant, through the adapter against the dev tenant', () => {
  describe('federated-cert-expiring: contoso.com federated with AD FS, its signing certificate expiring', () => {
    const harness: AppWithConnector = useAppWithConnector({ DEV_TENANT_SCENARIO: 'federated-cert-expiring' });
    warmSnapshot(harness);

    it('"are we federated?" names contoso.com federated, the finding, and when the tenant was read', async () => {
      const { tenant } = await ask(harness.app, harness.connector, 'are we federated?');
      assert.match(tenant, /In your tenant: Contoso/);
      assert.match(tenant, /^contoso\.com\nfederated: sign-in at [^\n]+, token-signing certificate valid until \d{4}-\d\d-\d\d$/m);
      assert.match(tenant, /^contoso\.onmicrosoft\.com\nmanaged: the initial onmicrosoft\.com domain/m);
      assert.match(tenant, /^(Warning|Critical): Token-signing certificate for contoso\.com expires in \d+ days$/m);
      assert.match(tenant, /Read from the dev tenant with the app's own access \(app-only\), (just now|\d+ minutes? ago)\./);
    });

    it('"should we switch to pass-through authentication?" adds how each domain signs in today', async () => {
      const { tenant } = await ask(harness.app, harness.connector, 'should we switch to pass-through authentication?');
      assert.match(tenant, /contoso\.com\nfederated/);
    });

    it('a general question ("what is a federated domain?") gets the plain answer', async () => {
      const { text, tenant } = await ask(harness.app, harness.connector, 'What is a federated domain in Microsoft Entra ID?');
      assert.equal(tenant, '');
      assert.doesNotMatch(text, /In your tenant/);
    });
  });

  describe('cloud-only: never synced, Free edition', () => {
    const harness = useAppWithConnector({ DEV_TENANT_SCENARIO: 'cloud-only' });
    warmSnapshot(harness);

    it('"do we have P1?" shows the tenant has Entra ID Free', async () => {
      const { tenant } = await ask(harness.app, harness.connector, 'do we have P1?');
      assert.match(tenant, /In your tenant: Tailspin Toys/);
      assert.match(tenant, /^Edition\nMicrosoft Entra ID Free: no subscription includes P1 or P2$/m);
      assert.doesNotMatch(tenant, /Directory sync/, 'only the facts that bear on the question');
    });

    it('"is our directory sync running?" says sync was never used', async () => {
      const { tenant } = await ask(harness.app, harness.connector, 'is our directory sync running?');
      assert.match(tenant, /^Directory sync\nnever used: the tenant is cloud-only$/m);
    });
  });

  describe('healthy-hybrid: Entra Connect Sync with password hash sync, P1', () => {
    const harness = useAppWithConnector();
    warmSnapshot(harness);

    it('"why doesn\'t password change sync?" shows the last directory and password syncs with their age', async () => {
      const { tenant } = await ask(harness.app, harness.connector, "why doesn't password change sync?");
      assert.match(tenant, /^Directory sync\non; last sync 19 minutes ago$/m);
      assert.match(tenant, /^Last password sync\n\d+ minutes? ago$/m);
      assert.match(
        tenant,
        /Entra Connect details \(deletion prevention, features\): not checked, because only a Global Administrator may read the sync configuration/,
      );
    });

    it('a "Did you mean" choice keeps the question\'s tenant: "our sync?", then a sync topic, adds the tenant\'s sync state', async () => {
      const { connector, app } = harness;
      connector.clear();
      assert.equal((await app.post(messageActivity(connector.url, 'our sync?'))).status, 200);
      const clarify = connector.cards()[0] as { actions: Array<{ title: string; data: Record<string, unknown> }> };
      assert.match(cardText(clarify), /Did you mean/, 'two words say too little for one answer');
      const choice = clarify.actions.find((action) => /sync/i.test(action.title));
      assert.ok(choice, 'a sync topic is offered');
      connector.clear();
      assert.equal((await app.post(messageActivity(connector.url, '', { value: choice.data }))).status, 200);
      const card = connector.cards()[0] as { body: Array<Record<string, unknown>> };
      assert.match(cardText(card), new RegExp(choice.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the chosen topic answers');
      const section = card.body.find((element) => JSON.stringify(element).includes('"id":"tenant-grounding"'));
      assert.ok(section, 'the answer carries the tenant section');
      assert.match(cardText(section), /^Directory sync\non; last sync 19 minutes ago$/m);
    });

    it('a "Did you mean" choice for a general question stays general', async () => {
      const { connector, app } = harness;
      connector.clear();
      assert.equal((await app.post(messageActivity(connector.url, 'sync?'))).status, 200);
      const clarify = connector.cards()[0] as { actions: Array<{ data: Record<string, unknown> }> };
      assert.match(cardText(clarify), /Did you mean/);
      connector.clear();
      assert.equal((await app.post(messageActivity(connector.url, '', { value: clarify.actions[0].data }))).status, 200);
      assert.doesNotMatch(JSON.stringify(connector.cards()[0]), /tenant-grounding|In your tenant/);
    });
  });
});

describe('grounded answers are only for users who may see the tenant status', () => {
  let app: TestApp;
  let connector: ConnectorDouble;
  let reads = 0;
  before(async () => {
    connector = await new ConnectorDouble().start();
    app = await startTestApp(
      { DEV_TENANT_SCENARIO: 'federated-cert-expiring' },
      {
        statusRoles: {
          canManage: async () => ({ allowed: false, reason: 'only a Global Administrator, Global Reader or … may do this here' }),
        },
        snapshots: {
          snapshot: async () => {
            reads++;
            throw new Error('a user without an admin role must not cause a tenant read');
          },
        },
      },
    );
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });

  it('a user without an admin role gets the plain answer: no tenant facts, no word of them, no tenant read', async () => {
    const { text, tenant } = await ask(app, connector, 'are we federated?');
    assert.equal(tenant, '');
    assert.doesNotMatch(text, /contoso\.com|In your tenant|configuration is not shown/);
    assert.equal(reads, 0);
  });
});

describe('grounded answers wait for the snapshot only so long', () => {
  let app: TestApp;
  let connector: ConnectorDouble;
  const asked: string[] = [];
  const hung: SnapshotSource = {
    snapshot: (tenantId) => {
      asked.push(tenantId);
      return new Promise(() => undefined);
    },
  };
  before(async () => {
    connector = await new ConnectorDouble().start();
    app = await startTestApp({}, { snapshots: hung });
  });
  after(async () => {
    await app.stop();
    await connector.stop();
  });

  it('answers without grounding when the tenant cannot be read in time, and says so', async () => {
    const { text, tenant } = await ask(app, connector, 'do we have P1?');
    assert.match(tenant, /Your tenant's configuration is not shown: it could not be read in time\. Type "status" to read it\./);
    assert.match(text, /P1/);
    assert.deepEqual(asked, ['tenant-a']);
  });

  it('asks nothing of the tenant for a general question', async () => {
    asked.length = 0;
    const { tenant } = await ask(app, connector, 'How often does password hash sync run?');
    assert.equal(tenant, '');
    assert.deepEqual(asked, []);
  });
});
