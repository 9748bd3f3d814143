import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot, useTabPage } from './tab-page';

/**
 * The admin tab's notification settings in headless Chromium, per persona: an admin edits and saves
 * a threshold, a Global Reader sees them read-only, a user without a role gets the explanation.
 */
describe('e2e: the admin tab notification settings and personas', () => {
  const tab = useTabPage();
  const { open, assertAccessible } = tab;
  let page: Page;
  beforeEach(() => (page = tab.page));

  it('an admin edits a threshold and saves it', async () => {
    await open('view=settings');
    const field = page.getByRole('spinbutton', { name: /Directory sync warning after/ });
    await field.waitFor();
    const before = Number(await field.inputValue());
    await field.fill(String(before + 1));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.reload();
    await field.waitFor();
    assert.equal(Number(await field.inputValue()), before + 1);
    await screenshot(page, 'settings-admin');
    await assertAccessible('the settings (admin)');
  });

  it('a Global Reader sees the settings read-only, with the reason', async () => {
    await open('view=settings&persona=reader');
    await page.getByTestId('read-only-note').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 0);
    await screenshot(page, 'settings-reader');
    await assertAccessible('the settings (reader)');
  });

  it('a user without an admin role gets the role explanation', async () => {
    await open('view=overview&persona=user');
    const explanation = page.locator('.role-required');
    await explanation.waitFor();
    assert.match(await explanation.innerText(), /Global Reader/);
    assert.match(await explanation.innerText(), /Global Administrator/);
    await screenshot(page, 'role-required');
    await assertAccessible('the role explanation');
  });
});
