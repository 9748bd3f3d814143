import assert from 'node:assert/strict';
import { ConnectorDouble } from '../support/connector';
import { startDevTenant, type RunningDevTenant } from '../../devtenant/server';
import { loadConfig } from '../../platform/config';
import { startServer, type RunningServer } from '../../server/main';
import { messageActivity } from '../support/activities';
import { JWT_PATTERN, LogCapture } from '../support/log-capture';
import { OpenIdIssuer } from '../support/openid-issuer';

const BOT_ID = '6f1c3a52-0d7e-4c59-9a4b-security-test';
const BOT_PASSWORD = 'sup3r-s3cret-bot-password~value';

/**
 * /api/messages in production mode (BOT_ID + BOT_PASSWORD set) with botbuilder's real JWT
 * validation, pointed at a local OpenID issuer: only a correctly signed Bot Framework token runs a
 * turn; every other request is a 401 and the bot says nothing. Nothing leaves loopback: the bot's
 * outgoing connector token comes from the same local issuer (BOT_TOKEN_ENDPOINT).
 */
describe('security: Bot Framework token validation on /api/messages (real botbuilder, local OpenID issuer)', () => {
  let issuer: OpenIdIssuer;
  let connector: ConnectorDouble;
  let devTenant: RunningDevTenant;
  let server: RunningServer;
  const logs = new LogCapture();
  const sentTokens: string[] = [];

  const post = async (authorization: string | undefined, activity = messageActivity(connector.url, 'help')): Promise<Response> => {
    if (authorization) sentTokens.push(authorization);
    return fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
  };
  const bearer = async (options: Parameters<OpenIdIssuer['channelToken']>[1] = {}): Promise<string> =>
    `Bearer ${await issuer.channelToken(BOT_ID, { serviceUrl: connector.url, ...options })}`;
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));

  before(async () => {
    issuer = await new OpenIdIssuer({ [BOT_ID]: BOT_PASSWORD }).start();
    connector = await new ConnectorDouble().start();
    devTenant = await startDevTenant({ scenario: 'healthy-hybrid', port: 0 });
    logs.start();
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      BOT_ID,
      BOT_PASSWORD,
      BOT_TENANT_ID: '72f988bf-0000-4000-8000-000000000001',
      BOT_OPENID_METADATA: issuer.metadataUrl,
      BOT_TOKEN_ENDPOINT: issuer.tokenEndpoint,
      GRAPH_ENDPOINT: devTenant.url,
      TAB_STATIC_DIR: 'tests/fixtures/tab',
      STORAGE_KIND: 'memory',
      LOG_LEVEL: 'debug',
    });
    assert.equal(config.mode, 'production');
    server = await startServer(config, logs.logger);
  });
  after(async () => {
    logs.stop();
    await server?.close();
    await devTenant?.close();
    await connector?.stop();
    await issuer?.stop();
  });
  beforeEach(() => connector.clear());

  it('runs the turn for a correctly signed token, and signs its reply with a token from the configured issuer', async () => {
    const response = await post(await bearer());
    assert.equal(response.status, 200, await response.text());
    await settle();
    assert.ok(connector.sent.length >= 1, 'the bot replied');
    assert.deepEqual(issuer.grants.at(-1), { clientId: BOT_ID, scope: 'https://api.botframework.com/.default' });
  });

  const refused: Array<[string, () => Promise<string | undefined>]> = [
    ['missing Authorization header', async () => undefined],
    ['forged signature (a key the issuer never published, same kid)', () => bearer({ forge: true })],
    ['wrong audience (another bot)', () => bearer({ aud: 'another-bot-id' })],
    ['wrong issuer', () => bearer({ iss: 'https://evil.example.com' })],
    ['expired (beyond the 5-minute clock skew)', () => bearer({ expiresIn: -600 })],
    ['serviceUrl claim for another connector', () => bearer({ serviceUrl: 'https://smba.trafficmanager.net/evil/' })],
    ['key not endorsed for msteams', () => bearer({ unendorsedKey: true })],
    ['unknown key id', () => bearer({ kid: 'no-such-key' })],
    ['not a JWT', async () => 'Bearer not-a-jwt'],
    [
      'unsigned token (alg none)',
      async () => {
        const [, payload] = (await bearer()).slice('Bearer '.length).split('.');
        return `Bearer ${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      },
    ],
    ['signature stripped', async () => (await bearer()).replace(/\.[^.]+$/, '.')],
    ['Basic scheme', async () => `Basic ${Buffer.from(`${BOT_ID}:${BOT_PASSWORD}`).toString('base64')}`],
  ];
  for (const [name, header] of refused) {
    it(`refuses ${name} with 401 and no reply`, async () => {
      const response = await post(await header());
      assert.equal(response.status, 401, `${name}: ${response.status} ${await response.text()}`);
      await settle();
      assert.equal(connector.sent.length, 0, 'the bot must not answer');
    });
  }

  it('refuses an invoke (card action) without a valid token too', async () => {
    const activity = {
      ...messageActivity(connector.url, ''),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'advisor.start', data: { advisorId: 'connect' } } },
    };
    const response = await post(await bearer({ aud: 'another-bot-id' }), activity);
    assert.equal(response.status, 401);
  });

  it('logs each refusal as one line through the app logger (so LOG_LEVEL applies), never a stack trace on the console', () => {
    const refusals = logs.lines.filter((line) => line.includes('refused an unauthenticated bot request (401)'));
    assert.ok(refusals.length >= refused.length, `${refusals.length} refusal lines for ${refused.length + 1} refused requests`);
    for (const line of refusals) assert.match(line, /^\S+ info {2}\[server:bot\] /, 'an info line of the bot logger');
    const stacks = logs.lines.filter((line) => /\n\s+at /.test(line) || /AuthenticationError/.test(line));
    assert.deepEqual(stacks.slice(0, 2), [], 'no stack trace, no raw AuthenticationError');
    // What still reaches the console: botbuilder's own line for a bad signature, which names the public key it tried (no token).
    const elsewhere = logs.lines.filter((line) => !/^\S+ (debug|info|warn|error) /.test(line));
    assert.deepEqual(
      elsewhere.filter((line) => !line.startsWith('Error finding key for token. Available keys: -----BEGIN RSA PUBLIC KEY-----')),
      [],
    );
  });

  it('never writes a token or the bot password to the logs', () => {
    const text = logs.text();
    assert.ok(logs.lines.length > 0, 'something was logged (auth failures are)');
    assert.doesNotMatch(text, JWT_PATTERN, 'no JWT in the logs');
    assert.ok(!text.includes(BOT_PASSWORD), 'no bot password in the logs');
    for (const token of sentTokens) {
      const secretPart = token.split(' ')[1] ?? '';
      if (secretPart.length > 8) assert.ok(!text.includes(secretPart), 'no Authorization value in the logs');
    }
  });
});
