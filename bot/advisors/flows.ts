import type { TurnContext } from 'botbuilder';
import {
  ADVISORS,
  AdvisorError,
  answer,
  back,
  current,
  knownFromTenant,
  outcomeAsText,
  restart,
  start,
  type Advisor,
  type AdvisorId,
  type AdvisorState,
  type TenantFacts,
} from '../../identity/advisors';
import type { Logger } from '../../platform/logger';
import type { KeyValueStore } from '../../storage/store';
import { escapeMarkdown } from '../../cards/markdown';
import { renderCard } from '../../cards/render';
import { sendCard } from '../card-replies';
import { tenantOf } from '../conversation';
import { pickCard, viewCard } from './cards';
import type { CardActionResult } from '../../contract/card-action';
import type { CardActionData } from '../card-actions/table';

interface FlowRecord {
  state: AdvisorState;
  updatedAt: string;
}

/**
 * Where a finished plan can be posted: channels and group chats of the tenant where the bot is
 * installed and the user is a member (private team and chat names reach no one else), bounded
 * (`more` says the list was cut).
 */
export interface SharePort {
  targets(tenantId: string, userId: string): Promise<{ targets: Array<{ conversationId: string; label: string }>; more: boolean }>;
  /** Posts now; false when it could not (uninstalled, blocked, connector error). */
  post(tenantId: string, conversationId: string, activity: Record<string, unknown>): Promise<boolean>;
}

/** What an advisor card's buttons carry (Action.Execute data, or Action.Submit data as fallback). */
interface AdvisorAction {
  verb: string;
  advisorId?: string;
  questionId: string;
  choiceId: string;
  owner?: string;
  /** advisor.share: the chosen conversation (the card's Input.ChoiceSet "target"). */
  target?: string;
}

function advisorActionOf(data: CardActionData): AdvisorAction {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
  return {
    verb: data.verb,
    advisorId: text(data.advisorId),
    questionId: text(data.questionId) ?? '',
    choiceId: text(data.choiceId) ?? '',
    owner: text(data.owner),
    target: text(data.target),
  };
}

function isAdvisorId(value: unknown): value is AdvisorId {
  return typeof value === 'string' && Object.hasOwn(ADVISORS, value);
}

/** Storage key of one user's flow in one conversation: two admins in a channel each have their own. */
export function flowKey(conversationId: string, userId: string): string {
  return `advisor-flows/${encodeURIComponent(conversationId)}/${encodeURIComponent(userId)}`;
}

/**
 * Runs the deployment advisors in chat as cards refreshed in place. State lives in storage, so a
 * flow survives a server restart; each user's flow is separate, and a card only moves its owner's flow.
 */
export class AdvisorFlows {
  constructor(
    private readonly store: KeyValueStore,
    private readonly tenantFacts: (context: TurnContext) => Promise<TenantFacts>,
    private readonly logger: Logger,
    private readonly sharing?: SharePort,
  ) {}

  /** "advisor" shows the three; "connect advisor" etc. starts one in a new message. */
  async startFromCommand(context: TurnContext, advisorId?: AdvisorId): Promise<void> {
    const card = advisorId ? await this.begin(context, advisorId) : pickCard();
    await sendCard(context, card);
  }

