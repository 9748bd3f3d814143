import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, FrameLocator, Page, Route } from 'playwright-core';
import { AUTHORITY, type EntraAuthorize } from './entra-authorize';
import {
  isHostRequest,
  legacyContext,
  responseTo,
  runtimeConfig,
  TEAMS_JS_VERSION,
  type FrameContext,
  type HostDescription,
  type HostEvent,
  type HostRequest,
  type TeamsTheme,
  type TeamsUser,
} from './protocol';

/** Where Teams on the web lives; teams-js accepts messages from it (its bundled valid-origins list). */
export const TEAMS_ORIGIN = 'https://teams.microsoft.com';
const HOST_PATH = '/v2/';

export type SsoAnswer = { token: string } | { failure: string };

export interface TeamsHostOptions {
  /** Where the host page lives: Teams on the web unless given (e.g. https://outlook.office.com). */
  origin?: string;
  /** The tab's content URL (the manifest's contentUrl), framed as Teams frames it. */
  contentUrl: string;
  user: TeamsUser;
  host?: Partial<HostDescription>;
  theme?: TeamsTheme;
  /** How the host answers the tab's initialize: at once, after a delay, or never. */
  initialize?: { delayMs: number } | 'never';
  /** What authentication.getAuthToken gets: a token or the reason teams-js rejects with. */
  sso: () => Promise<SsoAnswer>;
  /** The authorize endpoint the consent popup reaches (https://login.microsoftonline.com). */
  authority?: EntraAuthorize;
}

/** One message the host received: who sent it (the tab frame or the auth popup) and what. */
export interface Received extends HostRequest {
  from: 'tab' | 'auth';
}

interface Envelope {
  from: 'tab' | 'auth' | 'other';
  origin: string;
  data: unknown;
}

/** The host page: the tab in an iframe and a relay between postMessage and the test (Node). */
function hostPage(contentUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Microsoft Teams</title></head>
<body style="margin:0">
<iframe id="tab" title="Entra status" src="${contentUrl.replace(/"/g, '&quot;')}" style="width:100%;height:100vh;border:0"
  sandbox="allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-downloads"></iframe>
<script>
  const frame = document.getElementById('tab');
  let authWindow = null;
  window.addEventListener('message', (event) => {
    const from = event.source === frame.contentWindow ? 'tab' : authWindow && event.source === authWindow ? 'auth' : 'other';
    void window.teamsHostReceive({ from, origin: event.origin, data: event.data });
  });
  window.teamsHostSend = (to, message, origin) => {
    const target = to === 'tab' ? frame.contentWindow : authWindow;
    if (target) target.postMessage(message, origin);
  };
  window.teamsHostOpenAuth = (url, width, height) => {
    authWindow = window.open(url, '_blank', 'popup,width=' + width + ',height=' + height);
    return authWindow !== null;
  };
  window.teamsHostCloseAuth = () => authWindow && authWindow.close();
