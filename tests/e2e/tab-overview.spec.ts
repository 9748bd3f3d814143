import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { SCREENSHOT_DIR } from './browser';
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

  it('a fresh demo load signs in before its first API call: no request is refused 401, no console error', async () => {
    const errors: string[] = [];
    const calls: Array<{ path: string; status: number; token: boolean }> = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const failed: string[] = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (response.status() >= 400) failed.push(`${response.status()} ${pathname}`);
      if (pathname.startsWith('/api/tab/'))
        calls.push({ path: pathname, status: response.status(), token: Boolean(response.request().headers().authorization) });
    });
    await open('view=overview');
    await page.getByTestId('overview').waitFor();
    await page.getByTestId('identity-model').waitFor();
    const refused = calls.filter((call) => call.status === 401);
    assert.deepEqual(refused, [], 'no call is refused for want of a token');
    assert.deepEqual(failed, [], 'nothing the page loads fails');
    assert.deepEqual(errors, [], 'no console error on a fresh load');
    const signIn = calls.findIndex((call) => call.path === '/api/tab/dev/token');
    const me = calls.findIndex((call) => call.path === '/api/tab/me');
    assert.ok(signIn >= 0 && me > signIn, `the sign-in answers before /api/tab/me: ${calls.map((c) => c.path).join(', ')}`);
    assert.ok(
      calls
        .filter((call) => !['/api/tab/dev/token', '/api/tab/config'].includes(call.path))
        .every((call) => call.token && call.status === 200),
      `every data call carries the token and is answered: ${JSON.stringify(calls)}`,
    );
  });

  it('healthy hybrid: password hash sync, sync tiles, domains, no critical finding', async () => {
    await open('view=overview');
    await page.getByTestId('overview').waitFor();
    assert.match(await page.getByTestId('identity-model').innerText(), /Hybrid/);
    assert.match(await page.getByTestId('sign-in').innerText(), /Password hash sync/);
    assert.match(await page.getByTestId('read-at').innerText(), /Read (just now|\d+ minutes? ago)/);
    await page.getByRole('heading', { name: 'Authentication per domain' }).waitFor();
    assert.equal(await page.locator('.finding[data-severity=critical]').count(), 0);
    // The demo signs in as a Global Administrator: the one role Graph gives the sync configuration.
    const connect = page.getByTestId('connect-details');
    assert.equal(await connect.getAttribute('data-state'), 'read');
    assert.match(await page.getByTestId('connect-deletion-prevention').innerText(), /more than 500 objects is stopped \(the default\)/);
    const feature = (key: string) => connect.locator(`li[data-feature="${key}"]`);
    assert.equal(await feature('blockSoftMatchEnabled').getAttribute('data-on'), 'true');
    assert.match(await feature('blockSoftMatchEnabled').innerText(), /On\s+Soft matching blocked/);
    assert.equal(await feature('deviceWritebackEnabled').getAttribute('data-on'), 'false');
    assert.equal(await connect.locator('li[data-feature]').count(), 19);
    assert.match(
      await page.getByTestId('connect-client-version').innerText(),
      /^2\.5\.79\.0 \(a 2\.x build is supported until 12 months after/,
    );
    assert.equal(await page.getByTestId('connect-interval').innerText(), 'every 30 minutes');
    assert.equal(await page.getByTestId('connect-requested-interval').count(), 0, 'none requested: not listed');
    assert.match(await page.getByTestId('connect-source').innerText(), /beta API/);
    await screenshot(page, 'overview-healthy-hybrid');
    await connect.screenshot({ path: path.join(SCREENSHOT_DIR, 'tab-connect-details.png'), animations: 'disabled' });
    await assertAccessible('the overview (healthy hybrid)');
  });

  it("a Global Reader's overview: Entra Connect details not checked, because only a Global Administrator may read them", async () => {
    await open('view=overview&persona=reader');
    const connect = page.getByTestId('connect-details');
    await connect.waitFor();
    assert.equal(await connect.getAttribute('data-state'), 'notChecked');
    assert.equal(
      await page.getByTestId('connect-not-checked').innerText(),
      'Not checked, because only a Global Administrator may read the sync configuration, and the signed-in admin is not one (Graph answered 403 Authorization_RequestDenied).',
    );
    assert.equal(await connect.locator('li[data-feature]').count(), 0, 'no feature shown as off');
    assert.equal(await page.locator('.finding[data-code="sync.deletionPreventionOff"]').count(), 0);
    await screenshot(page, 'overview-connect-not-checked');
    await assertAccessible('the overview (Global Reader)');
  });

  it('consented-apps: the findings heading counts "3 apps need attention", a link to the apps view', async () => {
    await useScenario('consented-apps');
    await refreshedOverview();
    const counted = page.locator('[data-testid="apps-attention"][data-state="ok"]');
    await counted.waitFor();
    assert.equal(await counted.getAttribute('data-count'), '3');
    assert.match(await counted.innerText(), /3 apps need attention \(2 expiring soon, 2 high-privilege\)/);
    assert.match(await page.getByRole('heading', { name: /^Findings/ }).innerText(), /3 apps need attention/);
    await screenshot(page, 'overview-apps-attention');
    await assertAccessible('the overview with its app count');
    await counted.getByRole('link', { name: '3 apps need attention' }).click();
    await page.locator('[data-view="apps"]').waitFor();
    assert.match(page.url(), /view=apps/);
    assert.equal(await page.getByRole('tab', { name: 'Integrated apps' }).getAttribute('aria-selected'), 'true');
  });

  const scenarios: Array<{ scenario: string; check: (page: Page) => Promise<void> }> = [
    {
      scenario: 'stale-sync',
      check: async (p) => {
        await p.locator('.finding[data-code="sync.stale"]').first().waitFor();
        assert.match(await p.locator('.finding[data-code="sync.stale"]').first().innerText(), /What to do/);
        // Its server still runs Entra Connect 1.6.16.0, retired: a critical finding and the badge beside the version.
        assert.match(
          await p.locator('.finding[data-code="sync.clientVersionUnsupported"]').innerText(),
          /1\.6\.16\.0 is a retired version/,
        );
        const version = p.getByTestId('connect-client-version');
        assert.match(await version.innerText(), /1\.6\.16\.0 \(Entra Connect 1\.x is retired: it stopped synchronising on 2023-10-01\)/);
        assert.equal(await version.locator('.severity-badge').getAttribute('data-severity'), 'critical');
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
        assert.equal(await p.getByTestId('connect-details').count(), 0, 'no Entra Connect details for a tenant that never synced');
      },
    },
    {
      scenario: 'sync-errors',
      check: async (p) => {
        await p.locator('.finding[data-code="sync.errors"]').first().waitFor();
        const deletion = p.getByTestId('connect-deletion-prevention');
        assert.match(await deletion.innerText(), /Off: a sync may delete any number of objects/);
        assert.equal(await deletion.locator('.severity-badge').getAttribute('data-severity'), 'warning');
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
