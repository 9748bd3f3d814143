/**
 * The bot's commands, as listed in the manifest's commandLists and on the help card.
 * One catalogue so the help card, the manifest test and the router never disagree.
 */
export interface CommandInfo {
  name: string;
  description: string;
}

export const COMMANDS: readonly CommandInfo[] = [
  { name: 'help', description: 'What I can do and how to ask' },
  { name: 'status', description: "Your tenant's Entra sync and sign-in status" },
  { name: 'apps', description: 'Integrated apps and their permissions' },
  { name: 'advisor', description: 'Start a deployment advisor (Connect, AD FS, setup guide)' },
  { name: 'subscribe', description: 'Get sync-health alerts in this chat or channel' },
  { name: 'unsubscribe', description: 'Stop sync-health alerts here' },
];

/** Example questions shown on the welcome and help cards. */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  'How often does password hash sync run?',
  'pta vs phs',
  'Which Entra edition do I need for Conditional Access?',
];
