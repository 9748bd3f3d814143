import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { screenshot, useTabPage } from './tab-page';

/**
 * The admin tab's integrated apps in headless Chromium: filters, details, CSV export of the same
 * filter, and a large tenant searched and paged with Load more.
 */
describe('e2e: the admin tab integrated apps', () => {
  const tab = useTabPage();
  const { open, useScenario, assertAccessible } = tab;
  let page: Page;
  beforeEach(() => (page = tab.page));

  afterEach(() => useScenario('healthy-hybrid'));

  it('filters, opens details, exports the same filter as CSV', async () => {
    await useScenario('sync-errors');
    await open('view=apps');
    const count = page.getByTestId('apps-count');
    await count.waitFor();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Refresh' }).and(page.locator(':not([disabled])')).waitFor();
    await count.waitFor();
    const totalOf = async (): Promise<number> => Number(/of (\d+)/.exec(await count.innerText())?.[1]);
    const all = await totalOf();
    assert.ok(all > 0, 'the scenario has apps');

    await page.getByRole('combobox', { name: 'Consent' }).selectOption('admin');
    await page
      .getByTestId('apps-count')
      .filter({ hasNotText: new RegExp(`of ${all} `) })
      .or(page.getByText('No apps match these filters'))
      .first()
      .waitFor();
    const admin = await totalOf();
    assert.ok(admin <= all);
    for (const row of await page.getByTestId('app-row').all()) assert.match(await row.innerText(), /Admin \(tenant-wide\)/);

    await page.getByRole('combobox', { name: 'Consent' }).selectOption('');
    await page
      .getByTestId('apps-count')
      .filter({ hasText: new RegExp(`of ${all} `) })
      .waitFor();
    await page.getByRole('checkbox', { name: 'High privilege' }).check();
    await page
      .getByTestId('apps-count')
      .filter({ hasNotText: new RegExp(`of ${all} `) })
      .or(page.getByText('No apps match these filters'))
      .first()
      .waitFor();
    for (const row of await page.getByTestId('app-row').all()) assert.match(await row.innerText(), /High privilege/);
    const high = await page.getByTestId('app-row').count();

    const first = page.getByTestId('app-row').first().getByRole('button');
    if (high > 0) {
      await first.click();
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('heading', { name: 'Permissions', exact: true }).waitFor();
      assert.match(await drawer.innerText(), /Credentials/);
      await screenshot(page, 'apps-details', false);
      await assertAccessible('the app details panel');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
    }

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    assert.equal(
      lines.length - 1,
      Number(/of (\d+)/.exec(await count.innerText())?.[1] ?? high),
      'one CSV line per filtered app, plus the header',
    );
    if (high > 0) assert.ok(lines.slice(1).every((line) => line.length > 0));
    assert.match(lines[0], /name/i);
    assert.match(download.suggestedFilename(), /^integrated-apps-.*\.csv$/);
    await screenshot(page, 'apps-filtered');
    await assertAccessible('the integrated apps view');
  });

  it('says which part of the apps reading was not checked, and why', async () => {
    await useScenario('apps-without-grants-permission');
    await open('view=apps');
    await page.getByTestId('apps-count').waitFor();
    await page.getByRole('button', { name: 'Refresh' }).click();
    const notChecked = page.getByRole('list', { name: 'Sections not available' }).getByRole('listitem');
    await notChecked.filter({ hasText: 'Delegated grants and tenant-wide consent' }).waitFor();
    assert.match(
      await notChecked.first().innerText(),
      /Delegated grants and tenant-wide consent: not checked, because not permitted \(403/,
    );
    await page.getByText('Contoso Mail Archiver').first().waitFor();
  });

  it('searches and pages a large tenant with Load more', async function () {
    this.timeout(300_000);
    await useScenario('large');
    await open('view=apps');
    const count = page.getByTestId('apps-count');
    await count.waitFor();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await count.filter({ hasText: /Showing 50 of \d{4,}/ }).waitFor({ timeout: 240_000 });
    assert.match(await count.innerText(), /Showing 50 of \d{4,}/);
    await page.getByRole('button', { name: 'Load more' }).click();
    await count.filter({ hasText: /Showing 100 of/ }).waitFor();
    await page.getByRole('searchbox').fill('zzzz-no-such-app');
    await page.getByText('No apps match these filters').waitFor();
    await screenshot(page, 'apps-large-empty-search');
  });
});
