import { TurnContext, type Activity } from 'botbuilder';

/** What the user said, whichever way they said it (typed text, a card button, an @mention in a channel). */
export interface UserInput {
  /** The text with the bot's @mention removed, trimmed, whitespace collapsed. */
  text: string;
  /** The text as a command word: lower case, a trailing "." "!" or "?" dropped ("Help?" is "help"; "?" stays "?"). */
  command: string;
  /** Where it came from. */
  source: 'text' | 'card';
  /** A card button's data (Action.Submit `data`), when the input came from a card. */
  data?: Record<string, unknown>;
}

/**
 * Reads the user's words from a message activity: typed text with the bot mention stripped, or the
 * data of an Action.Submit button (which arrives as a message with `value` and no text).
 */
export function readUserInput(activity: Partial<Activity>): UserInput {
  const value = activity.value;
  if ((!activity.text || !activity.text.trim()) && value && typeof value === 'object' && !Array.isArray(value)) {
    const data = value as Record<string, unknown>;
    return { ...wordsOf(typeof data.ask === 'string' ? data.ask : ''), source: 'card', data };
  }
  let text = activity.text ?? '';
  if (activity.recipient?.id) {
    text = TurnContext.removeMentionText(activity as Activity, activity.recipient.id) ?? text;
  }
  // Teams also leaves <at>…</at> markup when the mention entity is missing or for another id.
  text = text.replace(/<at>[^<]*<\/at>/gi, ' ');
  return { ...wordsOf(text), source: 'text' };
}

function wordsOf(raw: string): Pick<UserInput, 'text' | 'command'> {
  const text = normalise(raw);
  return { text, command: text.toLowerCase().replace(/(?<=.)[.!?]+$/, '') };
}

/** Anything normalise would change: an &nbsp;, a control character, whitespace other than one space between words. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNTIDY = /&nbsp;|[\u0000-\u001f\u007f]|[^\S ]| {2}|^ | $/;

function normalise(text: string): string {
  if (!UNTIDY.test(text)) return text;
  return (
    text
      .replace(/&nbsp;/g, ' ')
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
