import { adfsAdvisorCommand } from './adfs-advisor';
import { advisorCommand } from './advisor';
import { appsCommand } from './apps';
import { catalogueOf, type BotCommand, type CommandInfo } from './command';
import { connectAdvisorCommand } from './connect-advisor';
import { helpCommand } from './help';
import { settingsCommand } from './settings';
import { setupGuideCommand } from './setup-guide';
import { statusCommand } from './status';
import { subscribeCommand } from './subscribe';
import { unsubscribeCommand } from './unsubscribe';

/**
 * Every chat command, in the order the help card and the manifest's commandLists list them.
 * The router, the help card and the manifest test all read this list.
 */
export const COMMANDS: readonly BotCommand[] = [
  helpCommand,
  statusCommand,
  appsCommand,
  advisorCommand,
  subscribeCommand,
  unsubscribeCommand,
  settingsCommand,
  connectAdvisorCommand,
  adfsAdvisorCommand,
  setupGuideCommand,
];

/** The commands with a description: the help card and the manifest list these. */
export const CATALOGUE: readonly CommandInfo[] = catalogueOf(COMMANDS);
