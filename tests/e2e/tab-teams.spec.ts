import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildTabIfStale } from '../../scripts/lib/build-tab';
import { launchChromium } from './browser';
import { projectRoot, screenshot, seriousAxeViolations } from './tab-page';
import { TeamsHost, type SsoAnswer, type TeamsHostOptions } from './teams-host/teams-host';
import { startTeamsStack, TEAMS_ADMIN, TEST_CLIENT_ID, type TeamsStack } from './teams-host/teams-stack';

/**
 * The admin tab inside Microsoft Teams: Chromium opens a Teams host page that frames the built tab
 * and answers teams-js as Teams does; the server validates the SSO token the host hands out.
 */
describe('e2e: the admin tab inside Microsoft Teams (a Teams host in Chromium)', () => {
  let stack: TeamsStack;
  let browser: Browser;
  let host: TeamsHost | undefined;

  before(async () => {
    buildTabIfStale(projectRoot);
    stack = await startTeamsStack(path.join(projectRoot, 'dist', 'tab'));
    browser = await launchChromium();
  });
  afterEach(async () => {
    await host?.close();
    host = undefined;
    stack.requireConsent(false);
    stack.apiCalls.length = 0;
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const sso = async (): Promise<SsoAnswer> => ({ token: await stack.ssoToken() });
  const openInTeams = async (options: Partial<TeamsHostOptions> = {}): Promise<TeamsHost> => {
    host = await TeamsHost.open(browser, {
      contentUrl: `${stack.url}/tab/?view=overview`,
      user: TEAMS_ADMIN,
      sso,
      authority: stack.authority,
      ...options,
    });
    return host;
  };
  const demoSignInUsed = (): boolean => stack.apiCalls.some((call) => call.path === '/api/tab/dev/token');

  it("initializes through teams-js, signs in with the Teams SSO token and shows the tenant's status, not the demo sign-in", async () => {
    const teams = await openInTeams();
    await teams.tab.getByTestId('overview').waitFor();
    assert.match(await teams.tab.getByTestId('signed-in').innerText(), /Megan Bowen · Global Administrator/);
    assert.match(await teams.tab.getByTestId('identity-model').innerText(), /Hybrid/);
    assert.match(await teams.tab.locator('footer').innerText(), /Running in Microsoft Teams ·/);

    const calls = teams.calls();
    assert.deepEqual(calls.slice(0, 2), ['initialize', 'getContext']);
    assert.ok(calls.includes('authentication.getAuthToken'), `the tab asked the host for its SSO token (${calls.join(', ')})`);
    assert.equal(demoSignInUsed(), false, 'inside Teams the demo sign-in is never used');
    assert.ok(stack.apiCalls.length > 0);
    assert.ok(
      stack.apiCalls.every((call) => call.tenantId === TEAMS_ADMIN.tenantId),
      'every API call carried the Teams token',
    );
    assert.deepEqual(teams.unanswered, [], 'the tab asked the host only what it answers');
    assert.ok(
      teams.blocked.every((url) => url.startsWith('https://res.cdn.office.net/teams-js/')),
      `nothing but teams-js's origin list tried to leave the machine: ${teams.blocked.join(', ')}`,
    );
    await screenshot(teams.page, 'teams-overview');
    const violations = await seriousAxeViolations(teams.page.frames().find((f) => f.url().startsWith(stack.url))!);
    assert.deepEqual(violations, [], 'axe-core on the overview inside Teams');
  });

  it('a host that answers initialize only after 4 s still ends in the Teams path', async () => {
    const teams = await openInTeams({ initialize: { delayMs: 4000 } });
    await teams.tab.getByTestId('overview').waitFor({ timeout: 30_000 });
    assert.match(await teams.tab.getByTestId('signed-in').innerText(), /Megan Bowen/);
    assert.equal(demoSignInUsed(), false);
  });

  it('a host that never answers: a clear message after a bounded wait, never the demo sign-in', async () => {
    const teams = await openInTeams({ initialize: 'never' });
    const alert = teams.tab.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.innerText(), /Microsoft Teams is not answering/);
    assert.equal(await teams.tab.getByTestId('signed-in').count(), 0);
    assert.deepEqual(stack.apiCalls, [], 'no API call without a Teams token, and no demo sign-in');
  });

  it('Teams cannot issue the SSO token: "Sign-in failed" with the reason, and Retry asks Teams again', async () => {
    let answers = 0;
    const teams = await openInTeams({
      sso: async () => (++answers === 1 ? { failure: 'resourceDisabled' } : { token: await stack.ssoToken() }),
    });
    const alert = teams.tab.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Sign-in failed/);
    assert.match(await alert.innerText(), /Microsoft Teams could not sign you in \(resourceDisabled\)/);
    assert.doesNotMatch(await alert.innerText(), /demo mode/);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await teams.tab.getByTestId('overview').waitFor();
    assert.equal(demoSignInUsed(), false);
  });

  describe('consent required (the on-behalf-of exchange needs consent for Graph)', () => {
    beforeEach(() => stack.requireConsent(true));

    const grantConsent = async (teams: TeamsHost, answer: 'Accept' | 'Cancel'): Promise<void> => {
      const consent = teams.tab.getByRole('alert').filter({ hasText: 'Consent needed' });
      await consent.waitFor();
      const popupOpened = teams.page.context().waitForEvent('page');
      await consent.getByRole('button', { name: 'Grant consent' }).click();
      const popup = await popupOpened;
      await popup.getByRole('button', { name: answer }).click();
      await popup.waitForEvent('close');
    };

    it('Grant consent opens the consent popup through Teams; after the user accepts, the status loads', async () => {
      const teams = await openInTeams();
      await grantConsent(teams, 'Accept');
      await teams.tab.getByTestId('overview').waitFor();

      assert.ok(teams.calls().includes('authentication.authenticate'));
      assert.deepEqual(teams.calls('auth').slice(0, 2), ['initialize', 'getContext'], 'the popup pages talk to Teams too');
      assert.ok(teams.calls('auth').includes('authentication.authenticate.success'));
      const [authorize] = stack.authority.requests;
      assert.equal(authorize.get('client_id'), TEST_CLIENT_ID);
      assert.equal(authorize.get('prompt'), 'consent');
      assert.equal(authorize.get('login_hint'), TEAMS_ADMIN.userPrincipalName);
      assert.equal(authorize.get('redirect_uri'), `${stack.url}/tab/auth-end.html`);
      assert.ok(stack.authority.consented.has(TEAMS_ADMIN.tenantId));
    });

    it('the user cancels on the consent page: the tab says consent was not given and still offers it', async () => {
      const teams = await openInTeams();
      await grantConsent(teams, 'Cancel');
      const consent = teams.tab.getByRole('alert').filter({ hasText: 'Consent needed' });
      await consent.getByText(/The consent window closed without consent: AADSTS65004/).waitFor();
      assert.equal(await consent.getByRole('button', { name: 'Grant consent' }).isEnabled(), true);
    });
  });

  it('inside Outlook (a Microsoft 365 host of Teams tabs) takes the same path and names Outlook as its host', async () => {
    const outlook = await openInTeams({ origin: 'https://outlook.office.com', host: { name: 'Outlook' } });
    await outlook.tab.getByTestId('overview').waitFor();
    assert.match(await outlook.tab.getByTestId('signed-in').innerText(), /Megan Bowen/);
    assert.match(await outlook.tab.locator('footer').innerText(), /Running in Outlook/);
    assert.equal(demoSignInUsed(), false);
  });

  it("re-themes when the Teams user switches theme, and starts in the host's theme", async () => {
    const teams = await openInTeams({ theme: 'dark' });
    await teams.tab.getByTestId('overview').waitFor();
    const background = (): Promise<string> =>
      teams.tab.locator('.shell').evaluate((el) => getComputedStyle(el.closest('.fui-FluentProvider')!).backgroundColor);
    const theme = (): Promise<string | undefined> => teams.tab.locator('html').evaluate((el) => (el as HTMLElement).dataset.theme);
    assert.equal(await theme(), 'dark');
    const dark = await background();

    assert.ok(teams.registeredHandlers.has('themeChange'), 'the tab registered for theme changes');
    await teams.setTheme('default');
    await teams.tab.locator('html[data-theme="default"]').waitFor({ state: 'attached' });
    assert.notEqual(await background(), dark);
    await teams.setTheme('contrast');
    await teams.tab.locator('html[data-theme="contrast"]').waitFor({ state: 'attached' });
    await screenshot(teams.page, 'teams-contrast');
  });
});
