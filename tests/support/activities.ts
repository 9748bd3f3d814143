let sequence = 0;

export type Scope = 'personal' | 'groupChat' | 'channel';

const BOT = { id: '28:bot-id', name: 'Entra Companion' };
const USER = { id: '29:user-1', name: 'Adele Vance', aadObjectId: '00000000-0000-4000-8000-000000000001' };

function conversation(scope: Scope): Record<string, unknown> {
  if (scope === 'personal') return { id: 'a:personal-1', conversationType: 'personal', tenantId: 'tenant-a' };
  if (scope === 'groupChat') return { id: '19:group-1@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-a' };
  return { id: '19:channel-1@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, tenantId: 'tenant-a' };
}

/** A Teams message activity as the connector posts it to /api/messages. */
export function messageActivity(
  serviceUrl: string,
  text: string,
  options: { scope?: Scope; mention?: boolean; value?: unknown } = {},
): Record<string, unknown> {
  const scope = options.scope ?? 'personal';
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    type: 'message',
    id: `msg-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: USER,
    recipient: BOT,
    conversation: conversation(scope),
    text: options.mention ? `${mentionText} ${text}` : text,
    textFormat: 'plain',
    ...(options.value === undefined ? {} : { value: options.value }),
    entities: options.mention ? [{ type: 'mention', text: mentionText, mentioned: BOT }] : [],
    channelData: {
      tenant: { id: 'tenant-a' },
      ...(scope === 'channel' ? { team: { id: '19:team-1@thread.tacv2' }, channel: { id: '19:channel-1@thread.tacv2' } } : {}),
    },
  };
}

/** The conversationUpdate Teams sends when the bot is added. */
export function botAddedActivity(serviceUrl: string, scope: Scope = 'personal'): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: `cu-${++sequence}`,
    channelId: 'msteams',
    serviceUrl,
    from: USER,
    recipient: BOT,
    conversation: conversation(scope),
    membersAdded: [BOT],
    channelData: { tenant: { id: 'tenant-a' } },
  };
}

/** An invoke activity (composeExtension/query, composeExtension/selectItem …) as Teams posts it; its answer is the HTTP response. */
export function invokeActivity(serviceUrl: string, name: string, value: unknown, scope: Scope = 'groupChat'): Record<string, unknown> {
  return {
    type: 'invoke',
    name,
    id: `inv-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: USER,
    recipient: BOT,
    conversation: conversation(scope),
    ...(value === undefined ? {} : { value }),
    entities: [],
    channelData: { tenant: { id: 'tenant-a' }, source: { name: 'compose' } },
  };
}
