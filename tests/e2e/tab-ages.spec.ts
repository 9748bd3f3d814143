import assert from 'node:assert/strict';
import { useTabPage } from './tab-page';

/**
 * The tab measures a snapshot's ages from no earlier than the snapshot's read, as the alert cards
 * and the bot's status do: a page whose clock stands before the read (opened before it, or a
 * browser clock behind the server's) still reads healthy-hybrid's last sync, 19 minutes before the
 * read, as "19 minutes ago", not "18 minutes ago".
 */
describe("e2e: the tab's ages are measured from the snapshot's read", () => {
  const tab = useTabPage();

  it('reads the last sync 19 minutes ago with the page clock 40 seconds behind the server', async () => {
    await tab.useScenario('healthy-hybrid');
    await tab.page.clock.setSystemTime(Date.now() - 40_000);
    await tab.refreshedOverview();
    const tile = tab.page.locator('.tile', { hasText: 'Last sync' }).first();
    await tile.waitFor();
    assert.match(await tile.innerText(), /19 minutes ago/);
    assert.doesNotMatch(await tile.innerText(), /18 minutes ago/);
  });
});
