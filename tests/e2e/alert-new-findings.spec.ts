import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { cardLines, newestCard, SCREENSHOT_DIR, subscribeInPlayground, usePlaygroundPage } from './browser';
import { checkNow, switchScenario, type E2EStack } from './harness';

/**
 * The alerts added with Cloud Sync and the app watcher, as an admin meets them in the Agents
 * Playground (headless Chromium): an app newly consented for every user, acknowledged in place; a
 * Cloud Sync job in quarantine, snoozed for 8 hours with a reason. Each card shows the finding's
 * title, its evidence in sentences, what to do and its actions. Screenshots:
 * test-results/screenshots/alert-app-consent-{new,acknowledged}.png, alert-cloud-sync-{new,snoozed}.png.
 */
describe('e2e: app and Cloud Sync alerts in the Playground, acknowledged and snoozed there', () => {
  const playground = usePlaygroundPage({ width: 1280, height: 1000 });
  let stack: E2EStack;
  let page: Page;
  before(() => ({ stack, page } = playground));

  const card = (text: RegExp): Promise<Locator> => newestCard(page, text);
  const shoot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `alert-${name}.png`) });
  const lines = cardLines;

  before(async () => {
    await subscribeInPlayground(page, stack.playground.url);
    // The watcher's first read of a tenant's apps only notes their grants: news is what comes after it.
    await checkNow(stack);
  });

  it('an app newly consented for every user: the card tells who and what, and Acknowledge updates it in place', async () => {
    await switchScenario(stack, 'consented-apps');
    await checkNow(stack);
    const alert = await card(/was newly consented for every user in the tenant/);
    const text = await lines(alert);
    assert.ok(
      text.some((l) => /^\S.* was newly consented for every user in the tenant/.test(l)),
      text.join('\n'),
    );
    assert.ok(
      text.some((l) => /^Consented on behalf of every user for: .+/.test(l)),
      text.join('\n'),
    );
    assert.ok(
      text.some((l) => /^First seen by the watcher just now/.test(l)),
      text.join('\n'),
    );
    assert.ok(text.includes('What to do'), text.join('\n'));
    assert.ok(
      text.some((l) => l.startsWith('An administrator consented on behalf of all users: check in the audit log who did and why')),
      text.join('\n'),
    );
    for (const action of ['Acknowledge', 'Snooze…', 'Exclude…']) await alert.getByRole('button', { name: action }).waitFor();
    // Its links name where they go (the tooltip an admin hovers): the tab of this server, and the Learn page.
    assert.equal(await alert.getByRole('link', { name: 'Open status tab' }).getAttribute('title'), `${stack.server.url}/tab/`);
    assert.match(
      (await alert.getByRole('link', { name: 'Learn how to fix it' }).getAttribute('title')) ?? '',
      /^https:\/\/learn\.microsoft\.com\//,
    );
    await shoot('app-consent-new');

    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    const acknowledged = await card(
      /was newly consented for every user[\s\S]*Acknowledged by Adele Vance at \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    assert.equal(await acknowledged.getByRole('button', { name: 'Acknowledge' }).count(), 0, 'nothing left to acknowledge');
    await shoot('app-consent-acknowledged');
  });

  it('a Cloud Sync job in quarantine: the card says since when and why, and Snooze… (8 hours, a reason) snoozes it', async () => {
    await switchScenario(stack, 'cloud-sync-quarantined');
    await checkNow(stack);
    const title =
      /Cloud Sync contoso\.com \(users, groups and contacts\) is in quarantine for 5 hours \(EncounteredEscrowProportionThreshold\)/;
    const alert = await card(title);
    const text = await lines(alert);
    assert.ok(
      text.some((l) => /^In quarantine since 5 hours ago \(.+ UTC\), because EncounteredEscrowProportionThreshold\.$/.test(l)),
      text.join('\n'),
    );
    assert.ok(text.includes('Quarantine error: The proportion of failed objects exceeded the quarantine threshold.'), text.join('\n'));
    assert.ok(
      text.some((l) => l.startsWith('Too many objects failed to sync. Read their errors in the provisioning logs')),
      text.join('\n'),
    );
    await shoot('cloud-sync-new');

    await alert.getByRole('button', { name: 'Snooze…' }).click();
    await alert.getByRole('combobox', { name: /Snooze reminders for/ }).click();
    await page.getByRole('option', { name: '8 hours' }).click();
    await alert.getByRole('textbox', { name: /Why/ }).fill('Agent service account password reset tonight');
    await alert.getByRole('button', { name: 'Snooze', exact: true }).click();
    const snoozed = await card(/is in quarantine for 5 hours[\s\S]*Snoozed by Adele Vance at/);
    const state = (await lines(snoozed)).find((l) => l.startsWith('Snoozed by'));
    assert.match(
      state ?? '',
      /^Snoozed by Adele Vance at (\d{4}-\d\d-\d\d) (\d\d:\d\d) UTC until \d{4}-\d\d-\d\d \d\d:\d\d UTC: “Agent service account password reset tonight”$/,
    );
    const [at, until] = [...(state ?? '').matchAll(/(\d{4}-\d\d-\d\d \d\d:\d\d) UTC/g)].map((m) =>
      Date.parse(`${m[1].replace(' ', 'T')}Z`),
    );
    assert.equal((until - at) / 3_600_000, 8, 'snoozed for the 8 hours chosen');
    await shoot('cloud-sync-snoozed');
  });
});
