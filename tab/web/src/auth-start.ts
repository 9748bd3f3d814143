import { app, authentication } from '@microsoft/teams-js';

/**
 * First page of the consent popup: sends the user to the Entra authorize endpoint with
 * prompt=consent, so the user (or an admin) grants the Graph permissions the on-behalf-of flow
 * needs. The code that comes back is not redeemed: consent itself is the result.
 */
const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';

function say(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

async function start(): Promise<void> {
  let tenant = 'organizations';
  let loginHint: string | undefined;
  try {
    await app.initialize();
    const context = await app.getContext();
    tenant = context.user?.tenant?.id ?? tenant;
    loginHint = context.user?.loginHint ?? context.user?.userPrincipalName;
  } catch {
    // Opened outside Teams: the organizations endpoint and no hint.
  }
  const response = await fetch('/api/tab/config', { headers: { accept: 'application/json' } });
  const config = (await response.json()) as { clientId?: string | null; authorityHost?: string };
  const authority = (config.authorityHost || DEFAULT_AUTHORITY).replace(/\/$/, '');
  if (!config.clientId) {
    say('This server has no Microsoft Entra app registration configured, so there is nothing to consent to.');
    authentication.notifyFailure('no_client_id');
    return;
  }
  const state = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  sessionStorage.setItem('consent.state', state);
  const params = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    response_mode: 'query',
    redirect_uri: `${location.origin}/tab/auth-end.html`,
    scope: 'https://graph.microsoft.com/.default openid profile',
    prompt: 'consent',
    state,
  });
  if (loginHint) params.set('login_hint', loginHint);
  location.assign(`${authority}/${encodeURIComponent(tenant)}/oauth2/v2.0/authorize?${params.toString()}`);
}

start().catch((error: Error) => {
  say(`Could not start the consent: ${error.message}`);
  authentication.notifyFailure(error.message);
});
