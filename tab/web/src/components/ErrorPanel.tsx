import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState } from 'react';
import type { TabApiError } from '../api/errors';
import { requestConsent } from '../teams';

interface Props {
  error: TabApiError;
  onRetry: () => void;
  /** What failed, e.g. "the overview". */
  what: string;
  inTeams: boolean;
}

/** A failed load: consent popup, role explanation, or the error with a Retry button. */
export function ErrorPanel({ error, onRetry, what, inTeams }: Props): JSX.Element {
  if (error.kind === 'role_required') return <RoleRequired error={error} />;
  if (error.kind === 'consent_required') return <ConsentRequired error={error} onRetry={onRetry} inTeams={inTeams} />;
  const title =
    error.kind === 'network'
      ? 'Could not reach the server'
      : error.kind === 'throttled'
        ? 'Microsoft Graph is busy'
        : error.kind === 'unauthorized'
          ? 'Sign-in failed'
          : `Could not load ${what}`;
  return (
    <div role="alert">
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {error.message}
          {error.kind === 'unauthorized' && !inTeams && ' Open the tab in Microsoft Teams, or run the server in demo mode.'}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={onRetry}>Retry</Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}

function RoleRequired({ error }: { error: TabApiError }): JSX.Element {
  const roles = error.allowedRoles.length
    ? error.allowedRoles
    : [
        'Global Administrator',
        'Global Reader',
        'Hybrid Identity Administrator',
        'Security Reader',
        'Application Administrator',
        'Cloud Application Administrator',
      ];
  return (
    <section className="role-required" aria-labelledby="role-required-title" role="alert">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle id="role-required-title">Your account cannot see this tenant's Entra data</MessageBarTitle>
          {error.message}
        </MessageBarBody>
      </MessageBar>
      <p>
        The tab shows directory sync, sign-in configuration and app permissions only to people who hold one of these Microsoft Entra roles:
      </p>
      <ul className="role-list">
        {roles.map((role) => (
          <li key={role}>{role}</li>
        ))}
      </ul>
      <p>
        Ask a Global Administrator or Privileged Role Administrator to assign you one of them (a read-only role such as Global Reader is
        enough), then sign out of Teams and back in so your token carries the new role.
      </p>
    </section>
  );
}

function ConsentRequired({ error, onRetry, inTeams }: { error: TabApiError; onRetry: () => void; inTeams: boolean }): JSX.Element {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const grant = (): void => {
    setBusy(true);
    setFailure(undefined);
    requestConsent().then(
      () => {
        setBusy(false);
        onRetry();
      },
      (reason: unknown) => {
        setBusy(false);
        setFailure(reason instanceof Error ? reason.message : String(reason));
      },
    );
  };
  return (
    <div role="alert">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Consent needed</MessageBarTitle>
          Entra Companion needs your permission to read your tenant's directory through Microsoft Graph. {error.message}
          {failure && <p>The consent window closed without consent: {failure}</p>}
          {!inTeams && <p>Open the tab in Microsoft Teams to grant consent.</p>}
        </MessageBarBody>
        <MessageBarActions>
          <Button appearance="primary" onClick={grant} disabled={busy || !inTeams}>
            {busy ? 'Waiting for consent…' : 'Grant consent'}
          </Button>
          <Button onClick={onRetry}>Retry</Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
