import type { TurnContext } from 'botbuilder';
import type { Actor } from '../contract/card-action';
import { conversationKindOf, rootConversationId, type ChatPlace } from '../contract/notifications';

/** The Entra tenant a conversation belongs to. */
export function tenantOf(context: TurnContext): string {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return context.activity.conversation?.tenantId ?? channelData?.tenant?.id ?? '';
}

/** Who typed or clicked: the Teams user, with their Entra object id when Teams sent it. */
export function actorOf(context: TurnContext): Actor {
  const from = context.activity.from ?? { id: '' };
  return { id: from.id, ...(from.name ? { name: from.name } : {}), ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) };
}

/** The conversation as notifications names it: its tenant, its root id (a channel, not a reply thread) and its kind. */
export function placeOf(context: TurnContext): ChatPlace {
  return { tenantId: tenantOf(context), conversationId: rootConversationId(context.activity), kind: conversationKindOf(context.activity) };
}
