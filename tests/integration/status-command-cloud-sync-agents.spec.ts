import assert from 'node:assert/strict';
import { cardText } from '../support/card-text';
import { messageActivity } from '../support/activities';
import { useAppWithConnector } from '../support/app';

/**
 * Cloud Sync's provisioning agents in the bot's `status`, a turn through the real adapter: the bot
 * reads app-only, and Graph gives the agents to a signed-in admin only, so the card says they were
 * not checked and why (and where to see them), never that they are fine.
 */
describe('the "status" command on Cloud Sync agents (app-only): "not checked, because …"', () => {
  const harness = useAppWithConnector({ DEV_TENANT_SCENARIO: 'cloud-sync-failing' });

  it('lists the agents as not checked with the reason and the tab as the place to see them; no agent finding', async () => {
    const { app, connector } = harness;
    assert.equal((await app.post(messageActivity(connector.url, 'status'))).status, 200);
    const text = cardText(connector.cards()[0]);
    assert.match(
      text,
      /Cloud Sync provisioning jobs and agents: read with the app's own access \(app-only\); provisioning agents not checked, because Graph gives Cloud Sync's provisioning agents only to a signed-in admin \(delegated Policy\.Read\.HybridAuthentication; application permissions are not supported\): the tab lists them after you sign in/,
    );
    assert.doesNotMatch(text, /provisioning agents: \d+ of \d+ active/, 'no agent count it could not read');
    assert.doesNotMatch(text, /agent inactive|no active provisioning agent/i, 'and no agent finding either way');
    assert.doesNotMatch(text, /cloudSync\.(noActiveAgent|agentRedundancy): unknown/, 'said once, by the section, not again per check');
    assert.match(text, /Cloud Sync contoso\.com \(users, groups and contacts\): the last run failed/, 'the jobs are still judged');
  });
});
