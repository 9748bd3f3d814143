import { startsAdvisor } from './advisor';
import type { BotCommand } from './command';

/** "adfs advisor" starts the AD FS deployment advisor; the answer cards' "Start the … advisor" button sends it. */
export const adfsAdvisorCommand: BotCommand = {
  names: ['adfs advisor', 'ad fs advisor', 'ad fs deployment advisor', 'adfs deployment advisor', 'federation advisor'],
  handle: startsAdvisor('adfs'),
};
