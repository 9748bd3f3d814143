import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { readUserInput } from './input';
import type { MessageRouter } from './router';
import { sendWelcome } from './replies';

/** What a card action produces: a card that replaces the clicked one, and/or a message. */
export interface CardActionResult {
  card?: Record<string, unknown>;
  message?: string;
}

/** Handles a card action's data (Action.Execute verb merged in); undefined when no handler knows it. */
export type CardActionHandler = (context: TurnContext, data: Record<string, unknown>) => Promise<CardActionResult | undefined>;

/**
 * The Teams activity handler. It stays thin: messages go to the router; Universal Actions
 * (Action.Execute) go to the card-action handler, whose card replaces the clicked one in place.
 */
export class EntraCompanionBot extends TeamsActivityHandler {
  constructor(
    router: MessageRouter,
    private readonly cardActions: CardActionHandler,
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

  /** A malformed Universal Action (no action object, no verb) gets a clear 400, not the SDK's 500/501. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const action = (context.activity.value as { action?: { type?: unknown; verb?: unknown } } | undefined)?.action;
      if (!action || typeof action !== 'object' || action.type !== 'Action.Execute' || typeof action.verb !== 'string') {
        const message = 'adaptiveCard/action needs value.action with type "Action.Execute" and a string verb';
        return { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } } };
      }
    }
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const data = { ...((invokeValue.action.data ?? {}) as Record<string, unknown>), verb: invokeValue.action.verb };
    const result = await this.cardActions(context, data);
    if (!result) {
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: `Unknown card action "${String(invokeValue.action.verb)}"` } as never,
      };
    }
    if (result.card) {
      if (result.message) await context.sendActivity(result.message);
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card as never };
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: (result.message ?? '') as never };
  }
}

/**
 * Applies a card action's result when it came as Action.Submit (a message with value): the card
 * is updated in place when Teams told us which message was clicked, else sent anew.
 */
export async function applyCardActionResult(context: TurnContext, result: CardActionResult): Promise<void> {
  if (result.card) {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(result.card));
    const replyToId = context.activity.replyToId;
    let updated = false;
    if (replyToId) {
      try {
        await context.updateActivity({ ...activity, id: replyToId });
        updated = true;
      } catch {
        updated = false;
      }
    }
    if (!updated) await context.sendActivity(activity);
  }
  if (result.message) await context.sendActivity(result.message);
}

function botWasAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((member) => member.id === botId);
}
