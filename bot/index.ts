import type { ChatNotifications } from '../contract/notifications';
import type { RoleChecker } from '../identity/tenant/admin-roles';
import type { KnowledgeBase } from '../identity/knowledge/engine';
import type { Topic } from '../identity/knowledge/topic';
import type { SnapshotSource } from '../identity/tenant/snapshot-cache';
import type { Logger } from '../platform/logger';
import type { KeyValueStore } from '../storage/store';
import { AdvisorFlows, type SharePort } from './advisors/flows';
import { tenantFacts } from './advisors/tenant-facts';
import { EntraCompanionBot } from './bot';
import { alertSettingsActions } from './card-actions/alert-settings';
import { alertActions } from './card-actions/alerts';
import { cardActionRoute } from './card-actions/submit-route';
import { CardActions } from './card-actions/table';
import { routeOf, type CommandServices } from './commands/command';
import { CATALOGUE, COMMANDS } from './commands';
import { tenantOf } from './conversation';
import type { FeedbackStore } from './feedback';
import { AnswerGrounding } from './grounding';
import { AnswerSearch } from './message-extension';
import { QuestionAnswering } from './qa';
import { MessageRouter } from './router';

export interface BotDeps {
  knowledge: KnowledgeBase;
  /** The topics the knowledge base holds, with their areas: the message extension lists one per area for an empty search. */
  topics: readonly (Topic & { area?: string })[];
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
  notifications: ChatNotifications;
}

/** Wires the bot: feedback, card actions by verb, then the commands, then questions for the knowledge base. */
export function createBot(deps: BotDeps): EntraCompanionBot {
  const { logger, notifications } = deps;
  const grounding = new AnswerGrounding(deps.snapshots, deps.statusRoles, deps.statusSource, logger.child('grounding'));
  const qa = new QuestionAnswering(deps.knowledge, deps.feedback, logger.child('qa'), grounding);
  const advisors = new AdvisorFlows(
    deps.store,
    (context) => tenantFacts(deps.snapshots, tenantOf(context)),
    logger.child('advisors'),
    deps.share,
  );
  const cardActions = new CardActions({
    'advisor.*': (context, data) => advisors.act(context, data),
    ...alertActions(notifications),
    ...alertSettingsActions(notifications, deps.tabUrl),
  });
  const services: Omit<CommandServices, 'logger'> = {
    snapshots: deps.snapshots,
    adminRoles: deps.statusRoles,
    tabUrl: deps.tabUrl,
    statusSource: deps.statusSource,
    advisors,
    notifications,
    catalogue: CATALOGUE,
  };
  const commandRoutes = COMMANDS.map((command) => routeOf(command, { ...services, logger: logger.child(command.names[0]) }));
  const router = new MessageRouter(
    [
      {
        name: 'feedback',
        matches: (input) => input.data?.action === 'feedback',
        handle: (context, input) => qa.recordFeedback(context, input),
      },
      cardActionRoute(cardActions),
      ...commandRoutes,
    ],
    (context, input) => qa.answer(context, input),
  );
  // Every activity (installationUpdate, conversationUpdate, message, invoke) refreshes the stored reference.
  return new EntraCompanionBot(router, cardActions, new AnswerSearch(deps.knowledge, deps.topics), (activity) =>
    notifications.observe(activity),
  );
}
