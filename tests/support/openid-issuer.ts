import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { listenOnLoopback, closeServer } from './loopback';

/** The issuer Bot Framework channel tokens carry; our local issuer signs with it too. */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface ChannelTokenOptions {
  aud?: string;
  iss?: string;
  serviceUrl?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with a key the issuer never published, under the published kid. */
  forge?: boolean;
  /** Sign with the published key that has no msteams endorsement. */
  unendorsedKey?: boolean;
  kid?: string;
}

/**
 * A Bot Framework–style OpenID issuer on loopback: /.well-known/openid-configuration, /keys (RS256
 * JWKs with Bot Framework's "endorsements" extension) and /token (client credentials, for the
 * bot's own connector tokens). Mints channel tokens, good and bad, as the Bot Connector would.
 */
export class OpenIdIssuer {
  url = '';
  /** Client-credential grants issued (the bot's outgoing tokens). */
  readonly grants: Array<{ clientId: string; scope: string }> = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private keys!: { main: CryptoKey; forger: CryptoKey; webchatOnly: CryptoKey; jwks: JWK[] };

  constructor(
    private readonly clients: Record<string, string> = {},
    private readonly endorsements: string[] = ['msteams'],
  ) {}

  async start(): Promise<this> {
    const [main, forger, webchatOnly] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256'), generateKeyPair('RS256')]);
    const jwks: JWK[] = [
      { ...(await exportJWK(main.publicKey)), kid: 'channel-key', use: 'sig', alg: 'RS256', endorsements: this.endorsements } as JWK,
      { ...(await exportJWK(webchatOnly.publicKey)), kid: 'webchat-key', use: 'sig', alg: 'RS256', endorsements: ['webchat'] } as JWK,
    ];
    this.keys = { main: main.privateKey, forger: forger.privateKey, webchatOnly: webchatOnly.privateKey, jwks };
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  get metadataUrl(): string {
    return `${this.url}/.well-known/openid-configuration`;
  }

  get tokenEndpoint(): string {
    return `${this.url}/token`;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  /** A channel → bot token as the Bot Connector sends in Authorization: Bearer. */
  async channelToken(appId: string, options: ChannelTokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const key = options.forge ? this.keys.forger : options.unendorsedKey ? this.keys.webchatOnly : this.keys.main;
    const kid = options.kid ?? (options.unendorsedKey ? 'webchat-key' : 'channel-key');
    const expiresIn = options.expiresIn ?? 3600;
    return new SignJWT({ serviceurl: options.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(options.iss ?? BOT_FRAMEWORK_ISSUER)
      .setAudience(options.aud ?? appId)
      .setIssuedAt(Math.min(now, now + expiresIn - 60))
      .setNotBefore(Math.min(now - 5, now + expiresIn - 60))
      .setExpirationTime(now + expiresIn)
      .sign(key);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: this.tokenEndpoint,
        jwks_uri: `${this.url}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_post'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/keys') return json(200, { keys: this.keys.jwks });
    if (req.method === 'POST' && url.pathname === '/token') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const clientId = form.get('client_id') ?? '';
      if (form.get('grant_type') !== 'client_credentials' || !clientId || this.clients[clientId] !== form.get('client_secret')) {
        return json(401, { error: 'invalid_client' });
      }
      const scope = form.get('scope') ?? '';
      this.grants.push({ clientId, scope });
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ appid: clientId, azp: clientId })
        .setProtectedHeader({ alg: 'RS256', kid: 'channel-key', typ: 'JWT' })
        .setIssuer(`${this.url}/`)
        .setAudience(scope.replace(/\/\.default$/, ''))
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(this.keys.main);
      return json(200, { token_type: 'Bearer', expires_in: 3600, access_token: token });
    }
    json(404, { error: 'not_found' });
  }
}
