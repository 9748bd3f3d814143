import type { TurnContext } from 'botbuilder';
import type { ChatNotifications } from '../../contract/notifications';
import type { RoleChecker } from '../../identity/tenant/admin-roles';
import type { SnapshotSource } from '../../identity/tenant/snapshot-cache';
import type { Logger } from '../../platform/logger';
import type { AdvisorFlows } from '../advisors/flows';
import type { UserInput } from '../input';
import { commandRoute, type MessageRoute } from '../router';

/** A command as the help card and the manifest's commandLists show it. */
export interface CommandInfo {
  name: string;
  description: string;
}

/** What a command's handler may use. */
export interface CommandServices {
  snapshots: SnapshotSource;
  /** Who may see the tenant's status and apps in chat (the tab's admin roles). */
  adminRoles: RoleChecker;
  /** Where "Open status tab" goes: a Teams deep link, or the tab's URL in demo mode. */
  tabUrl: string;
  /** Says where status comes from ("the dev tenant", "Microsoft Graph"). */
  statusSource: string;
  advisors: AdvisorFlows;
  /** Sync-health alerts: subscribe, unsubscribe, settings. */
  notifications: ChatNotifications;
  /** The listed commands, for the help card. */
  catalogue: readonly CommandInfo[];
  /** The command's own logger, named after it. */
  logger: Logger;
}

/** One chat command: what the user types, what help and the manifest say, and what it does. */
export interface BotCommand {
  /**
   * What the user types (case-insensitive; a trailing "." "!" or "?" is ignored). The first is
   * the command's title on the help card and in the manifest.
   */
  names: readonly string[];
  /**
   * Its line on the help card and in the manifest's commandLists. A command without one is not
   * listed: another command's card or reply leads to it.
   */
  description?: string;
  /** For a command that takes words after its name ("subscribe critical"); by default the text is one of the names. */
  matches?(text: string): boolean;
  handle(context: TurnContext, input: UserInput, services: CommandServices): Promise<void>;
}

/** The listed commands, in the list's order. */
export function catalogueOf(commands: readonly BotCommand[]): CommandInfo[] {
  return commands.flatMap(({ names, description }) => (description ? [{ name: names[0], description }] : []));
}

/** The router's route for a command. */
export function routeOf(command: BotCommand, services: CommandServices): MessageRoute {
  const handle = (context: TurnContext, input: UserInput): Promise<void> => command.handle(context, input, services);
  const { matches } = command;
  return matches ? { name: command.names[0], matches: (input) => matches(input.text), handle } : commandRoute(command.names, handle);
}
