import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { CardActionResult } from '../contract/card-action';

/** Sends a card as a new message in the conversation. */
export async function sendCard(context: TurnContext, card: Record<string, unknown>): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

/**
 * Replaces the message whose card was clicked with a new card, for everyone in the conversation.
 * False when Teams did not say which message it was (no replyToId) or the update failed (too old,
 * deleted, not the bot's): the caller decides whether to send the card instead.
 */
export async function replaceClickedCard(context: TurnContext, card: Record<string, unknown>, summary?: string): Promise<boolean> {
  const replyToId = context.activity.replyToId;
  if (!replyToId) return false;
  const activity = { ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), ...(summary ? { summary } : {}), id: replyToId };
  try {
    await context.updateActivity(activity);
    return true;
  } catch {
    return false;
  }
}

/**
 * Shows a card action's result in the conversation (Action.Submit, which has no invoke response):
 * the card updated in place, else sent anew; then the message.
 */
export async function showCardActionResult(context: TurnContext, result: CardActionResult): Promise<void> {
  if (result.card && !(await replaceClickedCard(context, result.card))) await sendCard(context, result.card);
  if (result.message) await context.sendActivity(result.message);
}
