import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR, subscribeInPlayground, usePlaygroundPage } from './browser';
import { checkNow, switchScenario, type E2EStack } from './harness';

describe('e2e: an alert as an admin sees it in the Playground, acknowledged in place', () => {
  const playground = usePlaygroundPage({ width: 1280, height: 1000 });
  let stack: E2EStack;
  let page: Page;
  before(() => ({ stack, page } = playground));

  it('subscribes, receives the stale-sync alert card, and acknowledges it', async () => {
    await subscribeInPlayground(page, stack.playground.url);

    await switchScenario(stack, 'stale-sync');
    await checkNow(stack);

    const alert = page.locator('.ac-adaptiveCard', { hasText: 'Directory sync last ran' }).last();
    await alert.waitFor({ timeout: 20_000 });
    assert.match(await alert.innerText(), /Acknowledge/);
    await alert.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'alert-new.png') });

    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await page
      .locator('.ac-adaptiveCard', { hasText: /Acknowledged by/ })
      .last()
      .waitFor({ timeout: 15_000 });
    await page
      .locator('.ac-adaptiveCard', { hasText: /Acknowledged by/ })
      .last()
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'alert-acknowledged.png') });
  });
});
