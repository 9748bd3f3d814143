import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot, useTabPage } from './tab-page';

/**
 * The admin tab's overview in headless Chromium on each dev-tenant scenario, switched at runtime and
 * read again with Refresh; axe-core on each.
 */
describe('e2e: the admin tab overview per dev-tenant scenario', () => {
  const tab = useTabPage();
  const { open, useScenario, refreshedOverview, assertAccessible } = tab;
  let page: Page;
  beforeEach(() => (page = tab.page));

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
    {
      scenario: 'missing-permission',
      check: async (p) => {
        const health = p.locator('.sections-read li[data-section="serviceHealth"]');
        await health.waitFor();
        assert.equal(await health.getAttribute('data-state'), 'notChecked');
        assert.match(await health.innerText(), /not checked, because .*403 Authorization_RequestDenied.*ServiceHealth\.Read\.All/);
        assert.match(await p.getByTestId('read-as').innerText(), /signed-in user's access \(Global Administrator\)/);
        const notChecked = await p.locator('.not-checked').innerText();
        assert.match(notChecked, /Microsoft Entra service health: unknown, because not permitted/);
        assert.doesNotMatch(notChecked, /unknown, because unknown/, 'said once');
      },
    },
    {
      scenario: 'federated-subdomain',
      check: async (p) => {
        await p.getByRole('heading', { name: 'Authentication per domain' }).waitFor();
        assert.match(
          await p.getByRole('table', { name: 'Authentication per domain' }).innerText(),
          /eu\.contoso\.com[\s\S]*contoso\.com's federation/,
        );
      },
    },
    {
      scenario: 'service-issues-paged',
      check: async (p) => {
        await p.locator('.finding[data-code="service.incident"]').first().waitFor();
        assert.equal(await p.locator('.finding[data-code="service.incident"]').count(), 1, 'only the open Entra incident, from page 2');
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
