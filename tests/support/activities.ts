let sequence = 0;

export type Scope = 'personal' | 'groupChat' | 'channel';

/** Where an activity happens. Every field has a default, so a spec names only what it checks. */
export interface Chat {
  scope?: Scope;
  /** The conversation id; a channel's may end in `;messageid=…` (a reply thread). By default one per scope. */
  conversationId?: string;
  tenantId?: string;
  /** The team a channel belongs to (channelData.team). */
  team?: { id: string; name?: string };
  /** Who speaks and who is spoken to, where a spec needs production shapes (28:<app id>, a GUID aadObjectId). */
  user?: { id: string; name: string; aadObjectId: string };
  bot?: { id: string; name: string };
}

export const BOT = { id: '28:bot-id', name: 'Entra Companion' };
export const USER = { id: '29:user-1', name: 'Adele Vance', aadObjectId: '00000000-0000-4000-8000-000000000001' };
const TENANT = 'tenant-a';
const CONVERSATIONS: Record<Scope, string> = {
  personal: 'a:personal-1',
  groupChat: '19:group-1@thread.v2',
  channel: '19:channel-1@thread.tacv2;messageid=1',
};

/**
 * Any Teams activity as the connector posts it to /api/messages: from the user to the bot in `chat`,
 * with `fields` (type, text, value, name …) on top; `fields.channelData` adds to the tenant (and team).
 */
export function teamsActivity(serviceUrl: string, fields: Record<string, unknown>, chat: Chat = {}): Record<string, unknown> {
  const { channelData, ...rest } = fields;
  const scope = chat.scope ?? 'personal';
  const tenantId = chat.tenantId ?? TENANT;
  const conversationId = chat.conversationId ?? CONVERSATIONS[scope];
  const channel =
    scope === 'channel' ? { team: chat.team ?? { id: '19:team-1@thread.tacv2' }, channel: { id: conversationId.split(';')[0] } } : {};
  return {
    id: `act-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: chat.user ?? USER,
    recipient: chat.bot ?? BOT,
    conversation: { id: conversationId, conversationType: scope, tenantId, ...(scope === 'personal' ? {} : { isGroup: true }) },
    ...rest,
    channelData: { tenant: { id: tenantId }, ...channel, ...(channelData as Record<string, unknown> | undefined) },
  };
}

/** A Teams message activity; with `mention`, the text starts with the bot's at-mention as in a channel. */
export function messageActivity(
  serviceUrl: string,
  text: string,
  options: Chat & { mention?: boolean; value?: unknown } = {},
): Record<string, unknown> {
  const { mention, value, ...chat } = options;
  const mentionText = `<at>${BOT.name}</at>`;
  return teamsActivity(
    serviceUrl,
    {
      type: 'message',
      text: mention ? `${mentionText} ${text}` : text,
      textFormat: 'plain',
      ...(value === undefined ? {} : { value }),
      entities: mention ? [{ type: 'mention', text: mentionText, mentioned: BOT }] : [],
    },
    chat,
  );
}

/** The conversationUpdate Teams sends when the bot is added. */
export function botAddedActivity(serviceUrl: string, chat: Scope | Chat = 'personal'): Record<string, unknown> {
  return teamsActivity(serviceUrl, { type: 'conversationUpdate', membersAdded: [BOT] }, typeof chat === 'string' ? { scope: chat } : chat);
}

/** The installationUpdate Teams sends when the app is added to (or removed from) a chat. */
export function installationActivity(serviceUrl: string, action: 'add' | 'remove', chat: Chat = {}): Record<string, unknown> {
  return teamsActivity(serviceUrl, { type: 'installationUpdate', action }, chat);
}

/** An invoke activity (composeExtension/query, composeExtension/selectItem …) as Teams posts it; its answer is the HTTP response. */
export function invokeActivity(serviceUrl: string, name: string, value: unknown, scope: Scope = 'groupChat'): Record<string, unknown> {
  return teamsActivity(
    serviceUrl,
    { type: 'invoke', name, ...(value === undefined ? {} : { value }), entities: [], channelData: { source: { name: 'compose' } } },
    { scope },
  );
}

/** The adaptiveCard/action invoke Teams posts when Action.Execute `verb` is clicked on the message `replyToId`. */
export function cardActionActivity(
  serviceUrl: string,
  action: { verb: string; data: Record<string, unknown>; replyToId?: string },
  chat: Chat = {},
): Record<string, unknown> {
  return teamsActivity(
    serviceUrl,
    {
      type: 'invoke',
      name: 'adaptiveCard/action',
      ...(action.replyToId === undefined ? {} : { replyToId: action.replyToId }),
      value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' },
    },
    chat,
  );
}
