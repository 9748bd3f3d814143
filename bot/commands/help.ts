import { renderCard } from '../../cards/render';
import { sendCard } from '../card-replies';
import { EXAMPLE_QUESTIONS } from '../welcome';
import type { BotCommand } from './command';

const askExamples = EXAMPLE_QUESTIONS.map((question) => ({ title: question, ask: question }));

/** "help": the listed commands with their descriptions, and example questions as buttons. */
export const helpCommand: BotCommand = {
  names: ['help', '?', 'commands', 'menu', 'start'],
  description: 'What I can do and how to ask',
  async handle(context, _input, { catalogue }) {
    await sendCard(context, renderCard('help', { commands: catalogue, actions: askExamples }));
  },
};
