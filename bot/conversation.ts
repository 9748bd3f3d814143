import type { TurnContext } from 'botbuilder';
import type { Actor } from '../contract/card-action';

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
