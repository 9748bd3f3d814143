import {
  TeamsActivityHandler,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from 'botbuilder';
import { badCardAction, invokeResponseOf } from './card-actions/invoke-response';
import type { CardActions } from './card-actions/table';
import { readUserInput } from './input';
import type { AnswerSearch } from './message-extension';
import type { MessageRouter } from './router';
import { sendWelcome } from './welcome';

/**
 * The Teams activity handler. It stays thin: messages go to the router; Universal Actions
 * (Action.Execute) go to the card actions' verb table, whose card replaces the clicked one in place;
 * the message extension's search and pick go to the answer search.
 */
export class EntraCompanionBot extends TeamsActivityHandler {
  constructor(
    router: MessageRouter,
    private readonly cardActions: CardActions,
    private readonly search: AnswerSearch,
    /** Sees every activity before it is handled (installation tracking); undefined when it has nothing to wait for. */
    private readonly observe: (activity: Activity) => Promise<void> | undefined = () => undefined,
  ) {
    super();
    this.onMessage(async (context, next) => {
      const input = readUserInput(context.activity);
      if (input.text || input.data) {
        await router.dispatch(context, input);
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (botWasAdded(context)) await sendWelcome(context);
      await next();
    });
  }

  /**
   * Every activity (installationUpdate, conversationUpdate, message, invoke) is observed first. A
   * hook here rather than an onTurn handler: most turns have nothing to track, and then the turn
   * goes straight on, with no extra handler in the chain.
   */
  override run(context: TurnContext): Promise<void> {
    const tracking = this.observe(context.activity);
    return tracking ? tracking.then(() => super.run(context)) : super.run(context);
  }

  /** A malformed Universal Action (no action object, no verb) gets a clear 400, not the SDK's 500/501. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const action = (context.activity.value as { action?: { type?: unknown; verb?: unknown } } | undefined)?.action;
      if (!action || typeof action !== 'object' || action.type !== 'Action.Execute' || typeof action.verb !== 'string') {
        return { status: 400, body: badCardAction('adaptiveCard/action needs value.action with type "Action.Execute" and a string verb') };
      }
    }
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = { ...((invokeValue.action.data ?? {}) as Record<string, unknown>), verb: invokeValue.action.verb };
    const result = await this.cardActions.run(context, data);
    return result ? invokeResponseOf(context, result) : badCardAction(`Unknown card action "${String(invokeValue.action.verb)}"`);
  }

  /** composeExtension/query: its value is read as unknown, so a malformed one gets a message, never a 500. */
  protected override async handleTeamsMessagingExtensionQuery(
    _context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    return this.search.query(query as unknown);
  }

  /** composeExtension/selectItem: the picked preview's full answer card. */
  protected override async handleTeamsMessagingExtensionSelectItem(
    _context: TurnContext,
    query: unknown,
  ): Promise<MessagingExtensionResponse> {
    return this.search.selectItem(query);
  }
}

function botWasAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((member) => member.id === botId);
}
