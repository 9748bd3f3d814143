import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { requestedPermissions } from '../../devtenant/app-registration';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { teamsActivity } from '../support/activities';
import { createTestCa, type TestCa } from '../support/identity-platform/ca';
import { AuthenticatedConnector } from '../support/identity-platform/authenticated-connector';
import { GraphFront } from '../support/identity-platform/graph-front';
import { LocalIdentityPlatform } from '../support/identity-platform/platform';
export { eventually } from '../support/eventually';

/** Contoso, the tenant the dev tenant's scenarios describe (organization id). */
export const TENANT = '84841066-274d-4ec0-a5c1-276be684bdd3';
export const BOT_ID = randomUUID();
export const TAB_ID = randomUUID();
export const TEAMS_APP_ID = randomUUID();
export const PUBLIC_HOST = 'companion.contoso.example';
export const NOTIFY_KEY = randomBytes(24).toString('base64url');
export const ADMIN = { oid: randomUUID(), name: 'Adele Vance', upn: 'adele@contoso.com', wids: ['62e90394-69f5-4237-9190-012177145e10'] };

/** A Teams activity from the admin in a personal chat, in production shapes (28:<app id>, the tenant, aadObjectId). */
export function adminActivity(serviceUrl: string, conversationId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return teamsActivity(serviceUrl, fields, {
    conversationId,
    tenantId: TENANT,
    user: { id: '29:1adele', name: ADMIN.name, aadObjectId: ADMIN.oid },
    bot: { id: `28:${BOT_ID}`, name: 'Entra Companion' },
  });
}
export const READER = { oid: randomUUID(), name: 'Lee Gu', upn: 'lee@contoso.com', wids: ['f2ef992c-3afb-46b9-b7cf-a126ee74c451'] };
/**
 * What the tenant's admin consented to: exactly what aad.manifest.json asks (as the dev tenant grants
 * by default), so the rehearsal cannot fall behind a permission a new read needs, as it did with
 * Synchronization.Read.All for Cloud Sync's jobs and OnPremDirectorySynchronization.Read.All for
 * the tab's Entra Connect details.
 */
const REQUESTED = requestedPermissions();
/** Delegated permissions an admin consented to for the tab app (docs/graph-permissions.md). */
export const DELEGATED: string[] = REQUESTED.delegated;
export const APP_ROLES: string[] = REQUESTED.application;

export interface Counts {
  tokens: number;
  connector: number;
  graph: number;
}

/**
 * The production rehearsal's world: a local Microsoft cloud (identity platform, Graph front over the
 * dev tenant, authenticated Bot Connector), all HTTPS on loopback with a CA made now, and the real
 * server started as its own process in production mode, trusting that CA through NODE_EXTRA_CA_CERTS.
 * Secrets are random per run.
 */
export class Rehearsal {
  platform!: LocalIdentityPlatform;
  graph!: GraphFront;
  connector!: AuthenticatedConnector;
  devTenant!: RunningDevTenant;
  readonly secrets = { bot: randomBytes(24).toString('base64url'), tab: randomBytes(24).toString('base64url') };
  private child?: ChildProcess;
  private output = '';
  serverUrl = '';

  private constructor(readonly ca: TestCa) {}

  /** The cloud, without the server. */
  static async cloud(scenario = 'healthy-hybrid'): Promise<Rehearsal> {
    const r = new Rehearsal(await createTestCa());
    r.devTenant = await startDevTenant({ scenario, port: 0 });
    r.platform = await new LocalIdentityPlatform(r.ca).start();
    r.graph = await new GraphFront(r.ca, r.platform, () => r.devTenant).listen();
    r.platform.graphResource = r.graph.url;
    r.platform
      .addTenant(TENANT)
      .addUser(TENANT, ADMIN)
      .addUser(TENANT, READER)
      .register({ clientId: BOT_ID, secret: r.secrets.bot, homeTenant: TENANT, signInAudience: 'AzureADMyOrg' })
      .register({
        clientId: TAB_ID,
        secret: r.secrets.tab,
        homeTenant: TENANT,
        signInAudience: 'AzureADMultipleOrgs',
        identifierUris: [`api://${PUBLIC_HOST}/${TAB_ID}`],
      })
      .grantConsent(TENANT, TAB_ID, DELEGATED)
      .grantAppRoles(TENANT, TAB_ID, APP_ROLES);
    r.connector = await new AuthenticatedConnector(r.ca, r.platform, { appId: BOT_ID, tenantId: TENANT }, { throttling: {} }).start();
    return r;
  }

