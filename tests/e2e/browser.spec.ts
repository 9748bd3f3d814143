import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { buildTabIfStale } from '../../scripts/lib/build-tab';
import { launchChromium, SCREENSHOT_DIR, sendInPlayground } from './browser';
import { startStack, type E2EStack } from './harness';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('e2e: headless Chromium', () => {
  let stack: E2EStack;
  let browser: Browser;
  let page: Page;

  before(async () => {
    buildTabIfStale(projectRoot);
    stack = await startStack(path.join(projectRoot, 'dist', 'tab'));
    browser = await launchChromium();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterEach(() => page?.close());
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('sends "help" in the Agents Playground and sees the help card', async () => {
    await page.goto(stack.playground.url);
    await sendInPlayground(page, 'help');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'What I can do' }).last();
    await card.waitFor({ timeout: 15_000 });
    assert.match(await card.innerText(), /subscribe/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'playground-help.png') });
  });

  it('asks a question in the Playground and sees the answer card with its actions', async () => {
    await page.goto(stack.playground.url);
    await sendInPlayground(page, 'pta vs phs');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Key facts' }).last();
    await card.waitFor({ timeout: 15_000 });
    assert.match(await card.innerText(), /pass-through authentication/i);
    await card.getByRole('button', { name: 'Helpful', exact: true }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'playground-answer.png') });
  });

  it('opens the tab page in a browser outside Teams', async () => {
    await page.goto(`${stack.server.url}/tab/`);
    await page.getByRole('heading', { name: 'Entra status' }).waitFor();
    await page.getByText('Demo (dev tenant on this machine)').waitFor({ timeout: 10_000 });
    assert.match(await page.innerText('main'), /outside Teams/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'tab-overview.png') });
  });
});
