import path from 'node:path';
import { z } from 'zod';
import { AppError } from './errors';

/**
 * Runtime configuration, read once from the environment at start-up.
 * Names follow the Teams Toolkit's env files (BOT_ID, BOT_PASSWORD, AAD_APP_CLIENT_ID, …) so
 * `teamsapp provision` output can be used as is. Every external endpoint is overridable so tests
 * and operators can point the server at local stand-ins.
 */
export type Mode = 'demo' | 'production';

export interface AppConfig {
  mode: Mode;
  host: string;
  port: number;
  /** ALLOW_REMOTE_DEMO (or --allow-remote-demo): demo mode may listen on a non-loopback HOST (refused otherwise). */
  allowRemoteDemo: boolean;
  /** Public base URL of this server (tab links, deep links). */
  publicUrl: string;
  /** The Teams app id (the manifest's id, for deep links to the tab); empty in demo mode. */
  teamsAppId: string;
  /** The app's id in the organisation's app catalog once published (`teamsapp publish`), which deep links must use then. */
  teamsCatalogAppId: string;
  bot: {
    appId: string;
    appPassword: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId: string;
    /** Override of the Bot Framework OpenID metadata URL (a local issuer in tests). */
    openIdMetadataUrl?: string;
    /** Override of the issuer expected in channel tokens (default https://api.botframework.com). */
    tokenIssuer?: string;
    /** OAuth 2.0 token endpoint for the bot's own connector tokens (client credentials), instead of MSAL against login.microsoftonline.com. */
    tokenEndpoint?: string;
  };
  aad: {
    clientId: string;
    clientSecret: string;
    tenantId: string;
    authorityHost: string;
  };
  graph: {
    /** Base URL without version, e.g. https://graph.microsoft.com or the dev tenant. */
    endpoint: string;
  };
  devTenant: {
    port: number;
    scenario: string;
  };
  tab: {
    /** Folder holding the built tab (vite output). */
    staticDir: string;
  };
  /** Folder for the embedded default's local data (SQLite store, feedback). Git-ignored. */
  dataDir: string;
  notifications: {
    /** WATCH_INTERVAL_MINUTES: how often each tenant is checked (default 10; 0 = only on POST /api/notify). */
    watchIntervalMinutes: number;
    /** WATCH_APPS_INTERVAL_HOURS: how often a scheduled check also reads the tenant's apps (default 6, 1..168). */
    watchAppsIntervalHours: number;
    /** NOTIFY_API_KEY: the Bearer secret of POST /api/notify (demo default "demo-notify-key"; empty = endpoint always 401). */
    apiKey: string;
  };
  storage: {
    kind: 'sqlite' | 'memory' | 'azure';
    /** SQLITE_FILE, else DATA_DIR/entra-companion.sqlite. */
    sqliteFile: string;
    /** Azure Storage (kind 'azure'): blobs for data and leases, a queue for the outbox. */
    azure?: { connectionString: string; container: string; queue: string };
  };
}

/** POST /api/notify's Bearer secret in demo mode when NOTIFY_API_KEY is not set. */
export const DEMO_NOTIFY_API_KEY = 'demo-notify-key';

export class ConfigError extends AppError {
  constructor(message: string) {
    super('invalid_config', message);
  }
}

const port = z.coerce.number().int().min(0).max(65535);
const url = z.url();

const EnvSchema = z.object({
  PORT: port.default(3978),
  HOST: z.string().min(1).optional(),
  ALLOW_REMOTE_DEMO: z.stringbool().default(false),
  PUBLIC_URL: url.optional(),
  TEAMS_APP_ID: z.string().default(''),
  TEAMS_APP_PUBLISHED_APP_ID: z.string().default(''),
  BOT_ID: z.string().default(''),
  BOT_PASSWORD: z.string().default(''),
  // SingleTenant: Azure refuses to create new MultiTenant bots since 2025-07-31 (InvalidBotCreationData); existing ones still run.
  BOT_TYPE: z.enum(['SingleTenant', 'UserAssignedMsi', 'UserAssignedMSI', 'MultiTenant']).default('SingleTenant'),
  BOT_TENANT_ID: z.string().default(''),
  BOT_OPENID_METADATA: url.optional(),
  BOT_TOKEN_ISSUER: z.string().min(1).optional(),
  BOT_TOKEN_ENDPOINT: url.optional(),
  AAD_APP_CLIENT_ID: z.string().default(''),
  AAD_APP_CLIENT_SECRET: z.string().default(''),
  AAD_APP_TENANT_ID: z.string().default(''),
  AAD_APP_OAUTH_AUTHORITY_HOST: url.default('https://login.microsoftonline.com'),
  GRAPH_ENDPOINT: url.optional(),
  DEV_TENANT_PORT: port.default(3979),
  DEV_TENANT_SCENARIO: z.string().min(1).default('healthy-hybrid'),
  TAB_STATIC_DIR: z.string().min(1).default('dist/tab'),
  DATA_DIR: z.string().min(1).default('.data'),
  WATCH_INTERVAL_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(10),
  WATCH_APPS_INTERVAL_HOURS: z.coerce.number().min(1).max(168).default(6),
  NOTIFY_API_KEY: z.string().optional(),
  STORAGE_KIND: z.enum(['sqlite', 'memory', 'azure']).default('sqlite'),
  SQLITE_FILE: z.string().min(1).optional(),
  AZURE_STORAGE_CONNECTION_STRING: z.string().default(''),
  AZURE_STORAGE_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'an Azure container name (3-63 lowercase letters, digits, single hyphens)')
    .default('entra-companion'),
  AZURE_STORAGE_QUEUE: z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'an Azure queue name (3-63 lowercase letters, digits, single hyphens)')
    .default('entra-companion-outbox'),
});

