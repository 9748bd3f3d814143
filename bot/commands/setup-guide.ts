import { startsAdvisor } from './advisor';
import type { BotCommand } from './command';

/** "setup guide" starts the Entra setup guide; the answer cards' "Start the … advisor" button sends it. */
export const setupGuideCommand: BotCommand = {
  names: ['setup guide', 'entra setup guide', 'setup advisor', 'azure ad setup guide'],
  handle: startsAdvisor('setup'),
};
