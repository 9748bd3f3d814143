import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { buildTabIfStale } from '../../scripts/lib/build-tab';
import { launchChromium, SCREENSHOT_DIR } from './browser';
import { startStack, switchScenario, type E2EStack } from './harness';
import { startedBefore } from '../support/app';

/**
 * The admin tab in headless Chromium for a spec file: the demo stack (dev tenant → server → built
 * tab) started once, a fresh page per test, and the checks every view gets (axe-core, sideways
 * overflow, screenshots to test-results/screenshots/tab-*.png).
 */

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page (or a frame of it); returns the serious and critical violations, described. */
export async function seriousAxeViolations(page: Page | Frame): Promise<string[]> {
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

export interface TabPage {
  readonly stack: E2EStack;
  /** This test's page (a new one for every test). */
  readonly page: Page;
  /** Switches the dev tenant to another scenario. */
  useScenario(scenario: string): Promise<void>;
  /** Opens the tab with a query string (view, theme, persona) at a width. */
  open(query: string, width?: number): Promise<void>;
  /** Opens the overview and presses Refresh, so the server reads the (switched) scenario again. */
  refreshedOverview(query?: string): Promise<void>;
  /** Fails on any serious or critical axe-core violation, naming `what` was checked. */
  assertAccessible(what: string): Promise<void>;
}

/** The demo stack and Chromium for a describe block (started before, stopped after), a new page per test. */
export function useTabPage(): TabPage {
  let stack: E2EStack | undefined;
  let browser: Browser | undefined;
  let current: Page | undefined;

  before(async () => {
    buildTabIfStale(projectRoot);
    stack = await startStack(path.join(projectRoot, 'dist', 'tab'));
    browser = await launchChromium();
  });
  beforeEach(async () => {
    current = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterEach(() => current?.close());
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const tab: TabPage = {
    get stack() {
      if (!stack) throw new Error('the stack starts in before()');
      return stack;
    },
    get page() {
      if (!current) throw new Error('the page opens in beforeEach()');
      return current;
    },
    useScenario: (scenario) => switchScenario(tab.stack, scenario),
    async open(query, width = 1280) {
      await tab.page.setViewportSize({ width, height: 900 });
      await tab.page.goto(`${tab.stack.server.url}/tab/?${query}`);
    },
    async refreshedOverview(query = 'view=overview') {
      await tab.open(query);
      await tab.page.getByTestId('overview').waitFor();
      await tab.page.getByRole('button', { name: 'Refresh' }).click();
      await tab.page.getByRole('button', { name: 'Refresh' }).and(tab.page.locator(':not([disabled])')).waitFor();
    },
    async assertAccessible(what) {
      const violations = await seriousAxeViolations(tab.page);
      assert.deepEqual(violations, [], `axe-core on ${what}`);
    },
  };
  return tab;
}

export interface PlaygroundAndTab {
  readonly stack: E2EStack;
  /** The Agents Playground's chat. */
  readonly playground: Page;
  /** The admin tab, built as users get it (dist/tab). */
  readonly tab: Page;
}

/** The demo stack serving the built tab, and two pages of one Chromium: the Playground and the tab. Started before, stopped after. */
export function usePlaygroundAndTab(): PlaygroundAndTab {
  let stack: E2EStack | undefined;
  let browser: Browser | undefined;
  let pages: { playground: Page; tab: Page } | undefined;
  before(async () => {
    buildTabIfStale(projectRoot);
    stack = await startStack(path.join(projectRoot, 'dist', 'tab'));
    browser = await launchChromium();
    pages = {
      playground: await browser.newPage({ viewport: { width: 1280, height: 1000 } }),
      tab: await browser.newPage({ viewport: { width: 1280, height: 900 } }),
    };
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });
  return {
    get stack() {
      return startedBefore(stack, 'the stack');
    },
    get playground() {
      return startedBefore(pages, 'the stack').playground;
    },
    get tab() {
      return startedBefore(pages, 'the stack').tab;
    },
  };
}
