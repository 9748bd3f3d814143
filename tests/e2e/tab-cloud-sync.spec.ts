import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { overflowsHorizontally, screenshot, useTabPage } from './tab-page';

/**
 * Cloud Sync in the admin tab, in headless Chromium, per dev-tenant scenario switched at runtime:
 * the overview lists each provisioning job (what it syncs, its state, its last runs) and each
 * cloudSync.* finding with its evidence in sentences and what to do, and its provisioning agents
 * (Graph gives them to the signed-in admin only). Screenshots:
 * test-results/screenshots/tab-cloud-sync-<scenario>.png, tab-cloud-sync-agents-{one-inactive,none-active}.png.
 */
describe('e2e: Cloud Sync jobs and findings in the admin tab', () => {
  const tab = useTabPage();
  let page: Page;
  beforeEach(() => (page = tab.page));
  afterEach(() => tab.useScenario('healthy-hybrid'));

  const jobs = (): Locator => page.getByRole('table', { name: 'Cloud Sync jobs' });
  /** The table's body rows, each as its cells' text. */
  const jobRows = async (): Promise<string[][]> => {
    const rows = await jobs().getByRole('row').all();
    const cells = await Promise.all(rows.slice(1).map((row) => row.getByRole('cell').allInnerTexts()));
    return cells.map((row) => row.map((cell) => cell.replace(/\s+/g, ' ').trim()));
  };
  /** A finding, found by its title: the list item that carries an evidence list. */
  const finding = (title: RegExp): Locator =>
    page
      .getByRole('listitem')
      .filter({ hasText: title })
      .filter({ has: page.getByRole('list', { name: 'Evidence' }) });
  const evidenceOf = (item: Locator): Promise<string[]> =>
    item.getByRole('list', { name: 'Evidence' }).getByRole('listitem').allInnerTexts();
  /** The agents table's body rows, each as its cells' text. */
  const agentRows = async (): Promise<string[][]> => {
    const table = page.getByRole('table', { name: 'Cloud Sync agents' });
    await table.waitFor();
    const rows = await table.getByRole('row').all();
    const cells = await Promise.all(rows.slice(1).map((row) => row.getByRole('cell').allInnerTexts()));
    return cells.map((row) => row.map((cell) => cell.replace(/\s+/g, ' ').trim()));
  };
  const open = async (scenario: string): Promise<void> => {
    await tab.useScenario(scenario);
    await tab.refreshedOverview();
    await page.getByRole('heading', { name: 'Cloud Sync', exact: true }).waitFor();
  };

  it('cloud-sync-healthy: both jobs running every 2 minutes, last run a minute ago, no finding', async () => {
    await open('cloud-sync-healthy');
    const rows = await jobRows();
    assert.deepEqual(
      rows.map(([configuration, syncs, state]) => [configuration, syncs, state]),
      [
        ['contoso.com', 'users, groups and contacts, every 2 minutes', 'Running'],
        ['contoso.com', 'password hashes, every 2 minutes', 'Running'],
      ],
    );
    for (const row of rows) assert.match(row[3], /^(just now|\d+ minutes? ago) \(succeeded\)$/);
    await page.getByText('No findings about sync, federation or service health: every check that could run passed.').waitFor();
    assert.deepEqual(await agentRows(), [
      ['CONTOSO-SYNC01.contoso.com', '203.0.113.10', 'Active'],
      ['CONTOSO-SYNC02.contoso.com', '203.0.113.11', 'Active'],
      ['CONTOSO-SYNC03.contoso.com', '203.0.113.12', 'Active'],
    ]);
    await screenshot(page, 'cloud-sync-healthy');
    await tab.assertAccessible('the overview with Cloud Sync (healthy)');
  });

  it('cloud-sync-quarantined: the provisioning job in quarantine with its reason, the finding says why and what to do', async () => {
    await open('cloud-sync-quarantined');
    const [provisioning, passwords] = await jobRows();
    assert.deepEqual(provisioning.slice(0, 3), [
      'contoso.com',
      'users, groups and contacts, every 2 minutes',
      'Warning In quarantine (EncounteredEscrowProportionThreshold)',
    ]);
    assert.match(provisioning[3], /^\d+ minutes ago \(failed, 306 objects failed\)$/);
    // Last success 5 h 59 min 40 s before the scenario's now, counted down (identity/tenant/age.ts): 5 hours, then 6 once 20 s have passed.
    assert.match(provisioning[4], /^[56] hours ago$/);
    assert.deepEqual(passwords.slice(0, 3), ['contoso.com', 'password hashes, every 2 minutes', 'Running']);

    const quarantined = finding(/Cloud Sync contoso\.com \(users, groups and contacts\) is in quarantine for 5 hours/);
    assert.equal(await quarantined.count(), 1);
    assert.match(await quarantined.innerText(), /^Warning/);
    const evidence = await evidenceOf(quarantined);
    assert.ok(
      evidence.some((s) => /^In quarantine since 5 hours ago \(.+ UTC\), because EncounteredEscrowProportionThreshold\.$/.test(s)),
      evidence.join('\n'),
    );
    assert.ok(
      evidence.includes('Quarantine error: The proportion of failed objects exceeded the quarantine threshold.'),
      evidence.join('\n'),
    );
    assert.ok(evidence.includes('Critical once the quarantine lasts 24 hours.'), evidence.join('\n'));
    assert.match(await quarantined.innerText(), /What to do: Too many objects failed to sync\. Read their errors in the provisioning logs/);
    await quarantined.getByRole('link', { name: /Learn more about Cloud Sync contoso\.com/ }).waitFor();
    await screenshot(page, 'cloud-sync-quarantined');
    await tab.assertAccessible('the overview with Cloud Sync (quarantined)');

    await tab.open('view=overview', 320);
    const cards = page.getByRole('list', { name: 'Cloud Sync jobs' }).getByRole('listitem');
    await cards.first().waitFor();
    assert.match(await cards.first().innerText(), /contoso\.com: users, groups and contacts\s+Warning\s+In quarantine/);
    assert.equal(await overflowsHorizontally(page), false, 'the jobs reflow at 320px');
  });

  it('connect-and-cloud-sync: Connect Sync fresh in the tiles, the fabrikam.com jobs not run for 2 hours, one finding each', async () => {
    await open('connect-and-cloud-sync');
    assert.match(await page.getByRole('region', { name: 'Directory sync' }).innerText(), /Last sync\s+\d+ minutes ago/);
    const rows = await jobRows();
    assert.deepEqual(
      rows.map(([configuration, syncs, state]) => [configuration, syncs, state]),
      [
        ['fabrikam.com', 'users, groups and contacts, every 2 minutes', 'Warning Running'],
        ['fabrikam.com', 'password hashes, every 2 minutes', 'Warning Running'],
      ],
    );
    assert.match(rows[0][3], /\(failed\)$/);
    for (const row of rows) assert.equal(row[4], '2 hours ago');

    const provisioning = finding(/Cloud Sync fabrikam\.com \(users, groups and contacts\) has not completed a run for 2 hours/);
    const passwords = finding(/Cloud Sync fabrikam\.com \(password hashes\) has not completed a run for 2 hours/);
    assert.equal(await provisioning.count(), 1);
    assert.equal(await passwords.count(), 1);
    const evidence = await evidenceOf(provisioning);
    assert.ok(evidence.includes('Its error: No active provisioning agent is available for fabrikam.com.'), evidence.join('\n'));
    assert.ok(evidence.includes('A warning after 1 hour without a completed run, critical after 24 hours.'), evidence.join('\n'));
    for (const item of [provisioning, passwords]) {
      assert.match(
        await item.innerText(),
        /What to do: In Microsoft Entra admin center > Cloud Sync > Agents check that at least one agent is active/,
      );
    }
    await screenshot(page, 'cloud-sync-connect-and-cloud-sync');
    await tab.assertAccessible('the overview with Connect and Cloud Sync');
  });

  it('cloud-sync-failing: one of two agents inactive, marked in the agents table; a warning names it and says what to do', async () => {
    await open('cloud-sync-failing');
    assert.deepEqual(await agentRows(), [
      ['CONTOSO-SYNC01.contoso.com', '203.0.113.10', 'Active'],
      ['CONTOSO-SYNC02.contoso.com', '203.0.113.11', 'Warning Inactive'],
    ]);
    const redundancy = finding(
      /^Warning\s*1 Cloud Sync provisioning agent inactive \(CONTOSO-SYNC02\.contoso\.com\); 1 of 2 agents active/,
    );
    assert.equal(await redundancy.count(), 1);
    assert.deepEqual(await evidenceOf(redundancy), [
      '1 of 2 registered agents active.',
      'Active: CONTOSO-SYNC01.contoso.com.',
      'Inactive: CONTOSO-SYNC02.contoso.com.',
      'Microsoft recommends 3 active agents for high availability.',
    ]);
    assert.match(await redundancy.innerText(), /What to do: Sync goes on through the active agents/);
    await screenshot(page, 'cloud-sync-agents-one-inactive');
    await tab.assertAccessible('the overview with an inactive Cloud Sync agent');

    await tab.open('view=overview', 320);
    const cards = page.getByRole('list', { name: 'Cloud Sync agents' }).getByRole('listitem');
    await cards.first().waitFor();
    assert.match(await cards.nth(1).innerText(), /CONTOSO-SYNC02\.contoso\.com\s+Warning\s+Inactive\s+203\.0\.113\.11/);
    assert.equal(await overflowsHorizontally(page), false, 'the agents reflow at 320px');
  });

  it('connect-and-cloud-sync: its only agent inactive is critical: nothing syncs from Active Directory', async () => {
    await open('connect-and-cloud-sync');
    assert.deepEqual(await agentRows(), [['FABRIKAM-SYNC01.fabrikam.com', '198.51.100.20', 'Critical Inactive']]);
    const down = finding(/Cloud Sync has no active provisioning agent \(1 agent inactive\): nothing syncs from Active Directory/);
    assert.equal(await down.count(), 1);
    assert.match(await down.innerText(), /^Critical/);
    assert.match(
      await down.innerText(),
      /What to do: On each agent server, check that the Microsoft Entra Provisioning Agent service runs/,
    );
    await down.getByRole('link', { name: /Learn more/ }).waitFor();
    await screenshot(page, 'cloud-sync-agents-none-active');
    await tab.assertAccessible('the overview with no active Cloud Sync agent');
  });
});
