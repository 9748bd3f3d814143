import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { overflowsHorizontally, screenshot, useTabPage } from './tab-page';

/**
 * The admin tab in headless Chromium in every theme and width, and by keyboard: dark and high-contrast
 * themes, reflow at 320 and 768 px without sideways scrolling, arrow keys along the view tabs.
 */
describe('e2e: the admin tab in themes, widths and by keyboard', () => {
  const tab = useTabPage();
  const { open, assertAccessible } = tab;
  let page: Page;
  beforeEach(() => (page = tab.page));

  for (const theme of ['dark', 'contrast'] as const) {
    it(`follows ?theme=${theme}`, async () => {
      await open(`view=overview&theme=${theme}`);
      await page.getByTestId('overview').waitFor();
      const background = await page
        .locator('.fui-FluentProvider')
        .first()
        .evaluate((e) => getComputedStyle(e).backgroundColor);
      const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
      assert.ok(r + g + b < 150, `a dark background for ${theme}, got ${background}`);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
      await screenshot(page, `overview-${theme}`);
      await assertAccessible(`the overview in the ${theme} theme`);
    });
  }

  for (const width of [320, 768]) {
    it(`reflows at ${width}px without sideways scrolling`, async () => {
      for (const view of ['overview', 'apps', 'history', 'settings']) {
        await open(`view=${view}`, width);
        await page.locator(`[data-view=${view}]`).waitFor();
        await page.locator('[aria-busy=true]').first().waitFor({ state: 'detached' });
        assert.equal(await overflowsHorizontally(page), false, `${view} at ${width}px`);
        await screenshot(page, `${view}-${width}`);
      }
    });
  }

  it('is keyboard navigable: arrow keys move along the view tabs, Enter opens one', async () => {
    await open('view=overview');
    await page.getByTestId('overview').waitFor();
    await page.getByRole('tab', { name: 'Overview' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.locator('[data-view=apps]').waitFor();
    assert.match(page.url(), /view=apps/);
    await page.goBack();
    await page.locator('[data-view=overview]').waitFor();
  });
});
