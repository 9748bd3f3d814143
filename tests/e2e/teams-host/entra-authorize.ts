import { randomBytes } from 'node:crypto';
import type { Route } from 'playwright-core';

/** An app registration as the authorize endpoint knows it: its id and the redirect URIs registered for it. */
export interface AppRegistration {
  clientId: string;
  redirectUris: string[];
}

export const AUTHORITY = 'https://login.microsoftonline.com';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The Microsoft identity platform's authorize endpoint as the consent popup meets it, answered in
 * the browser (Playwright routes https://login.microsoftonline.com/ here; nothing leaves the
 * machine). As strict as Entra where the tab depends on it: an unknown client id (AADSTS700016) or a
 * redirect URI that is not registered (AADSTS50011) stops on an error page and never redirects;
 * only `response_type=code` with a `state` is accepted. The user accepts or cancels on a consent
 * page; accepting records the consent (the test's Graph stops answering consent_required) and
 * redirects with a code and the state; cancelling redirects with `error=access_denied`.
 */
export class EntraAuthorize {
  /** Tenants (from the authorize path) where the user accepted. */
  readonly consented = new Set<string>();
  /** Every authorize request, as the query string came. */
  readonly requests: URLSearchParams[] = [];

  constructor(private readonly app: AppRegistration) {}

  async handle(route: Route): Promise<void> {
    const request = route.request();
    const url = new URL(request.url());
    const authorize = /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/.exec(url.pathname);
    if (request.method() === 'GET' && authorize) return this.authorize(route, decodeURIComponent(authorize[1]), url.searchParams);
    const answer = /^\/([^/]+)\/oauth2\/v2\.0\/consent$/.exec(url.pathname);
    if (request.method() === 'POST' && answer)
      return this.answer(route, decodeURIComponent(answer[1]), new URLSearchParams(request.postData() ?? ''));
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
  }

  private refusal(params: URLSearchParams): string | undefined {
    if (params.get('client_id') !== this.app.clientId) {
      return `AADSTS700016: Application with identifier '${params.get('client_id') ?? ''}' was not found in the directory.`;
    }
    if (!this.app.redirectUris.includes(params.get('redirect_uri') ?? '')) {
      return `AADSTS50011: The redirect URI '${params.get('redirect_uri') ?? ''}' does not match the redirect URIs configured for the application.`;
    }
    if (params.get('response_type') !== 'code') return 'AADSTS700054: response_type is not enabled for the application.';
    if (!params.get('state')) return 'AADSTS90014: The request must carry a state.';
    if (!params.get('scope')) return 'AADSTS90014: The required field scope is missing.';
    return undefined;
  }

  private async authorize(route: Route, tenant: string, params: URLSearchParams): Promise<void> {
    this.requests.push(params);
    const refusal = this.refusal(params);
    if (refusal) return page(route, 400, `<h1>Sign in</h1><p role="alert">${escape(refusal)}</p>`);
    const hidden = [...params].map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}" />`).join('');
    return page(
      route,
      200,
      `<h1>Permissions requested</h1><p>Entra Companion wants to read your directory (${escape(params.get('scope') ?? '')}).</p>` +
        `<form method="post" action="/${encodeURIComponent(tenant)}/oauth2/v2.0/consent">${hidden}` +
        `<button name="answer" value="accept">Accept</button> <button name="answer" value="cancel">Cancel</button></form>`,
    );
  }

  private async answer(route: Route, tenant: string, form: URLSearchParams): Promise<void> {
    const refusal = this.refusal(form);
    if (refusal) return page(route, 400, `<p role="alert">${escape(refusal)}</p>`);
    const back = new URL(form.get('redirect_uri')!);
    back.searchParams.set('state', form.get('state')!);
    if (form.get('answer') === 'accept') {
      this.consented.add(tenant);
      back.searchParams.set('code', randomBytes(24).toString('base64url'));
    } else {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'AADSTS65004: User declined to consent to access the app.');
    }
    return route.fulfill({ status: 302, headers: { location: back.toString() }, body: '' });
  }
}

function page(route: Route, status: number, body: string): Promise<void> {
  return route.fulfill({
    status,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><title>Sign in to your account</title></head><body>${body}</body></html>`,
  });
}
