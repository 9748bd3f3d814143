import type { KnowledgeBase } from '../identity/knowledge/engine';
import type { Logger } from '../server/logger';
import { EntraCompanionBot } from './bot';
import type { FeedbackStore } from './feedback';
import { QuestionAnswering } from './qa';
import { MessageRouter, commandRoute, type MessageRoute } from './router';
import { sendHelp } from './replies';

export interface BotDeps {
  knowledge: KnowledgeBase;
  feedback: FeedbackStore;
  logger: Logger;
}

/** Wires the bot's routes: commands first, card actions, then questions for the knowledge base. */
export function createBot({ knowledge, feedback, logger }: BotDeps): EntraCompanionBot {
  const qa = new QuestionAnswering(knowledge, feedback, logger.child('qa'));
  const feedbackRoute: MessageRoute = {
    name: 'feedback',
    matches: (input) => input.data?.action === 'feedback',
    handle: (context, input) => qa.recordFeedback(context, input),
  };
  const router = new MessageRouter(
    [feedbackRoute, commandRoute(['help', '?', 'commands', 'menu', 'start'], sendHelp)],
    (context, input) => qa.answer(context, input),
  );
  return new EntraCompanionBot(router);
}
