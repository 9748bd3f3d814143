import { TeamsInfo, type ConversationReference, type TurnContext } from 'botbuilder';
import { labelOf } from './installations';
import { referenceOf, type ConversationReferenceLite, type Installation } from './types';

/** Whether a user belongs to a conversation the bot is in. */
export interface Membership {
  /** False when the connector says the user is not a member (404), and when it cannot say (fails closed). */
  isMember(reference: ConversationReferenceLite, userId: string): Promise<boolean>;
}

/** The host's turn in an existing conversation, with the full TurnContext (its connector client). */
export interface MembershipHost {
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/**
 * Asks the Bot Connector: GET /v3/conversations/{conversationId}/members/{userId} (TeamsInfo.getMember
 * in that conversation), which answers the member, or 404 for someone who is not in it.
 */
export class ConnectorMembership implements Membership {
  constructor(
    private readonly botHost: MembershipHost,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async isMember(reference: ConversationReferenceLite, userId: string): Promise<boolean> {
    let member = false;
    try {
      await this.botHost.continueConversation(reference as Partial<ConversationReference>, async (context) => {
        try {
          member = Boolean((await TeamsInfo.getMember(context, userId))?.id);
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode !== 404) this.onError(error);
        }
      });
    } catch (error) {
      this.onError(error);
    }
    return member;
  }
}

/**
 * At most this many conversations are offered. The picker is an Adaptive Card whose every choice is
 * a label (up to a team and a channel name): 20 keep it a few KB, far below the ~100 KB Teams accepts
 * for a message, and a list longer than a screen is no choice anyway.
 */
export const MAX_SHARE_TARGETS = 20;
/**
 * At most this many membership checks per picker, 5 at a time: each is one connector call made while
 * the click's invoke waits (Teams gives it seconds), and they count against the app's 50 requests a
 * second per tenant. The chats used most recently are checked first.
 */
export const MAX_MEMBERSHIP_CHECKS = 40;
const MEMBERSHIP_CONCURRENCY = 5;

export interface ShareTargets {
  targets: Array<{ conversationId: string; label: string }>;
  /** True when the bound left some conversations unchecked or unlisted. */
  more: boolean;
}

/** The channels and group chats among `installations` that `userId` belongs to, within the bounds above. */
export async function shareTargetsOf(
  installations: readonly Installation[],
  membership: Membership,
  userId: string,
): Promise<ShareTargets> {
  const candidates = installations
    .filter((i) => i.kind === 'channel' || i.kind === 'groupChat')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const checked = candidates.slice(0, MAX_MEMBERSHIP_CHECKS);
  const members: Installation[] = [];
  let examined = 0;
  while (examined < checked.length && members.length < MAX_SHARE_TARGETS) {
    const batch = checked.slice(examined, examined + MEMBERSHIP_CONCURRENCY);
    examined += batch.length;
    const verdicts = await Promise.all(batch.map((installation) => membership.isMember(referenceOf(installation), userId)));
    members.push(...batch.filter((_, k) => verdicts[k]));
  }
  const targets = members
    .slice(0, MAX_SHARE_TARGETS)
    .map((i) => ({ conversationId: i.conversationId, label: labelOf(i) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return { targets, more: members.length > MAX_SHARE_TARGETS || examined < candidates.length };
}
