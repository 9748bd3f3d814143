import assert from 'node:assert/strict';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR, subscribeInPlayground } from './browser';
import { checkNow, switchScenario, type E2EStack } from './harness';
import { usePlaygroundAndTab } from './tab-page';

/**
 * The sync and app findings an admin is alerted to, each met twice on one demo stack (built tab):
 * its alert card in the Agents Playground (one page, the dev tenant switched and checked between)
 * with its title, its evidence in sentences, what to do and its actions, and the place in the admin
 * tab that shows it. consented-apps: a high-privilege permission newly granted (the tab's open
 * alerts) and a SAML certificate expiring (the apps view); sync-errors: a client secret expired;
 * cloud-sync-failing: a Cloud Sync job whose last run failed and one not through its first run (the
 * overview). stale-sync's Entra Connect 1.6.16.0 (sync.clientVersionUnsupported) is in the tab only:
 * Graph gives the sync client's version to a signed-in Global Administrator alone, never to the
 * watcher's app-only access, so no alert can carry it. Screenshots in test-results/screenshots/:
 * alert-high-privilege-granted.png, alert-credential-expiring.png, alert-credential-expired.png,
 * alert-cloud-sync-failing.png, alert-cloud-sync-not-run.png; tab-finding-high-privilege-granted.png,
 * tab-finding-credential-expiring.png, tab-finding-credential-expired.png,
 * tab-finding-cloud-sync-failing.png, tab-finding-cloud-sync-not-run.png,
 * tab-finding-client-version-unsupported.png.
 */