</script>
</body></html>`;
}

/**
 * A Teams host for the browser tests: a page at https://teams.microsoft.com (answered by Playwright
 * in the browser, nothing leaves the machine) that frames the tab from loopback and answers what
 * teams-js asks — initialize, getContext, authentication.getAuthToken, authentication.authenticate
 * (it opens the popup and reports its outcome, as Teams does) — and starts themeChange. It answers
 * only the tab's own origin, records every request, and blocks every other request off loopback.
 */
export class TeamsHost {
  readonly received: Received[] = [];
  /** Requests the host has no answer for (a real host might): the tab must not depend on them. */
  readonly unanswered: string[] = [];
  /** Requests that tried to leave loopback (other than the hosts answered here). */
  readonly blocked: string[] = [];
  readonly registeredHandlers = new Set<string>();
  readonly page: Page;
  private readonly tabOrigin: string;
  /** The host page's origin. */
  readonly origin: string;
  private readonly description: HostDescription;
  private readonly sessionId = randomUUID();
  private theme: TeamsTheme;
  private pendingAuth: HostRequest | undefined;
  private authPopup: Page | undefined;

  private constructor(
    private readonly context: BrowserContext,
    page: Page,
    private readonly options: TeamsHostOptions,
  ) {
    this.page = page;
    this.tabOrigin = new URL(options.contentUrl).origin;
    this.origin = options.origin ?? TEAMS_ORIGIN;
    this.theme = options.theme ?? 'default';
    this.description = { name: 'Teams', clientType: 'web', locale: 'en-us', entityId: 'entraStatus', ...options.host };
  }

  /** A fresh browser context with the host page open and the tab loading in its frame. */
  static async open(browser: Browser, options: TeamsHostOptions): Promise<TeamsHost> {
    // The tab's loopback certificate is made at test time, so no browser trusts it.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
    // Real Teams frames a tab on a public host; here the tab is on loopback, which Chromium's
    // local network access checks keep from a public page unless the user allows it: allowed.
    await context.grantPermissions(['local-network-access'], { origin: options.origin ?? TEAMS_ORIGIN });
    const page = await context.newPage();
    const host = new TeamsHost(context, page, options);
    await context.route('**/*', (route) => host.route(route));
    await page.exposeBinding('teamsHostReceive', (_source, envelope: Envelope) => host.receive(envelope));
    context.on('page', (popup) => {
      if (popup === page) return;
      host.authPopup = popup;
      popup.once('close', () => host.authClosed(popup));
    });
    await page.goto(`${host.origin}${HOST_PATH}`);
    return host;
  }

  /** The tab, inside the host's frame. */
  get tab(): FrameLocator {
    return this.page.frameLocator('#tab');
  }

  /** The consent popup the host opened, once it is open. */
  get popup(): Page | undefined {
    return this.authPopup;
  }

  /** The Teams user switches theme: Teams tells every registered tab. */
  async setTheme(theme: TeamsTheme): Promise<void> {
    this.theme = theme;
    await this.send('tab', { func: 'themeChange', args: [theme] } satisfies HostEvent);
  }

  /** Functions the tab called, in order (e.g. initialize, getContext, authentication.getAuthToken). */
  calls(from: 'tab' | 'auth' = 'tab'): string[] {
    return this.received.filter((r) => r.from === from).map((r) => r.func);
  }

  close(): Promise<void> {
    return this.context.close();
  }

  private async route(route: Route): Promise<void> {
    const url = new URL(route.request().url());
    if (url.origin === this.origin) {
      if (url.pathname !== HOST_PATH) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hostPage(this.options.contentUrl) });
    }
    if (url.origin === AUTHORITY && this.options.authority) return this.options.authority.handle(route);
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    // Everything else (teams-js's valid-origins list on the Office CDN among it) is offline here;
    // teams-js then keeps the list it ships, which holds teams.microsoft.com.
    this.blocked.push(url.href);
    return route.abort('internetdisconnected');
  }

  private async receive({ from, origin, data }: Envelope): Promise<void> {
    // Teams talks only to the app's own domain, and only to the windows it opened.
    if (from === 'other' || origin !== this.tabOrigin || !isHostRequest(data)) return;
    this.received.push({ ...data, from });
    const frameContext: FrameContext = from === 'tab' ? 'content' : 'authentication';
    switch (data.func) {
      case 'initialize': {
        const slow = from === 'tab' ? this.options.initialize : undefined;
        if (slow === 'never') return;
        if (slow) await delay(slow.delayMs);
        return this.answer(from, data, [frameContext, this.description.clientType, runtimeConfig(), TEAMS_JS_VERSION]);
      }
      case 'getContext':
        return this.answer(from, data, [legacyContext(this.options.user, this.description, this.theme, frameContext, this.sessionId)]);
      case 'registerHandler':
        this.registeredHandlers.add(String(data.args?.[0]));
        return;
      case 'authentication.getAuthToken': {
        const sso = await this.options.sso();
        return this.answer(from, data, 'token' in sso ? [true, sso.token] : [false, sso.failure]);
      }
      case 'authentication.authenticate':
        return this.authenticate(data);
      case 'authentication.authenticate.success':
      case 'authentication.authenticate.failure':
        return this.authFinished(data.func.endsWith('success'), data.args?.[0]);
      default:
        this.unanswered.push(data.func);
    }
  }

  /** Opens the popup at the URL the tab gave (Teams checks it is on the app's domain) and waits for its outcome. */
  private async authenticate(request: HostRequest): Promise<void> {
    const [url, width, height] = (request.args ?? []) as [string, number | undefined, number | undefined];
    if (this.pendingAuth) return this.answer('tab', request, [false, 'A sign-in window is already open.']);
    if (new URL(url).origin !== this.tabOrigin) return this.answer('tab', request, [false, 'The URL is not on a valid domain of the app.']);
    this.pendingAuth = request;
    const opened = await this.page.evaluate(
      ([u, w, h]) => (window as unknown as { teamsHostOpenAuth: (u: string, w: number, h: number) => boolean }).teamsHostOpenAuth(u, w, h),
      [url, width ?? 600, height ?? 535] as const,
    );
    if (!opened) await this.authFinished(false, 'FailedToOpenWindow');
  }

  private async authFinished(success: boolean, result: unknown): Promise<void> {
    const pending = this.pendingAuth;
    if (!pending) return;
    this.pendingAuth = undefined;
    await this.answer('tab', pending, [success, result]);
    await this.page.evaluate(() => (window as unknown as { teamsHostCloseAuth: () => void }).teamsHostCloseAuth()).catch(() => undefined);
  }

  /** The user closed the popup before it reported: Teams answers CancelledByUser. */
  private authClosed(popup: Page): void {
    if (this.authPopup === popup) this.authPopup = undefined;
    void this.authFinished(false, 'CancelledByUser').catch(() => undefined);
  }

  private answer(to: 'tab' | 'auth', request: HostRequest, args: unknown[]): Promise<void> {
    return this.send(to, responseTo(request, args));
  }

  private async send(to: 'tab' | 'auth', message: unknown): Promise<void> {
    await this.page.evaluate(
      ([t, m, o]) =>
        (window as unknown as { teamsHostSend: (t: string, m: unknown, o: string) => void }).teamsHostSend(t as string, m, o as string),
      [to, message, this.tabOrigin] as const,
    );
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
