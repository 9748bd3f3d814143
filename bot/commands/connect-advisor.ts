import { startsAdvisor } from './advisor';
import type { BotCommand } from './command';

/** "connect advisor" starts the Entra Connect advisor; the answer cards' "Start the … advisor" button sends it. */
export const connectAdvisorCommand: BotCommand = {
  names: ['connect advisor', 'entra connect advisor', 'azure ad connect advisor', 'aadc advisor', 'sync advisor'],
  handle: startsAdvisor('connect'),
};
