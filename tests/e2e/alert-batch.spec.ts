import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { largeScenarioFile } from '../support/large-tenant';
import { cardLines, newestCard, SCREENSHOT_DIR, subscribeInPlayground, usePlaygroundPage } from './browser';
import { checkNow, switchScenario, type E2EStack } from './harness';

/**
 * A consolidated alert card as an admin meets it in the Agents Playground (headless Chromium): the
 * dev tenant serves 250 generated apps, 8 of them with a credential expiring within 30 days, and the
 * chat gets one card listing them; "Acknowledge all" acknowledges every one and the card says who and
 * when in place. Screenshots: test-results/screenshots/alert-batch-{new,acknowledged}.png.
 */
describe('e2e: a consolidated alert card in the Playground, acknowledged all at once', () => {
  const playground = usePlaygroundPage({ width: 1280, height: 1400 });
  let stack: E2EStack;
  let page: Page;
  before(() => ({ stack, page } = playground));

  const card = (text: RegExp): Promise<Locator> => newestCard(page, text);
  const shoot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `alert-batch-${name}.png`) });
  const lines = cardLines;

  before(async () => {
    await subscribeInPlayground(page, stack.playground.url);
  });

  it('lists the expiring credentials on one card, and Acknowledge all says who and when on it', async () => {
    const scenario = largeScenarioFile(250);
    try {
      await switchScenario(stack, scenario.file);
    } finally {
      scenario.remove();
    }
    await checkNow(stack);
    const batch = await card(/8 apps have a client secret or certificate expiring within 30 days/);
    const text = await lines(batch);
    assert.ok(text.includes('All, the most urgent first:'), text.join('\n'));
    assert.equal(text.filter((l) => /^expires \d{4}-\d\d-\d\d \(in /.test(l)).length, 8, text.join('\n'));
    await batch.getByRole('button', { name: 'Snooze all…' }).waitFor();
    await shoot('new');

    await batch.getByRole('button', { name: 'Acknowledge all' }).click();
    const acknowledged = await card(/expiring within 30 days[\s\S]*Acknowledged by Adele Vance at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    const after = await lines(acknowledged);
    assert.ok(after.includes('8 of the 8 listed acknowledged now; none of them reminds again.'), after.join('\n'));
    assert.equal(await acknowledged.getByRole('button', { name: 'Acknowledge all' }).count(), 0, 'nothing left to acknowledge');
    await shoot('acknowledged');
  });
});
