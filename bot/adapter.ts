import {
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  AuthenticationConstants,
  AuthenticationError,
  MsalServiceClientCredentialsFactory,
  type AuthenticateRequestResult,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { AppConfig } from '../platform/config';
import { AppError, ERROR_CATALOGUE, errorBody } from '../platform/errors';
import { isLoopbackUrl } from '../platform/http/loopback';
import type { Logger } from '../platform/logger';
import { failedInvoke } from './card-actions/invoke-response';
import { TokenEndpointCredentialsFactory } from './connector-credentials';
import { msalAuthority } from '../platform/graph/tokens';

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

/** The algorithms and clock skew botbuilder accepts on channel tokens (botframework-connector's channelValidation). */
const CHANNEL_TOKEN_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
const CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Why a bearer token will be refused whatever its signature, read without verifying it: not a JWT,
 * an algorithm botbuilder does not take, or expired beyond the clock skew. botbuilder refuses these
 * too, but prints each to the console first (a stack trace for an expired token).
 */
function plainlyRefused(authHeader: string, nowSeconds: number): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authHeader.trim())?.[1];
  if (!token) return 'not a bearer token';
  const parts = token.split('.');
  if (parts.length !== 3) return 'not a JWT';
  let header: { alg?: unknown };
  let payload: { exp?: unknown };
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as { alg?: unknown };
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
  } catch {
    return 'not a JWT';
  }
  if (typeof header?.alg !== 'string' || !CHANNEL_TOKEN_ALGORITHMS.has(header.alg)) return 'signing algorithm not accepted';
  if (typeof payload?.exp === 'number' && payload.exp + CLOCK_SKEW_SECONDS < nowSeconds) return 'the token has expired';
  return undefined;
}

/**
 * botbuilder answers a token that fails jsonwebtoken's own checks (bad signature, malformed, "none"
 * algorithm) with 500; every failure to authenticate the caller is a 401. With a bot id configured,
 * a token that is plainly no good is refused before botbuilder sees it.
 */
class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    private readonly appId: string,
    ...rest: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>
  ) {
    super(...rest);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const plainly = this.appId ? plainlyRefused(authHeader, Date.now() / 1000) : undefined;
    if (plainly) throw new AuthenticationError(`Unauthorized: ${plainly}.`, 401);
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

/**
 * CloudAdapter.process prints every failed authentication to the console with its stack trace,
 * whatever LOG_LEVEL says. A caller that fails to authenticate gets its 401 here instead, logged
 * as one line at info level; the reason is botbuilder's message, which names no token.
 */
class QuietAuthCloudAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    private readonly logger: Logger,
  ) {
    super(auth);
  }

  protected override processActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
  protected override processActivity(
    authResult: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
  protected override async processActivity(
    authHeader: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    try {
      // Two overloads upstream; the implementation takes either.
      return await super.processActivity(authHeader as string, activity, logic);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      this.logger.info('refused an unauthenticated bot request (401)', { reason: error.message, hadToken: Boolean(authHeader) });
      return { status: 401, body: errorBody(new AppError('invalid_token', 'The Bot Framework token is missing or not valid here.')) };
    }
  }
}

/**
 * Where the bot's own connector tokens come from. A bot with a secret gets them through MSAL from
 * its Entra authority: its tenant for SingleTenant, botframework.com for MultiTenant, on the
 * configured authority host (AAD_APP_OAUTH_AUTHORITY_HOST: one cloud for all the app's
 * registrations), the MSAL client built here so that a host other than Microsoft's is a known
 * authority (botbuilder's own would send MSAL's instance discovery to login.microsoftonline.com and
 * refuse it). BOT_TOKEN_ENDPOINT keeps its plain client-credentials path; a managed identity keeps
 * botbuilder's.
 */
function outgoingCredentials(config: AppConfig): ServiceClientCredentialsFactory | undefined {
  const { appId, appPassword, appType, tenantId, tokenEndpoint } = config.bot;
  if (tokenEndpoint) return new TokenEndpointCredentialsFactory(appId, appPassword, tokenEndpoint);
  if (!appId || !appPassword || appType === 'UserAssignedMSI') return undefined;
  const tenant = appType === 'SingleTenant' ? tenantId : AuthenticationConstants.DefaultChannelAuthTenant;
  const msal = new ConfidentialClientApplication({
    auth: { clientId: appId, clientSecret: appPassword, ...msalAuthority(config.aad.authorityHost, tenant) },
  });
  return new MsalServiceClientCredentialsFactory(appId, msal);
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
    config.bot.appId,
    {
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.appPassword,
      // Demo mode has no registration at all: without an app id botbuilder turns auth off, but only when no type asks for a tenant.
      MicrosoftAppType: config.bot.appId ? config.bot.appType : undefined,
      MicrosoftAppTenantId: config.bot.tenantId,
      ...endpoints,
    },
    outgoingCredentials(config),
  );
  const adapter = new QuietAuthCloudAdapter(auth, logger);
  adapter.onTurnError = async (context, error) => {
    // A request refused for its own fault (an AppError below 500: a forged or broken card action) is the caller's, not a failure here.
    if (error instanceof AppError && error.status < 500) {
      logger.info('turn refused', { activityType: context.activity.type, code: error.code, error: error.message });
    } else {
      logger.error('turn failed', { activityType: context.activity.type, error: error instanceof Error ? error.message : String(error) });
    }
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
    continueConversation: async (reference, logic) => {
      // Demo mode has no bot authentication: whatever an activity named, replies go only to this machine.
      if (config.mode === 'demo' && !isLoopbackUrl(reference.serviceUrl ?? '')) {
        throw new AppError(
          'forbidden',
          'In demo mode the bot sends only to a loopback serviceUrl (http or https on 127.0.0.1, ::1 or localhost).',
        );
      }
      await adapter.continueConversationAsync(config.bot.appId, reference, logic);
    },
  };
}
