import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startStack, type E2EStack } from './harness';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-results', 'screenshots');

/** Debian's Chromium, headless, with the flags this offline machine needs (Playwright gives it a fresh profile). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Types a message into the Agents Playground's chat box and sends it. */
export async function sendInPlayground(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
  await box.waitFor({ timeout: 30_000 });
  await box.click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

/** Opens the Playground's chat and subscribes it to sync-health alerts, waiting for the bot's confirmation. */
export async function subscribeInPlayground(page: Page, playgroundUrl: string): Promise<void> {
  await page.goto(playgroundUrl);
  await sendInPlayground(page, 'subscribe');
  await page
    .getByText(/Subscribed: you get/)
    .first()
    .waitFor({ timeout: 15_000 });
}

export interface PlaygroundPage {
  readonly stack: E2EStack;
  readonly page: Page;
}

/** The demo stack and one Chromium page for a describe block: started before, stopped after. */
export function usePlaygroundPage(viewport = { width: 1280, height: 900 }): PlaygroundPage {
  let stack: E2EStack | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(async () => {
    stack = await startStack('tests/fixtures/tab');
    browser = await launchChromium();
    page = await browser.newPage({ viewport });
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });
  return {
    get stack() {
      if (!stack) throw new Error('the stack starts in before()');
      return stack;
    },
    get page() {
      if (!page) throw new Error('the page opens in before()');
      return page;
    },
  };
}

/** The newest Adaptive Card on the page whose text matches, once it has arrived, scrolled into view. */
export async function newestCard(page: Page, text: RegExp | string, timeout = 20_000): Promise<Locator> {
  const found = page.locator('.ac-adaptiveCard', { hasText: text }).last();
  await found.waitFor({ timeout });
  await found.scrollIntoViewIfNeeded();
  return found;
}

/** A card's text as an admin reads it, one trimmed line per line, in order. */
export async function cardLines(card: Locator): Promise<string[]> {
  return (await card.innerText()).split('\n').map((line) => line.trim());
}
