import type { AdaptiveCardInvokeResponse, InvokeResponse, TurnContext } from 'botbuilder';
import type { CardActionResult } from '../../contract/card-action';
import { AppError, ERROR_CATALOGUE, errorBody } from '../../platform/errors';

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

/** The Universal Actions error codes by status (Universal Action Model: application/vnd.microsoft.error). */
const ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  412: 'PreconditionFailed',
};

/**
 * The answer to an invoke whose turn failed. An Action.Execute gets HTTP 200 with a Universal Actions
 * error body, which Teams shows the clicker (an HTTP error status shows only a generic failure, and
 * none at all leaves botbuilder to answer 501 "not implemented"); other invokes get the error's
 * status with our error body. Our own errors below 500 say what went wrong; anything else reads as internal.
 */
export function failedInvoke(name: string | undefined, error: unknown): InvokeResponse {
  const known =
    error instanceof AppError && error.status < 500 ? error : new AppError('internal_error', ERROR_CATALOGUE.internal_error.message);
  if (name !== 'adaptiveCard/action') return { status: known.status, body: errorBody(known) };
  const value = { code: ERROR_CODES[known.status] ?? 'InternalError', message: known.message };
  const body: AdaptiveCardInvokeResponse = { statusCode: known.status, type: 'application/vnd.microsoft.error', value: value as never };
  return { status: 200, body };
}
