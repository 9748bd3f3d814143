import {
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { AppConfig } from '../platform/config';
import { AppError, ERROR_CATALOGUE } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { failedInvoke } from './card-actions/invoke-response';
import { TokenEndpointCredentialsFactory } from './connector-credentials';

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

/**
 * botbuilder answers a token that fails jsonwebtoken's own checks (bad signature, malformed, "none"
 * algorithm) with 500; every failure to authenticate the caller is a 401.
 */
class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      const name = (error as { name?: string } | undefined)?.name ?? '';
      if (/^(JsonWebTokenError|TokenExpiredError|NotBeforeError)$/.test(name)) throw new AuthenticationError(`Unauthorized. ${name}`, 401);
      throw error;
    }
  }
}

export function createBotHost(config: AppConfig, logger: Logger): BotHost {
  // Overriding any endpoint makes botbuilder take every endpoint from us, so the rest get the public-cloud values.
  const endpoints =
    config.bot.openIdMetadataUrl || config.bot.tokenIssuer
      ? {
          ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
          ToBotFromChannelTokenIssuer: config.bot.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
          ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }
      : {};
  const auth = new StrictBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.appPassword,
      // Demo mode has no registration at all: without an app id botbuilder turns auth off, but only when no type asks for a tenant.
      MicrosoftAppType: config.bot.appId ? config.bot.appType : undefined,
      MicrosoftAppTenantId: config.bot.tenantId,
      ...endpoints,
    },
    config.bot.tokenEndpoint
      ? new TokenEndpointCredentialsFactory(config.bot.appId, config.bot.appPassword, config.bot.tokenEndpoint)
      : undefined,
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error('turn failed', { activityType: context.activity.type, error: error instanceof Error ? error.message : String(error) });
    // An invoke is answered in the HTTP response: without one botbuilder says 501 "not implemented".
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: failedInvoke(context.activity.name, error) });
      return;
    }
    try {
      // Our own errors say what went wrong when it is the request's doing; anything else reads as internal.
      const known = error instanceof AppError && error.status < 500;
      await context.sendActivity(known ? error.message : ERROR_CATALOGUE.internal_error.message);
    } catch (sendError) {
      logger.warn('could not tell the user about the failure', { error: String(sendError) });
    }
  };
  return {
    process: (req, res, logic) => adapter.process(req, res, logic),
    continueConversation: (reference, logic) => adapter.continueConversationAsync(config.bot.appId, reference, logic),
  };
}
