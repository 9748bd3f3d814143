import { adfsAdvisorCommand } from './adfs-advisor';
import { advisorCommand } from './advisor';
import { appsCommand } from './apps';
import { catalogueOf, type BotCommand, type CommandInfo } from './command';
import { connectAdvisorCommand } from './connect-advisor';
import { helpCommand } from './help';
import { setupGuideCommand } from './setup-guide';
import { statusCommand } from './status';

/**
 * Every chat command, in the order the help card and the manifest's commandLists list them.
 * The router, the help card and the manifest test all read this list.
 */
export const COMMANDS: readonly BotCommand[] = [
  helpCommand,
  statusCommand,
  appsCommand,
  advisorCommand,
  connectAdvisorCommand,
  adfsAdvisorCommand,
  setupGuideCommand,
];

/** The commands with a description: the help card and the manifest list these. */
export const CATALOGUE: readonly CommandInfo[] = [
  ...catalogueOf(COMMANDS),
  // Until the alert commands move here onto the notifications port, bot/notifications-commands.ts routes them.
  { name: 'subscribe', description: 'Get sync-health alerts in this chat or channel' },
  { name: 'unsubscribe', description: 'Stop sync-health alerts here' },
];
