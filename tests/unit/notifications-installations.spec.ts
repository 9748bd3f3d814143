import assert from 'node:assert/strict';
import { installationChangeOf, InstallationStore } from '../../notifications/installations';
import { MemoryStore } from '../../storage/memory';
import { BOT, botAddedActivity, installationActivity, teamsActivity, type Chat } from '../support/activities';

describe('notifications: installation tracking', () => {
  const SERVICE = 'https://smba.trafficmanager.net/emea/';
  const TEAM = { id: '19:team@thread.tacv2', name: 'IT' };
  const channel = (conversationId: string): Chat => ({ scope: 'channel', conversationId, tenantId: 't', team: TEAM });
  const PERSONAL: Chat = { conversationId: 'a:p', tenantId: 't' };
  const apply = (installations: InstallationStore, activity: Record<string, unknown>) =>
    installations.apply(installationChangeOf(activity as never));

  it('adds on installationUpdate add, removes on remove, and removes every channel of a team the bot left', async () => {
    const installations = new InstallationStore(new MemoryStore());
    for (const id of ['19:team@thread.tacv2', '19:other@thread.tacv2']) await apply(installations, botAddedActivity(SERVICE, channel(id)));
    await apply(installations, installationActivity(SERVICE, 'add', PERSONAL));
    assert.equal((await installations.list('t')).length, 3);
    const removed = await apply(
      installations,
      teamsActivity(SERVICE, { type: 'conversationUpdate', membersRemoved: [BOT] }, channel(TEAM.id)),
    );
    assert.deepEqual(removed.map((r) => r.conversationId).sort(), ['19:other@thread.tacv2', '19:team@thread.tacv2']);
    await apply(installations, installationActivity(SERVICE, 'remove', PERSONAL));
    assert.deepEqual(await installations.list('t'), []);
  });
});
