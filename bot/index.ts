import { EntraCompanionBot } from './bot';
import { MessageRouter, commandRoute } from './router';
import { sendHelp, sendText } from './replies';

/** Wires the bot's routes. Later capabilities add routes here. */
export function createBot(): EntraCompanionBot {
  const router = new MessageRouter(
    [commandRoute(['help', '?', 'commands', 'menu'], sendHelp)],
    async (context) => {
      await sendText(context, "I didn't catch that", 'Type **help** to see what I can do.');
    },
  );
  return new EntraCompanionBot(router);
}