describe('e2e: sync and app findings alerted in the Playground and shown in the tab', () => {
  const pages = usePlaygroundAndTab();
  let stack: E2EStack;
  let playground: Page;
  let tab: Page;

  before(async () => {
    ({ stack, playground, tab } = pages);
    await subscribeInPlayground(playground, stack.playground.url);
    // The watcher's first read of a tenant's apps only notes their grants: news is what comes after it.
    await checkNow(stack);
  });

  const useScenario = async (scenario: string): Promise<void> => {
    await switchScenario(stack, scenario);
    await checkNow(stack);
  };

  /**
   * The newest alert card whose title matches, checked as an admin reads it: its heading, the title,
   * each evidence sentence (no raw evidence key, no ISO time), "What to do" with the action, its
   * buttons and links; then screenshotted as alert-<name>.png.
   */
  async function assertAlert(name: string, heading: string, title: RegExp, evidence: RegExp[], action: string): Promise<void> {
    // The card's text runs its lines together: it is found by the title without its line anchors.
    const alert = playground.locator('.ac-adaptiveCard', { hasText: new RegExp(title.source.replace(/^\^|\$$/g, '')) }).last();
    await alert.waitFor({ timeout: 20_000 });
    await alert.scrollIntoViewIfNeeded();
    const text = (await alert.innerText()).split('\n').map((l) => l.trim());
    const all = text.join('\n');
    assert.ok(text.includes(heading), `${name}: heading ${heading}\n${all}`);
    const at = text.findIndex((l) => title.test(l));
    assert.ok(at >= 0, `${name}: the title on a line of its own\n${all}`);
    const todo = text.indexOf('What to do');
    assert.ok(todo > at, `${name}: What to do after the title\n${all}`);
    const sentences = text.slice(at + 1, todo).filter((l) => l.length > 0);
    for (const sentence of evidence)
      assert.ok(
        sentences.some((l) => sentence.test(l)),
        `${name}: evidence ${sentence}\n${all}`,
      );
    for (const line of sentences) {
      assert.doesNotMatch(line, /\d{4}-\d\d-\d\dT\d\d:/, `${name}: no ISO time`);
      assert.doesNotMatch(line, /\b[a-z]+[A-Z][A-Za-z]*\b/, `${name}: no raw evidence key in "${line}"`);
    }
    assert.ok(
      text.slice(todo + 1).some((l) => l.startsWith(action)),
      `${name}: action "${action}"\n${all}`,
    );
    for (const button of ['Acknowledge', 'Snooze…', 'Exclude…']) await alert.getByRole('button', { name: button }).waitFor();
    assert.equal(await alert.getByRole('link', { name: 'Open status tab' }).getAttribute('title'), `${stack.server.url}/tab/`);
    assert.match(
      (await alert.getByRole('link', { name: 'Learn how to fix it' }).getAttribute('title')) ?? '',
      /^https:\/\/learn\.microsoft\.com\//,
    );
    await playground.screenshot({ path: path.join(SCREENSHOT_DIR, `alert-${name}.png`) });
  }

  /** Opens a tab view; a view that reads the tenant is refreshed, so the server reads the switched scenario again. */
  async function openTab(view: 'overview' | 'apps' | 'settings'): Promise<void> {
    await tab.goto(`${stack.server.url}/tab/?view=${view}`);
    if (view === 'settings') return;
    const refresh = tab.getByRole('button', { name: 'Refresh' });
    await refresh.waitFor();
    await refresh.click();
    await refresh.and(tab.locator(':not([disabled])')).waitFor();
  }

  /** The element of the tab that shows the finding, checked for its text and screenshotted as tab-finding-<name>.png. */
  async function assertInTab(name: string, element: Locator, shows: RegExp[]): Promise<void> {
    await element.waitFor();
    await element.scrollIntoViewIfNeeded();
    const text = await element.innerText();
    for (const expected of shows) assert.match(text, expected, `${name} in the tab: ${text}`);
    await element.screenshot({ path: path.join(SCREENSHOT_DIR, `tab-finding-${name}.png`), animations: 'disabled' });
  }

  const overviewFinding = (code: string): Locator => tab.locator(`.finding[data-code="${code}"]`).first();

  it('consented-apps: a high-privilege permission newly granted, and a SAML signing certificate expiring', async () => {
    await useScenario('consented-apps');
    await assertAlert(
      'high-privilege-granted',
      'App alert',
      /^Contoso Mail Archiver was newly granted a high-privilege permission: full_access_as_app$/,
      [
        /^The app \(application id [0-9a-f-]{36}\) is registered in this tenant\.$/,
        /^Newly granted: Office 365 Exchange Online: full_access_as_app\.$/,
        /^First seen by the watcher just now \(.+ UTC\); it has read this tenant's apps since .+ UTC\.$/,
      ],
      'Confirm with whoever owns this app that the grant was intended and is still needed',
    );
    await assertAlert(
      'credential-expiring',
      'App alert',
      /^Workday: certificate "CN=Microsoft Azure Federated SSO Certificate" expires in 20 days$/,
      [/^Certificate "CN=Microsoft Azure Federated SSO Certificate" \(enterprise app\) expires in 20 days \(.+ UTC\)\.$/],
      'Add a new certificate (preferred) or secret, deploy it wherever the app runs',
    );

    await openTab('settings');
    await assertInTab(
      'high-privilege-granted',
      tab.getByTestId('open-alert').filter({ hasText: 'Contoso Mail Archiver was newly granted' }),
      [/Contoso Mail Archiver was newly granted a high-privilege permission: full_access_as_app/, /Apps · open since/],
    );
    await openTab('apps');
    await assertInTab('credential-expiring', tab.getByTestId('app-row').filter({ hasText: 'Workday' }), [/Expiring/, /in 20 days/]);
  });

  it('sync-errors: a client secret that expired 3 days ago', async () => {
    await useScenario('sync-errors');
    await assertAlert(
      'credential-expired',
      'App alert',
      /^Contoso Payroll Connector: client secret "payroll export" expired 3 days ago$/,
      [/^Client secret "payroll export" \(app registration\) expired 3 days ago \(.+ UTC\)\.$/],
      'If the app is still in use it can no longer sign in with this credential',
    );
    await openTab('apps');
    await assertInTab('credential-expired', tab.getByTestId('app-row').filter({ hasText: 'Contoso Payroll Connector' }), [
      /Expired/,
      /3 days ago/,
    ]);
  });

  it('cloud-sync-failing: a job whose last run failed, and a new configuration not through its first run', async () => {
    await useScenario('cloud-sync-failing');
    await assertAlert(
      'cloud-sync-failing',
      'Sync-health alert',
      /^Cloud Sync contoso\.com \(users, groups and contacts\): the last run failed$/,
      [
        /^Last run ended 2 minutes ago \(.+ UTC\) \(Failed\)\.$/,
        /^Its error: The request to the on-premises provisioning agent timed out after 10 minutes\.$/,
        /^Last run without errors ended 13 minutes ago \(.+ UTC\)\.$/,
        /^A warning after 1 hour without a completed run, critical after 24 hours\.$/,
      ],
      'In Microsoft Entra admin center > Cloud Sync > Agents check that at least one agent is active',
    );
    await assertAlert(
      'cloud-sync-not-run',
      'Sync-health alert',
      /^Cloud Sync fabrikam\.com \(users, groups and contacts\) has not completed its first run$/,
      [/^Configuration fabrikam\.com, job AD2AADProvisioning\.\w+; Graph's status: NotRun\.$/],
      'The first sync of a large directory takes a while',
    );

    await openTab('overview');
    await assertInTab('cloud-sync-failing', overviewFinding('cloudSync.failing'), [
      /the last run failed/,
      /Last run ended 2 minutes ago \(.+ UTC\) \(Failed\)\./,
      /Its error: The request to the on-premises provisioning agent timed out/,
      /What to do/,
    ]);
    await assertInTab('cloud-sync-not-run', overviewFinding('cloudSync.notRun'), [
      /fabrikam\.com \(users, groups and contacts\) has not completed its first run/,
      /What to do/,
    ]);
  });

  it('stale-sync: Entra Connect 1.6.16.0 is a retired version, in the tab a Global Administrator reads', async () => {
    await switchScenario(stack, 'stale-sync');
    await openTab('overview');
    await assertInTab('client-version-unsupported', overviewFinding('sync.clientVersionUnsupported'), [
      /Entra Connect Sync 1\.6\.16\.0 is a retired version/,
      /The sync client reports version 1\.6\.16\.0 \(Graph beta\)\./,
      /Entra Connect 1\.x stopped synchronising on 2023-10-01\./,
      /What to do/,
      /Upgrade the Entra Connect server to the latest 2\.x build/,
    ]);
  });
});