  /** Handles a click on an advisor card (every "advisor.*" verb). */
  async act(context: TurnContext, data: CardActionData): Promise<CardActionResult> {
    const action = advisorActionOf(data);
    const userId = context.activity.from?.id ?? '';
    if (action.verb === 'advisor.start') {
      if (!isAdvisorId(action.advisorId)) return { message: 'That advisor does not exist.' };
      return { card: await this.begin(context, action.advisorId) };
    }
    if (action.owner && action.owner !== userId) {
      return { message: 'This advisor belongs to the person who started it. Type "advisor" to start your own.' };
    }
    const key = flowKey(context.activity.conversation.id, userId);
    const record = await this.store.get<FlowRecord>(key);
    if (!record || record.value.state.advisorId !== action.advisorId) {
      return { message: 'This advisor has ended or was replaced by a newer one. Type "advisor" to start again.' };
    }
    const advisor = ADVISORS[record.value.state.advisorId];
    let state = record.value.state;
    try {
      switch (action.verb) {
        case 'advisor.answer':
          state = answer(advisor, state, action.questionId, action.choiceId);
          break;
        case 'advisor.back':
          state = back(state);
          break;
        case 'advisor.restart':
          state = restart(state);
          break;
        case 'advisor.cancel':
          await this.store.delete(key);
          return {
            card: renderCard('text', { title: `${advisor.name} cancelled`, text: 'Type "advisor" whenever you want to start again.' }),
          };
        case 'advisor.copy':
          return { card: this.card(advisor, state, userId), message: outcomeAsText(advisor, state) };
        case 'advisor.view':
          return { card: this.card(advisor, state, userId) };
        case 'advisor.share-pick':
          return this.sharePicker(context, advisor, state, userId);
        case 'advisor.share':
          return this.share(context, advisor, state, userId, action.target);
        default:
          return { message: 'I do not know that advisor action.' };
      }
    } catch (error) {
      if (!(error instanceof AdvisorError)) throw error;
      // A click on an old card (the flow moved on): show where the flow is now.
      this.logger.debug('stale advisor action', { problem: error.problem });
      return { card: this.card(advisor, state, userId) };
    }
    await this.store.put(key, { state, updatedAt: new Date().toISOString() }, { ifMatch: record.etag });
    return { card: this.card(advisor, state, userId) };
  }

  private card(advisor: Advisor, state: AdvisorState, owner: string): Record<string, unknown> {
    return viewCard(advisor, state, current(advisor, state), owner, { canShare: Boolean(this.sharing) });
  }

  private async sharePicker(context: TurnContext, advisor: Advisor, state: AdvisorState, owner: string): Promise<CardActionResult> {
    const view = current(advisor, state);
    if (!this.sharing || view.kind !== 'outcome') return { card: this.card(advisor, state, owner) };
    const { targets, more } = await this.sharing.targets(tenantOf(context), context.activity.from?.id ?? '');
    if (targets.length === 0) {
      return {
        card: this.card(advisor, state, owner),
        message: 'I am in no channel or group chat that you belong to: add me to one of your teams or group chats, then share again.',
      };
    }
    return {
      card: renderCard('advisor-share', {
        advisorId: state.advisorId,
        advisorName: advisor.name,
        owner,
        title: view.outcome.title,
        targets,
        firstTarget: targets[0].conversationId,
      }),
      ...(more ? { message: `Showing ${targets.length} of your channels and group chats, the ones used most recently.` } : {}),
    };
  }

  private async share(
    context: TurnContext,
    advisor: Advisor,
    state: AdvisorState,
    owner: string,
    target: string | undefined,
  ): Promise<CardActionResult> {
    const view = current(advisor, state);
    if (!this.sharing || view.kind !== 'outcome') return { card: this.card(advisor, state, owner) };
    const tenantId = tenantOf(context);
    // Checked again: the card's choice is the clicker's data, not proof of membership.
    const chosen = (await this.sharing.targets(tenantId, context.activity.from?.id ?? '')).targets.find((t) => t.conversationId === target);
    if (!chosen)
      return { card: this.card(advisor, state, owner), message: 'Pick a channel or group chat from the list to share the plan.' };
    const by = context.activity.from?.name ? ` · shared by ${context.activity.from.name}` : '';
    const sharedCard = viewCard(advisor, state, view, owner, { shared: true, sharedBy: by });
    const posted = await this.sharing.post(tenantId, chosen.conversationId, {
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: sharedCard }],
    });
    return {
      card: this.card(advisor, state, owner),
      // A chat message is Markdown in Teams: the team or chat name is data, shown as written.
      message: posted
        ? `Shared the plan to ${escapeMarkdown(chosen.label)}.`
        : `I could not post to ${escapeMarkdown(chosen.label)}; I may have been removed from it.`,
    };
  }

  private async begin(context: TurnContext, advisorId: AdvisorId): Promise<Record<string, unknown>> {
    const advisor = ADVISORS[advisorId];
    const userId = context.activity.from?.id ?? '';
    const facts = await this.tenantFacts(context).catch((error: Error) => {
      this.logger.warn('tenant facts unavailable for the advisor', { error: error.message });
      return {} as TenantFacts;
    });
    const state = start(advisor, knownFromTenant(advisor, facts));
    await this.store.put(flowKey(context.activity.conversation.id, userId), { state, updatedAt: new Date().toISOString() });
    return this.card(advisor, state, userId);
  }
}
