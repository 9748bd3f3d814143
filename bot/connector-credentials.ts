import { AppCredentials, type AuthenticatorResult, ServiceClientCredentialsFactory } from 'botframework-connector';

type Credentials = Awaited<ReturnType<ServiceClientCredentialsFactory['createCredentials']>>;

/**
 * The bot's own tokens for the Bot Connector, fetched with the OAuth 2.0 client-credentials grant
 * from a configured token endpoint (BOT_TOKEN_ENDPOINT) instead of MSAL against
 * login.microsoftonline.com: for a private cloud, or a local issuer in tests, so nothing leaves
 * loopback. Inbound validation is unchanged; this only signs what the bot sends.
 */
export class TokenEndpointCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly appId: string,
    private readonly password: string,
    private readonly tokenEndpoint: string,
  ) {
    super();
  }

  // Keeps the password out of JSON.stringify (logs, error reports).
  toJSON(): Record<string, string> {
    return { name: 'TokenEndpointCredentialsFactory', appId: this.appId, tokenEndpoint: this.tokenEndpoint };
  }

  async isValidAppId(appId = ''): Promise<boolean> {
    return appId === this.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return !this.appId;
  }

  async createCredentials(appId: string, audience: string | undefined): Promise<Credentials> {
    if (!(await this.isValidAppId(appId))) throw new Error('Invalid appId.');
    return new ClientCredentialsToken(appId, this.password, this.tokenEndpoint, audience);
  }
}

class ClientCredentialsToken extends AppCredentials {
  constructor(
    appId: string,
    private readonly secret: string,
    private readonly tokenEndpoint: string,
    audience: string | undefined,
  ) {
    super(appId, undefined, audience);
  }

  protected async refreshToken(): Promise<AuthenticatorResult> {
    const scope = this.oAuthScope.endsWith('/.default') ? this.oAuthScope : `${this.oAuthScope}/.default`;
    const response = await fetch(this.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.appId, client_secret: this.secret, scope }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new Error('token endpoint returned no access_token');
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
    return { accessToken: body.access_token, expiresOn: new Date(Date.now() + (Number.isFinite(seconds) ? seconds : 3600) * 1000) };
  }
}
