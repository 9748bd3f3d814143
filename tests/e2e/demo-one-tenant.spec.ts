import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_TENANT_ID } from '../../tab/api';
import { DEV_PERSONAS } from '../../tab/api/dev-issuer';
import { SCREENSHOT_DIR, subscribeInPlayground } from './browser';
import { checkNow, switchScenario, type E2EStack } from './harness';
import { usePlaygroundAndTab } from './tab-page';

/**
 * The demo as a newcomer meets it after `npm start`: the Agents Playground's chat and the admin tab
 * are one tenant. A chat subscribed in the Playground is listed in the tab's Notifications view, and
 * an alert acknowledged in the Playground reads as acknowledged there, by the same person. Both in
 * one headless Chromium, against the built tab. Screenshots: demo-one-tenant-playground.png,
 * demo-one-tenant-tab.png.
 */
describe('e2e: the Playground and the tab are one demo tenant', () => {
  const pages = usePlaygroundAndTab();
  let stack: E2EStack;
  let playground: Page;
  let tab: Page;

  before(() => ({ stack, playground, tab } = pages));

  const notifications = async (): Promise<void> => {
    await tab.goto(`${stack.server.url}/tab/?view=settings`);
    await tab.getByRole('heading', { name: 'Notifications' }).waitFor();
  };
  const region = (name: string): Locator => tab.getByRole('region', { name });

  it("the Playground's conversations carry the demo tenant's id and a user of it", async () => {
    const { config } = (await (await fetch(`${stack.playground.url}/_internal/v1/config`)).json()) as {
      config: { tenantId: string; currentUser: { name: string; aadObjectId: string } };
    };
    assert.equal(config.tenantId, DEMO_TENANT_ID);
    assert.deepEqual(
      { name: config.currentUser.name, aadObjectId: config.currentUser.aadObjectId },
      { name: 'Adele Vance', aadObjectId: DEV_PERSONAS.admin.oid },
      "the Playground's user is the tab's demo admin",
    );
  });

  it('a chat subscribed in the Playground is listed in the tab, and an alert acknowledged there shows acknowledged', async () => {
    await notifications();
    await region('Chats and channels that get alerts').getByText('No chat or channel gets alerts yet').waitFor();

    await subscribeInPlayground(playground, stack.playground.url);

    await notifications();
    const subscription = region('Chats and channels that get alerts').getByTestId('subscription');
    await subscription.waitFor();
    assert.equal(await subscription.count(), 1);
    assert.match(await subscription.innerText(), /^Personal chat with Adele Vance\nPersonal chat/);

    await switchScenario(stack, 'stale-sync');
    await checkNow(stack);
    const alert = playground.locator('.ac-adaptiveCard', { hasText: 'Sync-health alert' }).last();
    await alert.waitFor({ timeout: 20_000 });
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    const acknowledged = playground.locator('.ac-adaptiveCard', { hasText: /Acknowledged by Adele Vance at/ }).last();
    await acknowledged.waitFor({ timeout: 15_000 });
    const title = (await acknowledged.innerText()).split('\n').find((l) => /directory sync last ran/i.test(l));
    assert.ok(title, await acknowledged.innerText());
    await playground.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-one-tenant-playground.png') });

    await notifications();
    const open = region('Open alerts').getByRole('listitem').filter({ hasText: title.trim() });
    await open.waitFor();
    assert.match(await open.innerText(), /Acknowledged by Adele Vance at /);
    await tab.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-one-tenant-tab.png'), fullPage: true, animations: 'disabled' });
  });
});