  /** What the server needs in production: the Toolkit's names, pointed at the local cloud. */
  serverEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TMPDIR: process.env.TMPDIR ?? '/tmp',
      NODE_EXTRA_CA_CERTS: this.ca.certFile,
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL: `https://${PUBLIC_HOST}`,
      TEAMS_APP_ID: TEAMS_APP_ID,
      BOT_ID,
      BOT_PASSWORD: this.secrets.bot,
      BOT_TYPE: 'SingleTenant',
      BOT_TENANT_ID: TENANT,
      BOT_OPENID_METADATA: this.platform.channelMetadataUrl,
      AAD_APP_CLIENT_ID: TAB_ID,
      AAD_APP_CLIENT_SECRET: this.secrets.tab,
      AAD_APP_TENANT_ID: TENANT,
      AAD_APP_OAUTH_AUTHORITY_HOST: this.platform.url,
      GRAPH_ENDPOINT: this.graph.url,
      STORAGE_KIND: 'memory',
      WATCH_INTERVAL_MINUTES: '0',
      NOTIFY_API_KEY: NOTIFY_KEY,
      TAB_STATIC_DIR: 'tests/fixtures/tab',
      LOG_LEVEL: 'debug',
      ...extra,
    };
  }

  /** Starts `server/main.ts` as its own process (as App Service runs it) and waits for "listening on". */
  async startServer(extra: Record<string, string> = {}): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: this.serverEnv(extra),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const onData = (chunk: Buffer): void => void (this.output += chunk.toString());
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    this.serverUrl = await new Promise<string>((resolve, reject) => {
      const check = (): void => {
        const match = /listening on (?:http:\/\/)?([\d.]+:\d+) \(production mode\)/.exec(this.output);
        if (match) resolve(`http://${match[1]}`);
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${this.output}`)));
    });
  }

  /** The server's log so far (stdout and stderr). */
  get logs(): string {
    return this.output;
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  counts(): Counts {
    return { tokens: this.platform.tokenRequests.length, connector: this.connector.calls.length, graph: this.graph.calls.length };
  }

  /** What happened since `before`. */
  since(before: Counts): Counts {
    const now = this.counts();
    return { tokens: now.tokens - before.tokens, connector: now.connector - before.connector, graph: now.graph - before.graph };
  }

  /** Prints a measurement next to the spec's output. */
  report(what: string, counts: Counts): void {
    console.log(
      `      [rehearsal] ${what}: ${counts.tokens} token request(s), ${counts.connector} connector call(s), ${counts.graph} Graph call(s)`,
    );
  }

  /** Activities as the connector posts them: signed with a channel token naming this connector as serviceUrl. */
  async postActivity(activity: Record<string, unknown>, authorization?: string): Promise<Response> {
    const auth = authorization ?? `Bearer ${await this.platform.channelToken(BOT_ID, this.connector.url)}`;
    return fetch(`${this.serverUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(activity),
    });
  }

  async stopServer(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    await this.stopServer();
    await this.connector?.stop();
    await this.graph?.stop();
    await this.platform?.stop();
    await this.devTenant?.close();
    this.ca.dispose();
  }
}

/** Polls until `read` gives a value (loopback I/O); fails after a generous deadline, never asserts on time. */
