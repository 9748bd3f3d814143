import assert from 'node:assert/strict';
import { MAX_MEMBERSHIP_CHECKS, MAX_SHARE_TARGETS, shareTargetsOf, type Membership } from '../../notifications/membership';
import type { Installation } from '../../notifications/types';

function channel(n: number): Installation {
  const minute = String(n % 60).padStart(2, '0');
  return {
    tenantId: 't',
    conversationId: `19:channel-${n}@thread.tacv2`,
    kind: 'channel',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    bot: { id: '28:bot' },
    team: { id: `19:team-${n}@thread.tacv2`, name: `Team ${n}` },
    channelName: `Channel ${n}`,
    installedAt: '2026-11-01T00:00:00.000Z',
    // Higher n: used more recently.
    updatedAt: `2026-11-${String(1 + Math.floor(n / 60)).padStart(2, '0')}T10:${minute}:00.000Z`,
    source: 'message',
  };
}

/** The connector's answer to GET …/members/{userId}, recording what was asked. */
function membership(isMember: (conversationId: string) => boolean): Membership & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    isMember: async (reference) => {
      asked.push(reference.conversation.id);
      return isMember(reference.conversation.id);
    },
  };
}

describe(`advisor Share targets: the user's own channels and group chats, at most ${MAX_SHARE_TARGETS}, at most ${MAX_MEMBERSHIP_CHECKS} checks`, () => {
  it('lists only conversations the user belongs to, by label, without personal chats', async () => {
    const personal: Installation = { ...channel(0), conversationId: 'a:adele', kind: 'personal', user: { id: '29:adele', name: 'Adele' } };
    const ports = membership((id) => id !== '19:channel-2@thread.tacv2');
    const { targets, more } = await shareTargetsOf([personal, channel(1), channel(2), channel(3)], ports, '29:adele');
    assert.deepEqual(
      targets.map((t) => t.label),
      ['Channel 1 (Team 1)', 'Channel 3 (Team 3)'],
    );
    assert.equal(more, false);
    assert.ok(!ports.asked.includes('a:adele'));
  });

  it(`offers the ${MAX_SHARE_TARGETS} most recently used of many, says the list was cut, and stops checking once it has them`, async () => {
    const many = Array.from({ length: 120 }, (_, i) => channel(i));
    const ports = membership(() => true);
    const { targets, more } = await shareTargetsOf(many, ports, '29:adele');
    assert.equal(targets.length, MAX_SHARE_TARGETS);
    assert.equal(more, true);
    assert.ok(ports.asked.length <= MAX_SHARE_TARGETS + 5, `${ports.asked.length} checks`);
    assert.ok(
      targets.every((t) => Number(/channel-(\d+)/.exec(t.conversationId)![1]) >= 100),
      'the most recent ones',
    );
  });

  it(`asks the connector about at most ${MAX_MEMBERSHIP_CHECKS} conversations, however many the bot is in`, async () => {
    const ports = membership(() => false);
    const { targets, more } = await shareTargetsOf(
      Array.from({ length: 500 }, (_, i) => channel(i)),
      ports,
      '29:adele',
    );
    assert.deepEqual(targets, []);
    assert.equal(more, true);
    assert.equal(ports.asked.length, MAX_MEMBERSHIP_CHECKS);
  });
});
