import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startStub } from '../fixtures/tab-api/stub';
import { projectRoot, screenshot, useTabPage } from './tab-page';

/**
 * The admin tab's sync history in headless Chromium: a fresh demo shows its made-up history,
 * labelled as such, with the thresholds and the gap marked; and the lag chart with its text and
 * table alternative from the fixture stub (tests/fixtures/tab-api). The chart is Fluent UI's
 * LineChart: what is asserted is what it names for an admin (legend, labels, the points read out).
 */
describe('e2e: the admin tab sync history', () => {
  const tab = useTabPage();
  const { open, assertAccessible } = tab;
  let page: Page;
  beforeEach(() => (page = tab.page));

  it('a fresh demo shows demo history, labelled as made up, with the thresholds and the gap marked', async () => {
    await open('view=history');
    await page.locator('[data-view=history]').waitFor();
    const chart = page.getByRole('region', { name: /^Directory sync lag over time\. Line chart/ });
    await chart.waitFor();
    assert.equal(await chart.getAttribute('aria-describedby'), 'history-summary', 'the text summary describes the chart');
    assert.match(await page.getByTestId('demo-note').innerText(), /Demo history: the \d+ points up to .* are made up by the demo/);
    const legend = page.getByRole('listbox', { name: 'Legends' });
    for (const name of ['Directory sync lag', 'Warning from 3.0 h', 'Critical from 24 h', 'Demo history (made up)', 'No observations'])
      await legend.getByRole('option', { name, exact: true }).waitFor();
    // Each threshold is also labelled on its line.
    assert.equal(await page.getByRole('note', { name: 'Warning from 3.0 h of sync lag' }).innerText(), 'Warning from 3.0 h');
    assert.equal(await page.getByRole('note', { name: 'Critical from 24 h of sync lag' }).innerText(), 'Critical from 24 h');
    // The demo story's 6-hour gap: named with its times below the chart, and the lag line broken there.
    const gaps = await page.getByTestId('gap').allInnerTexts();
    assert.equal(gaps.length, 1, gaps.join(' | '));
    assert.match(gaps[0], /^No observations from .+ to .+ \(the watcher did not run\)$/);
    assert.equal(await page.getByRole('region', { name: /^Directory sync lag, line \d+ of \d+/ }).count(), 2, 'the line in two parts');
    await screenshot(page, 'history-demo');
    await assertAccessible('the sync history');
  });

  it('draws the chart without a console error: the demo week (a gap and the demo band), a gap alone, a single observation', async () => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const chart = page.getByRole('region', { name: /^Directory sync lag over time\. Line chart/ });
    await open('view=history');
    await chart.waitFor();
    await page.getByRole('listbox', { name: 'Legends' }).getByRole('option', { name: 'No observations', exact: true }).waitFor();

    // States the dev tenant's demo does not reach, answered in place of the history API.
    const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();
    const observation = (minutes: number, lag: number) => ({
      at: minutesAgo(minutes),
      lastSync: minutesAgo(minutes + lag),
      syncLagMinutes: lag,
      passwordSyncLagMinutes: null,
      worstSeverity: 'none',
    });
    const thresholds = { syncWarningMinutes: 180, syncCriticalMinutes: 1440, passwordSyncWarningMinutes: 120 };
    const histories = {
      'a gap alone': [...[2000, 1990, 1980].map((m) => observation(m, 10)), ...[600, 590].map((m) => observation(m, 10))],
      'a single observation': [observation(10, 5)],
    };
    for (const [what, observations] of Object.entries(histories)) {
      await page.route('**/api/tab/history*', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ observations, thresholds }) }),
      );
      await open('view=history');
      await chart.waitFor();
      assert.match(await page.getByTestId('history-summary').innerText(), new RegExp(`^${observations.length} observations? from`), what);
      await page.unroute('**/api/tab/history*');
    }
    assert.deepEqual(errors, [], 'no console error while drawing');
  });

  it('draws the lag chart with a text and table alternative (fixture API)', async () => {
    const stub = await startStub({ staticDir: path.join(projectRoot, 'dist', 'tab') });
    try {
      await page.goto(`${stub.url}/tab/?view=history`);
      const chart = page.getByRole('region', { name: /^Directory sync lag over time\. Line chart/ });
      await chart.waitFor();
      // A short history keeps a focusable point per observation, each read out with its time and lag.
      const points = chart.locator('[aria-label*=". Directory sync lag, "]');
      assert.ok((await points.count()) > 10, String(await points.count()));
      assert.match(
        (await points.first().getAttribute('aria-label')) ?? '',
        /^\w{3} \d+, \d{4}, .+\. Directory sync lag, (\d+ min|[\d.]+ h|[\d.]+ days)/,
      );
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
