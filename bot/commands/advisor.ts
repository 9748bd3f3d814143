import type { AdvisorId } from '../../identity/advisors';
import type { BotCommand } from './command';

/** "advisor": the three deployment advisors to choose from. */
export const advisorCommand: BotCommand = {
  names: ['advisor', 'advisors', 'deployment advisor', 'deployment advisors'],
  description: 'Start a deployment advisor (Connect, AD FS, setup guide)',
  handle: (context, _input, { advisors }) => advisors.startFromCommand(context),
};

/** The handler of a command that starts one advisor straight away, in a new message. */
export function startsAdvisor(id: AdvisorId): BotCommand['handle'] {
  return (context, _input, { advisors }) => advisors.startFromCommand(context, id);
}
