import { app, authentication } from '@microsoft/teams-js';

/** Last page of the consent popup: reports the outcome to the tab and closes. */
async function end(): Promise<void> {
  const params = new URLSearchParams(location.search || location.hash.slice(1));
  // Drop the authorization code from the address bar and history at once.
  history.replaceState(null, '', location.pathname);
  const expected = sessionStorage.getItem('consent.state');
  sessionStorage.removeItem('consent.state');
  await app.initialize();
  const status = document.getElementById('status');
  const error = params.get('error');
  if (error) {
    if (status) status.textContent = 'Consent was not granted.';
    authentication.notifyFailure(params.get('error_description') ?? error);
  } else if (!params.get('code') || !expected || params.get('state') !== expected) {
    if (status) status.textContent = 'The answer from Microsoft Entra did not match this request.';
    authentication.notifyFailure('state_mismatch');
  } else {
    if (status) status.textContent = 'Consent granted. You can close this window.';
    authentication.notifySuccess('consented');
  }
}

end().catch((error: Error) => {
  const status = document.getElementById('status');
  if (status) status.textContent = `Could not finish: ${error.message}`;
});
