import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startStub } from '../fixtures/tab-api/stub';
import { projectRoot, screenshot, useTabPage } from './tab-page';

/**
 * The admin tab's sync history in headless Chromium: a fresh demo shows its made-up history,
 * labelled as such, with the thresholds and the gap marked; and the lag chart with its text and
 * table alternative from the fixture stub (tests/fixtures/tab-api).
 */
describe('e2e: the admin tab sync history', () => {
  const tab = useTabPage();
  const { open, assertAccessible } = tab;
  let page: Page;
  beforeEach(() => (page = tab.page));

  it('a fresh demo shows demo history, labelled as made up, with the warning threshold and the gap marked', async () => {
    await open('view=history');
    await page.locator('[data-view=history]').waitFor();
    await page.getByRole('img', { name: 'Directory sync lag over time' }).waitFor();
    assert.match(await page.getByTestId('demo-note').innerText(), /Demo history: the \d+ points up to .* are made up by the demo/);
    assert.equal(await page.getByTestId('demo-region').count(), 1);
    assert.match((await page.getByTestId('threshold-warning').textContent()) ?? '', /Warning from 3\.0 h/);
    assert.match((await page.getByTestId('threshold-critical').textContent()) ?? '', /Critical from 24 h/);
    assert.ok((await page.getByTestId('gap').count()) >= 1, 'the gap of the demo story');
    await screenshot(page, 'history-demo');
    await assertAccessible('the sync history');
  });

  it('draws the lag chart with a text and table alternative (fixture API)', async () => {
    const stub = await startStub({ staticDir: path.join(projectRoot, 'dist', 'tab') });
    try {
      await page.goto(`${stub.url}/tab/?view=history`);
      const chart = page.getByRole('img', { name: 'Directory sync lag over time' });
      await chart.waitFor();
      assert.ok((await page.locator('svg.lag-chart polyline').count()) >= 1);
      assert.match(await page.getByTestId('history-summary').innerText(), /\d+ observations from .* Latest sync lag/);
      await page.getByText('Show the observations as a table').click();
      assert.ok((await page.locator('details.data-table tbody tr').count()) > 10);
      await screenshot(page, 'history-chart');
      await assertAccessible('the sync history chart');
    } finally {
      await stub.close();
    }
  });
});
