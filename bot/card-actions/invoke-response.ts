import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { CardActionResult } from '../../contract/card-action';

/** The Universal Actions error Teams shows the clicker when a card action cannot be answered (HTTP 400). */
export function badCardAction(message: string): AdaptiveCardInvokeResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } as never };
}

/**
 * A card action's result as the invoke response: its card replaces the clicked one (the message,
 * if any, goes to the conversation); a result with only a message is shown to the clicker as text.
 */
export async function invokeResponseOf(context: TurnContext, result: CardActionResult): Promise<AdaptiveCardInvokeResponse> {
  if (!result.card) return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: (result.message ?? '') as never };
  if (result.message) await context.sendActivity(result.message);
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card as never };
}
