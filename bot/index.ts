import type { TurnContext } from 'botbuilder';
import type { AdvisorId, TenantFacts } from '../identity/advisors';
import type { KnowledgeBase } from '../identity/knowledge/engine';
import { dataOf, summariseIdentity } from '../identity/tenant/summary';
import type { Logger } from '../platform/logger';
import type { SnapshotSource } from '../identity/tenant/snapshot-cache';
import type { KeyValueStore } from '../storage/store';
import { AdvisorFlows, isAdvisorAction, type SharePort } from './advisor-flows';
import { applyCardActionResult, EntraCompanionBot, type CardActionHandler } from './bot';
import type { FeedbackStore } from './feedback';
import { QuestionAnswering } from './qa';
import { MessageRouter, commandRoute, type MessageRoute } from './router';
import { sendHelp } from './replies';
import { StatusCommand } from './status';
import { AppsCommand } from './apps';
import type { RoleChecker } from '../identity/tenant/admin-roles';
import type { NotificationBotHooks } from './notifications-commands';

export interface BotDeps {
  knowledge: KnowledgeBase;
  feedback: FeedbackStore;
  snapshots: SnapshotSource;
  store: KeyValueStore;
  /** Where "Open status tab" goes: a Teams deep link, or the tab's URL in demo mode. */
  tabUrl: string;
  /** Says where status comes from ("the dev tenant", "Microsoft Graph"). */
  statusSource: string;
  logger: Logger;
  /** Where advisor plans can be shared (channels and group chats the bot is in). */
  share?: SharePort;
  /** Who may see the tenant status in chat (the tab's admin roles). */
  statusRoles: RoleChecker;
  /** Sync-health notifications: installation tracking, subscribe/unsubscribe/settings, alert card actions. */
  notifications?: NotificationBotHooks;
}

/** The Entra tenant a conversation belongs to. */
export function tenantOf(context: TurnContext): string {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return context.activity.conversation?.tenantId ?? channelData?.tenant?.id ?? '';
}

/** Commands that start an advisor; the QA cards' "Start the … advisor" buttons send these. */
const ADVISOR_COMMANDS: Record<AdvisorId, string[]> = {
  connect: ['connect advisor', 'entra connect advisor', 'azure ad connect advisor', 'aadc advisor', 'sync advisor'],
  adfs: ['adfs advisor', 'ad fs advisor', 'ad fs deployment advisor', 'adfs deployment advisor', 'federation advisor'],
  setup: ['setup guide', 'entra setup guide', 'setup advisor', 'azure ad setup guide'],
};

/** Wires the bot's routes: card actions, commands, then questions for the knowledge base. */
export function createBot({
  knowledge,
  feedback,
  snapshots,
  store,
  tabUrl,
  statusSource,
  logger,
  notifications,
  share,
  statusRoles,
}: BotDeps): EntraCompanionBot {
  const qa = new QuestionAnswering(knowledge, feedback, logger.child('qa'));
  const status = new StatusCommand(snapshots, { tabUrl, source: statusSource, tenantOf, roles: statusRoles }, logger.child('status'));
  const appsTabUrl = tabUrl.includes('/l/entity/') ? tabUrl : `${tabUrl}?view=apps`;
  const apps = new AppsCommand(snapshots, { tabUrl: appsTabUrl, tenantOf, roles: statusRoles }, logger.child('apps'));
  const advisors = new AdvisorFlows(
    store,
    (context) => tenantFacts(snapshots, tenantOf(context)),
    logger.child('advisors'),
    share ? { port: share, tenantOf } : undefined,
  );

  const cardActions: CardActionHandler = async (context, data) =>
    isAdvisorAction(data) ? advisors.act(context, data) : notifications?.handles(data) ? notifications.act(context, data) : undefined;
  const routes: MessageRoute[] = [
    {
      name: 'feedback',
      matches: (input) => input.data?.action === 'feedback',
      handle: (context, input) => qa.recordFeedback(context, input),
    },
    {
      name: 'card action',
      matches: (input) => isAdvisorAction(input.data) || Boolean(notifications?.handles(input.data)),
      handle: async (context, input) => {
        const result = await cardActions(context, input.data ?? {});
        if (result) await applyCardActionResult(context, result);
      },
    },
    ...(notifications?.routes ?? []),
    commandRoute(['help', '?', 'commands', 'menu', 'start'], sendHelp),
    commandRoute(['status', 'status refresh', 'health', 'sync status', 'tenant status'], (context, input) => status.handle(context, input)),
    commandRoute(['apps', 'integrated apps', 'app list', 'list apps'], (context) => apps.handle(context)),
    commandRoute(['advisor', 'advisors', 'deployment advisor', 'deployment advisors'], (context) => advisors.startFromCommand(context)),
    ...(Object.entries(ADVISOR_COMMANDS) as Array<[AdvisorId, string[]]>).map(([id, names]) =>
      commandRoute(names, (context) => advisors.startFromCommand(context, id), `${id} advisor`),
    ),
  ];
  const router = new MessageRouter(routes, (context, input) => qa.answer(context, input));
  const bot = new EntraCompanionBot(router, cardActions);
  // Every activity (installationUpdate, conversationUpdate, message, invoke) refreshes the stored reference.
  if (notifications)
    bot.onTurn(async (context, next) => {
      await notifications.observe(context);
      await next();
    });
  return bot;
}

/** What the advisors can learn from the tenant's status (cached snapshot). */
async function tenantFacts(snapshots: SnapshotSource, tenantId: string): Promise<TenantFacts> {
  const snapshot = await snapshots.snapshot(tenantId);
  const org = dataOf(snapshot.organization);
  const licensing = dataOf(snapshot.licensing);
  const facts: TenantFacts = {};
  if (org) {
    facts.syncEnabled = org.onPremisesSyncEnabled;
    if (snapshot.domains.status === 'ok') facts.federatedDomains = summariseIdentity(snapshot).federatedDomains;
  }
  if (licensing) facts.edition = licensing.edition;
  return facts;
}
