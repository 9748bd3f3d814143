import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DEMO_TENANT_ID } from '../../tab/api';
import { messageActivity } from '../support/activities';
import { cardText } from '../support/card-text';
import { ConnectorDouble } from '../support/connector';
import { eventually } from '../support/eventually';
import { checkNow, switchScenario } from './harness';
import { screenshot, useTabPage } from './tab-page';

const PERSONAL = 'a:e2e-rules';
const GROUP = '19:e2e-rules@thread.v2';

/**
 * Alerts admins shape in the tab's settings, in headless Chromium against the demo server, with two
 * chats subscribed through the bot (a personal chat and a group chat, their sends caught by a
 * connector double): an exclusion set on an open alert with a reason, marked in the overview and
 * revoked; then the group chat set to apps only and the personal chat to critical only, saved, and
 * each chat getting only the alerts its settings let through.
 */
describe('e2e: alert rules in the admin tab (exclusions, categories, minimum severity)', () => {
  const tab = useTabPage();
  let page: Page;
  let connector: ConnectorDouble;
  beforeEach(() => (page = tab.page));
  before(async () => {
    connector = await new ConnectorDouble().start();
    const chats = [
      { conversationId: PERSONAL, scope: 'personal' as const },
      { conversationId: GROUP, scope: 'groupChat' as const, mention: true },
    ];
    for (const chat of chats) {
      const response = await fetch(`${tab.stack.server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(connector.url, 'subscribe', { ...chat, tenantId: DEMO_TENANT_ID })),
      });
      assert.equal(response.status, 200);
    }
    for (const chat of [PERSONAL, GROUP]) {
      await eventually(() => connector.sendsTo(chat).some((s) => /^Subscribed:/.test(String(s.activity.text))), `${chat} subscribed`);
    }
  });
  // useTabPage's own after() stops the stack (and with it the scenario); this one the connector.
  after(() => connector?.stop());

  const region = (name: string): Locator => page.getByRole('region', { name });
  /** The alert cards a chat received after its first `from` sends, as "<heading>: <title>". */
  const alertsIn = (chat: string, from: number): string[] =>
    connector
      .sendsTo(chat)
      .slice(from)
      .flatMap((s) => (s.activity.attachments as unknown[] | undefined) ?? [])
      .map((card) => cardText(card).split('\n'))
      // Heading, severity, then the title (after the card's Refresh action).
      .map((lines) => ({ lines, at: lines.findIndex((l) => l === 'Sync-health alert' || l === 'App alert') }))
      .filter(({ at }) => at >= 0)
      .map(({ lines, at }) => `${lines[at]}: ${lines[at + 2]}`);
  /** Switches the scenario, checks now and waits until everything the check queued has reached the two chats. */
  const checkAfterSwitchTo = async (scenario: string): Promise<{ personal: string[]; group: string[] }> => {
    const from = { personal: connector.sendsTo(PERSONAL).length, group: connector.sendsTo(GROUP).length };
    await switchScenario(tab.stack, scenario);
    const queued = await checkNow(tab.stack);
    await eventually(
      () => connector.sendsTo(PERSONAL).length - from.personal + connector.sendsTo(GROUP).length - from.group >= queued,
      `the ${queued} messages queued after switching to ${scenario}`,
    );
    return { personal: alertsIn(PERSONAL, from.personal), group: alertsIn(GROUP, from.group) };
  };

  it('excludes an open alert with a reason, shows it in the overview as excluded, and revokes it', async () => {
    await switchScenario(tab.stack, 'sync-errors');
    await checkNow(tab.stack);

    await tab.open('view=settings');
    const alert = region('Open alerts').getByRole('listitem').filter({ hasText: '4 synced objects have provisioning errors' });
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Exclude…' }).click();
    await alert.getByRole('combobox', { name: 'Until' }).selectOption({ label: '7 days from now' });
    await alert.getByRole('textbox', { name: /Why is this known and accepted/ }).fill('Duplicates are being cleaned up this week');
    await alert.getByRole('button', { name: 'Exclude', exact: true }).click();
    await alert.getByText('Excluded (see below)').waitFor();
    const exclusion = region('Exclusions').getByRole('listitem').filter({ hasText: '4 synced objects have provisioning errors' });
    const listed = await exclusion.innerText();
    assert.match(listed, /^In force/);
    assert.match(listed, /“Duplicates are being cleaned up this week”/);
    const [created, expires] = [...listed.matchAll(/(\d+ \w{3} \d{4}), (\d\d:\d\d) UTC/g)].map((m) => Date.parse(`${m[1]} ${m[2]} UTC`));
    assert.match(listed, /By Adele Vance \(Global Administrator\) on .+ · expires /);
    assert.equal(Math.round((expires - created) / 86_400_000), 7, 'expires in the 7 days chosen');
    await screenshot(page, 'settings-exclusions');
    await tab.assertAccessible('the alerts and exclusions (admin)');

    await tab.open('view=overview');
    const finding = region('Findings')
      .getByRole('listitem')
      .filter({ hasText: /Excluded from alerts by/ });
    await finding.waitFor();
    assert.match(await finding.innerText(), /4 synced objects have provisioning errors/);
    assert.match(
      await finding.innerText(),
      /Excluded from alerts by Adele Vance \(Global Administrator\) until .+: “Duplicates are being cleaned up this week”/,
    );
    assert.match(
      await region('Findings')
        .getByRole('heading', { name: /Findings/ })
        .innerText(),
      /· 1 excluded/,
    );
    await screenshot(page, 'overview-excluded');

    await tab.open('view=settings');
    await exclusion.getByRole('button', { name: 'Revoke' }).click();
    await exclusion.filter({ hasText: /^Revoked/ }).waitFor();
    assert.match(await exclusion.innerText(), /revoked by Adele Vance \(Global Administrator\) on /);
    assert.equal(await alert.getByRole('button', { name: 'Exclude…' }).count(), 1, 'the alert can be excluded again');
  });

  it('the group chat set to apps only and the personal chat to critical only each hear just that', async () => {
    await tab.open('view=settings');
    const subscriptions = region('Chats and channels that get alerts');
    const personal = subscriptions.getByRole('listitem').filter({ hasText: 'Personal chat with Adele Vance' });
    const group = subscriptions.getByRole('listitem').filter({ hasText: 'Group chat' }).filter({ hasNotText: 'Personal chat' });
    await personal.getByRole('combobox', { name: 'Minimum severity' }).selectOption({ label: 'Critical only' });
    for (const category of ['Directory sync', 'Federation', 'Service health']) {
      await group.getByRole('checkbox', { name: new RegExp(`^${category}`) }).uncheck();
    }
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.reload();
    await personal.getByRole('combobox', { name: 'Minimum severity' }).waitFor();
    assert.equal(await personal.getByRole('combobox', { name: 'Minimum severity' }).inputValue(), 'critical');
    const checked = async (name: string): Promise<boolean> => group.getByRole('checkbox', { name: new RegExp(`^${name}`) }).isChecked();
    assert.deepEqual(
      [await checked('Directory sync'), await checked('Federation'), await checked('Apps'), await checked('Service health')],
      [false, false, true, false],
    );
    await screenshot(page, 'settings-alert-rules');
    await tab.assertAccessible('the alert rules (admin)');

    // A federation problem (critical) reaches the personal chat only; new app warnings the group chat only.
    const federation = await checkAfterSwitchTo('federated-cert-expiring');
    assert.equal(federation.personal.length, 1, federation.personal.join('\n'));
    assert.match(federation.personal[0], /^Sync-health alert: Token-signing certificate for contoso\.com expires in \d+ days$/);
    assert.deepEqual(federation.group, [], 'a federation alert does not reach the apps-only chat');

    const apps = await checkAfterSwitchTo('consented-apps');
    assert.deepEqual(apps.personal, [], 'app warnings do not reach the critical-only chat');
    assert.ok(
      apps.group.includes('App alert: Contoso Mail Archiver: client secret "archiver job" expires in 10 days'),
      apps.group.join('\n'),
    );
    assert.ok(
      apps.group.every((a) => a.startsWith('App alert: ')),
      apps.group.join('\n'),
    );
  });

  it('an app excluded from one of its alerts is listed by its display name, its application id beside it', async () => {
    await tab.open('view=settings');
    const alert = region('Open alerts')
      .getByRole('listitem')
      .filter({ hasText: 'Contoso Mail Archiver: client secret "archiver job" expires' });
    await alert.getByRole('button', { name: 'Exclude…' }).click();
    await alert.getByRole('combobox', { name: 'Exclude' }).selectOption({ label: 'Every app finding about this app' });
    await alert.getByRole('textbox', { name: /Why is this known and accepted/ }).fill('The vendor rotates this secret itself');
    await alert.getByRole('button', { name: 'Exclude', exact: true }).click();
    await alert.getByText('Excluded (see below)').waitFor();
    const exclusion = region('Exclusions').getByRole('listitem').filter({ hasText: 'The vendor rotates this secret itself' });
    const lines = (await exclusion.innerText()).split('\n').map((l) => l.trim());
    assert.ok(lines.includes('Contoso Mail Archiver: every app finding'), lines.join('\n'));
    assert.ok(
      lines.some((l) => /^App id [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(l)),
      lines.join('\n'),
    );
    await tab.assertAccessible('an app exclusion (admin)');
  });
});
