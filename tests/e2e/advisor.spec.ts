import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR, sendInPlayground, usePlaygroundPage } from './browser';
import type { E2EStack } from './harness';

describe('e2e: an advisor clicked through in the Agents Playground, surviving a server restart', () => {
  const playground = usePlaygroundPage();
  let stack: E2EStack;
  let page: Page;
  before(() => ({ stack, page } = playground));

  const send = (text: string): Promise<void> => sendInPlayground(page, text);

  /** The advisor card (the last one showing the advisor's name). */
  const advisorCard = () => page.locator('.ac-adaptiveCard', { hasText: 'Entra Connect advisor' }).last();

  it('starts the Entra Connect advisor, answers, restarts the server mid-flow, and reaches a plan', async () => {
    await page.goto(stack.playground.url);
    await send('connect advisor');
    await advisorCard()
      .getByText(/Step 1 of \d+/)
      .waitFor({ timeout: 15_000 });
    assert.match(await advisorCard().innerText(), /Answered from your tenant/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'advisor-step1.png') });

    await advisorCard().getByRole('radio', { name: 'One forest' }).check();
    await advisorCard().getByRole('button', { name: 'Next' }).click();
    await advisorCard()
      .getByText(/Step 2 of \d+/)
      .waitFor({ timeout: 15_000 });

    await stack.restartServer();

    for (let step = 0; step < 12; step++) {
      const card = advisorCard();
      if ((await card.innerText()).includes('Checklist')) break;
      const text = await card.innerText();
      const stepNumber = /Step (\d+) of/.exec(text)?.[1];
      // Pick the last answer (each is a radio button with its full text), then Next.
      const choices = card.getByRole('radio');
      assert.ok((await choices.count()) > 0, `a choice on step ${stepNumber}`);
      await choices.last().check();
      await card.getByRole('button', { name: 'Next' }).click();
      await page.waitForFunction(
        (previous) => {
          const cards = [...document.querySelectorAll('.ac-adaptiveCard')].filter((c) => c.textContent?.includes('Entra Connect advisor'));
          const last = cards.at(-1)?.textContent ?? '';
          return !last.includes(`Step ${previous} of`) || last.includes('Checklist');
        },
        stepNumber,
        { timeout: 15_000 },
      );
    }
    const outcome = await advisorCard().innerText();
    assert.match(outcome, /Checklist/);
    assert.match(outcome, /Your answers/);
    await advisorCard().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'advisor-outcome.png'), fullPage: false });
  });
});