/**
 * What botbuilder would otherwise assert at the first turn, said at startup with the variable's name:
 * a managed identity has no password and needs its tenant; SingleTenant needs its tenant and a password.
 */
function botRegistrationProblems(e: z.infer<typeof EnvSchema>): string[] {
  const msi = e.BOT_TYPE === 'UserAssignedMsi' || e.BOT_TYPE === 'UserAssignedMSI';
  const problems: string[] = [];
  if (msi && e.BOT_PASSWORD)
    problems.push('BOT_PASSWORD: must be empty when BOT_TYPE=UserAssignedMsi (the managed identity is the credential)');
  if (!msi && !e.BOT_PASSWORD)
    problems.push(`BOT_PASSWORD: required when BOT_ID is set and BOT_TYPE=${e.BOT_TYPE} (or set BOT_TYPE=UserAssignedMsi)`);
  if (e.BOT_TYPE !== 'MultiTenant' && !e.BOT_TENANT_ID)
    problems.push(`BOT_TENANT_ID: required when BOT_TYPE=${msi ? 'UserAssignedMsi' : e.BOT_TYPE}`);
  return problems;
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const mode: Mode = e.BOT_ID ? 'production' : 'demo';
  const botProblems = mode === 'production' ? botRegistrationProblems(e) : [];
  if (botProblems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${botProblems.join('\n  ')}`);
  if (e.STORAGE_KIND === 'azure' && !e.AZURE_STORAGE_CONNECTION_STRING) {
    throw new ConfigError('Invalid configuration:\n  AZURE_STORAGE_CONNECTION_STRING: required when STORAGE_KIND=azure');
  }
  const host = e.HOST ?? (mode === 'demo' ? '127.0.0.1' : '0.0.0.0');
  const publicHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    mode,
    host,
    port: e.PORT,
    allowRemoteDemo: e.ALLOW_REMOTE_DEMO,
    teamsAppId: e.TEAMS_APP_ID,
    teamsCatalogAppId: e.TEAMS_APP_PUBLISHED_APP_ID,
    publicUrl: (e.PUBLIC_URL ?? `http://${publicHost}:${e.PORT}`).replace(/\/$/, ''),
    bot: {
      appId: e.BOT_ID,
      appPassword: e.BOT_PASSWORD,
      appType: e.BOT_TYPE === 'UserAssignedMsi' ? 'UserAssignedMSI' : e.BOT_TYPE,
      tenantId: e.BOT_TENANT_ID,
      openIdMetadataUrl: e.BOT_OPENID_METADATA,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
      tokenEndpoint: e.BOT_TOKEN_ENDPOINT,
    },
    aad: {
      clientId: e.AAD_APP_CLIENT_ID,
      clientSecret: e.AAD_APP_CLIENT_SECRET,
      tenantId: e.AAD_APP_TENANT_ID,
      authorityHost: e.AAD_APP_OAUTH_AUTHORITY_HOST.replace(/\/$/, ''),
    },
    graph: {
      endpoint: (e.GRAPH_ENDPOINT ?? (mode === 'demo' ? `http://127.0.0.1:${e.DEV_TENANT_PORT}` : 'https://graph.microsoft.com')).replace(
        /\/$/,
        '',
      ),
    },
    devTenant: { port: e.DEV_TENANT_PORT, scenario: e.DEV_TENANT_SCENARIO },
    tab: { staticDir: e.TAB_STATIC_DIR },
    dataDir: e.DATA_DIR,
    notifications: {
      watchIntervalMinutes: e.WATCH_INTERVAL_MINUTES,
      watchAppsIntervalHours: e.WATCH_APPS_INTERVAL_HOURS,
      // Demo mode listens on loopback with bot auth off; its well-known key only keeps stray calls out.
      apiKey: e.NOTIFY_API_KEY ?? (mode === 'demo' ? DEMO_NOTIFY_API_KEY : ''),
    },
    storage: {
      kind: e.STORAGE_KIND,
      sqliteFile: e.SQLITE_FILE ?? path.join(e.DATA_DIR, 'entra-companion.sqlite'),
      ...(e.STORAGE_KIND === 'azure'
        ? {
            azure: {
              connectionString: e.AZURE_STORAGE_CONNECTION_STRING,
              container: e.AZURE_STORAGE_CONTAINER,
              queue: e.AZURE_STORAGE_QUEUE,
            },
          }
        : {}),
    },
  };
}
