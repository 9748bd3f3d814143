/**
 * The admin tab in headless Chromium against the demo stack (dev tenant → server → built tab):
 * each view on several dev-tenant scenarios, themes, widths, apps filters and CSV export,
 * personas, axe-core on every view. Screenshots go to test-results/screenshots/tab-*.png.
 * One test uses the fixture stub (tests/fixtures/tab-api) for a chart the fresh demo cannot have yet.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildTabIfStale } from '../../scripts/lib/build-tab';
import { startStub } from '../fixtures/tab-api/stub';
import { launchChromium, SCREENSHOT_DIR } from './browser';
import { startStack, type E2EStack } from './harness';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page; returns the serious and critical violations, described. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol rather than a <script> tag: the tab's CSP (script-src 'self')
  // rightly refuses inline scripts, and the test must not weaken it.
  await page.evaluate(await readFile(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: object, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    // Fluent's focus manager (tabster) adds aria-hidden focus sentinels that hand focus on at
    // once; axe cannot tell, so they are left out. Everything else is checked.
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')}`,
    );
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `tab-${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

/** True when the page scrolls sideways (something does not reflow). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

describe('e2e: the admin tab', () => {
  let stack: E2EStack;
  let browser: Browser;
  let page: Page;

  const useScenario = async (scenario: string): Promise<void> => {
    const response = await fetch(`${stack.devTenant.url}/_devtenant/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario }),
    });
    assert.equal(response.status, 200, `switching the dev tenant to ${scenario}`);
  };
  const open = async (query: string, width = 1280): Promise<void> => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${stack.server.url}/tab/?${query}`);
  };
  /** Opens the overview and presses Refresh, so the server reads the (switched) scenario again. */
  const refreshedOverview = async (query = 'view=overview'): Promise<void> => {
    await open(query);
    await page.getByTestId('overview').waitFor();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Refresh' }).and(page.locator(':not([disabled])')).waitFor();
  };
  const assertAccessible = async (what: string): Promise<void> => {
    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, [], `axe-core on ${what}`);
  };

  before(async () => {
    buildTabIfStale(projectRoot);
    stack = await startStack(path.join(projectRoot, 'dist', 'tab'));
    browser = await launchChromium();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(() => page?.close());
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  describe('overview per dev-tenant scenario', () => {
    afterEach(() => useScenario('healthy-hybrid'));

    it('healthy hybrid: password hash sync, sync tiles, domains, no critical finding', async () => {
      await open('view=overview');
      await page.getByTestId('overview').waitFor();
      assert.match(await page.getByTestId('identity-model').innerText(), /Hybrid/);
      assert.match(await page.getByTestId('sign-in').innerText(), /Password hash sync/);
      assert.match(await page.getByTestId('read-at').innerText(), /Read (just now|\d+ minutes? ago)/);
      await page.getByRole('heading', { name: 'Authentication per domain' }).waitFor();
      assert.equal(await page.locator('.finding[data-severity=critical]').count(), 0);
      await screenshot(page, 'overview-healthy-hybrid');
      await assertAccessible('the overview (healthy hybrid)');
    });

    const scenarios: Array<{ scenario: string; check: (page: Page) => Promise<void> }> = [
      {
        scenario: 'stale-sync',
        check: async (p) => {
          await p.locator('.finding[data-code="sync.stale"]').first().waitFor();
          assert.match(await p.locator('.finding[data-code="sync.stale"]').first().innerText(), /What to do/);
        },
      },
      {
        scenario: 'federated-cert-expiring',
        check: async (p) => {
          await p.locator('.finding[data-code^="federation.cert"]').first().waitFor();
          assert.match(await p.getByTestId('sign-in').innerText(), /Federation/);
          assert.match(await p.getByRole('table', { name: 'Authentication per domain' }).innerText(), /Federated[\s\S]*(Expires|Expired)/);
        },
      },
      {
        scenario: 'cloud-only',
        check: async (p) => {
          await p.getByTestId('identity-model').filter({ hasText: 'Cloud only' }).waitFor();
          await p.getByText('has never synced from an on-premises directory').waitFor();
        },
      },
      {
        scenario: 'sync-errors',
        check: async (p) => {
          await p.locator('.finding[data-code="sync.errors"]').first().waitFor();
        },
      },
    ];
    for (const { scenario, check } of scenarios) {
      it(`${scenario}: switched at runtime, read again with Refresh`, async () => {
        await useScenario(scenario);
        await refreshedOverview();
        await check(page);
        await screenshot(page, `overview-${scenario}`);
        await assertAccessible(`the overview (${scenario})`);
      });
    }
  });

  describe('themes and widths', () => {
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
  });

  describe('integrated apps', () => {
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

  describe('sync history', () => {
    it('shows the empty state before the watcher has observed anything', async () => {
      await open('view=history');
      await page.locator('[data-view=history]').waitFor();
      const empty = page.getByText('The watcher records an observation every 10 minutes');
      const chart = page.getByRole('img', { name: 'Directory sync lag over time' });
      await empty.or(chart).first().waitFor();
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

  describe('notification settings and personas', () => {
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
