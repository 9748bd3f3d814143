import assert from 'node:assert/strict';
import { installationChangeOf, InstallationStore } from '../../notifications/installations';
import { MemoryStore } from '../../storage/memory';

describe('notifications: installation tracking', () => {
  const base = {
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    recipient: { id: '28:bot' },
    from: { id: '29:u', name: 'Adele' },
  };
  it('adds on installationUpdate add, removes on remove, and removes every channel of a team the bot left', async () => {
    const installations = new InstallationStore(new MemoryStore());
    const team = { team: { id: '19:team@thread.tacv2', name: 'IT' } };
    for (const channel of ['19:team@thread.tacv2', '19:other@thread.tacv2']) {
      await installations.apply(
        installationChangeOf({
          ...base,
          type: 'conversationUpdate',
          membersAdded: [{ id: '28:bot', name: '' }],
          conversation: { id: channel, conversationType: 'channel', tenantId: 't', isGroup: true, name: '' },
          channelData: { ...team, channel: { id: channel } },
        } as never),
      );
    }
    await installations.apply(
      installationChangeOf({
        ...base,
        type: 'installationUpdate',
        action: 'add',
        conversation: { id: 'a:p', conversationType: 'personal', tenantId: 't' },
      } as never),
    );
    assert.equal((await installations.list('t')).length, 3);
    const removed = await installations.apply(
      installationChangeOf({
        ...base,
        type: 'conversationUpdate',
        membersRemoved: [{ id: '28:bot' }],
        conversation: { id: '19:team@thread.tacv2', conversationType: 'channel', tenantId: 't', isGroup: true },
        channelData: team,
      } as never),
    );
    assert.deepEqual(removed.map((r) => r.conversationId).sort(), ['19:other@thread.tacv2', '19:team@thread.tacv2']);
    await installations.apply(
      installationChangeOf({
        ...base,
        type: 'installationUpdate',
        action: 'remove',
        conversation: { id: 'a:p', conversationType: 'personal', tenantId: 't' },
      } as never),
    );
    assert.deepEqual(await installations.list('t'), []);
  });
});
