import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'restify';
import type { AppConfig } from '../server/config';
import type { Logger } from '../server/logger';

/**
 * Our seam around the Bot Framework SDK: the rest of the app depends on this interface, not on
 * botbuilder's CloudAdapter, so moving to the Microsoft 365 Agents SDK stays a change in this file.
 */
export interface BotHost {
  /** Handles one POST /api/messages request (auth, parsing, the turn, the HTTP answer). */
  process(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  /** Runs `logic` in an existing conversation (proactive messages). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export function createBotHost(config: AppConfig, logger: Logger): BotHost {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
    ...(config.bot.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl } : {}),
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error('turn failed', { activityType: context.activity.type, error: error instanceof Error ? error.message : String(error) });
    // A malformed invoke must still get an answer, or Teams shows a generic failure.
    if (context.activity.type === 'invoke') return;
    try {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
    } catch (sendError) {
      logger.warn('could not tell the user about the failure', { error: String(sendError) });
    }
  };
  return {
    process: (req, res, logic) => adapter.process(req, res, logic),
    continueConversation: (reference, logic) =>
      adapter.continueConversationAsync(config.bot.appId, reference, logic),
  };
}
