import { MessageFactory, type TurnContext } from 'botbuilder';
import { cardAttachment } from '../cards/render';
import { COMMANDS, EXAMPLE_QUESTIONS } from './commands';

const askActions = EXAMPLE_QUESTIONS.map((q) => ({ title: q, ask: q }));

export async function sendWelcome(context: TurnContext): Promise<void> {
  const card = cardAttachment('welcome', {
    examples: EXAMPLE_QUESTIONS,
    actions: [
      { title: "Check my tenant's status", ask: 'status' },
      { title: 'Start a deployment advisor', ask: 'advisor' },
      { title: 'Show commands', ask: 'help' },
    ],
  });
  await context.sendActivity(MessageFactory.attachment(card));
}

export async function sendHelp(context: TurnContext): Promise<void> {
  const card = cardAttachment('help', {
    commands: COMMANDS,
    actions: askActions,
  });
  await context.sendActivity(MessageFactory.attachment(card));
}
