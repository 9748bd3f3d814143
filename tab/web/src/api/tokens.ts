import type { DevTokenRequest } from '../../../../contract/tab';
import { loadTeamsJs } from '../teams';
import { errorFromResponse, TabApiError } from './errors';

/** Supplies the Bearer token for /api/tab calls. Tokens live in memory only, never in storage. */
export interface TokenSource {
  /** The token for the next call (signing in first where the source must). */
  get(): Promise<string | undefined>;
  /** Called after a 401: returns true if a fresh token is worth a retry. */
  renew(): Promise<boolean>;
}

/**
 * In Teams: the SSO token from the host. teams-js caches it and fetches a new one when it expires,
 * so a 401 with it is a real failure, not worth a retry. When Teams cannot issue one, teams-js
 * rejects with the host's reason (e.g. resourceDisabled when the app's Application ID URI does not
 * match, resourceRequiresConsent, CancelledByUser): that is a failed Teams sign-in, said as such.
 */
export function teamsTokens(): TokenSource {
  return {
    get: async () => {
      const { authentication } = await loadTeamsJs();
      try {
        return await authentication.getAuthToken();
      } catch (error) {
        throw ssoFailure(error);
      }
    },
    renew: () => Promise.resolve(false),
  };
}

export function ssoFailure(error: unknown): TabApiError {
  const reason = error instanceof Error ? error.message : String(error);
  if (/consent/i.test(reason)) {
    return new TabApiError(
      'consent_required',
      `Microsoft Teams needs your consent before it signs you in (${reason}).`,
      0,
      'consent_required',
    );
  }
  return new TabApiError('unauthorized', `Microsoft Teams could not sign you in (${reason}).`, 0, 'sso_failed');
}

export type Persona = DevTokenRequest['persona'];

export function personaFromQuery(search: string): Persona {
  const value = new URLSearchParams(search).get('persona');
  return value === 'reader' || value === 'user' ? value : 'admin';
}

/**
 * Outside Teams in demo mode: the server's local dev sign-in (POST /api/tab/dev/token) issues the
 * token before the first call, so no call goes without one (a call without a token was refused 401,
 * and every fresh demo load logged that refusal). The token is kept in memory until it expires; a
 * 401 with it (the server restarted with new keys) signs in again once. Concurrent first calls share
 * one sign-in.
 */
export function devTokens(persona: Persona): TokenSource {
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const signIn = (): Promise<string> =>
    (pending ??= (async () => {
      try {
        const body: DevTokenRequest = { persona };
        const response = await fetch('/api/tab/dev/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        });
        if (!response.ok) throw await errorFromResponse(response);
        const answer = (await response.json()) as { token: string; expiresAt: string | number };
        const expiresAt =
          typeof answer.expiresAt === 'number' ? answer.expiresAt * (answer.expiresAt < 1e12 ? 1000 : 1) : Date.parse(answer.expiresAt);
        token = { value: answer.token, expiresAt: Number.isFinite(expiresAt) ? expiresAt : Date.now() + 10 * 60_000 };
        return token.value;
      } finally {
        pending = undefined;
      }
    })());
  return {
    async get() {
      if (token && token.expiresAt - 30_000 > Date.now()) return token.value;
      token = undefined;
      return signIn();
    },
    async renew() {
      token = undefined;
      await signIn();
      return true;
    },
  };
}
