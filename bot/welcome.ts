import type { TurnContext } from 'botbuilder';
import { renderCard } from '../cards/render';
import { sendCard } from './card-replies';

/** Example questions shown on the welcome and help cards. */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  'How often does password hash sync run?',
  'pta vs phs',
  'Which Entra edition do I need for Conditional Access?',
];

/** The card the bot sends when it is added to a chat, team or group chat. */
export async function sendWelcome(context: TurnContext): Promise<void> {
  await sendCard(
    context,
    renderCard('welcome', {
      examples: EXAMPLE_QUESTIONS,
      actions: [
        { title: "Check my tenant's status", ask: 'status' },
        { title: 'Start a deployment advisor', ask: 'advisor' },
        { title: 'Show commands', ask: 'help' },
      ],
    }),
  );
}
