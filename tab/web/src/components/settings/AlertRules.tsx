import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { EXCLUSION_CHOICES, type AlertView, type AlertsResponse, type ExclusionRequest } from '../../../../../contract/alert-rules';
import { CATEGORY_LABEL, isAppFinding } from '../../../../../identity/alerts/categories';
import type { TabApiClient } from '../../api/client';
import { asTabApiError, type TabApiError } from '../../api/errors';
import { useLoad } from '../../hooks/useLoad';
import { useAnnounce } from '../Announcer';
import { ErrorPanel } from '../ErrorPanel';
import { EmptyState, Loading } from '../Loading';
import { SeverityBadge } from '../Severity';

/** "2 Dec 2026, 06:10 UTC": the same for every reader. */
function utc(iso: string): string {
  const d = new Date(iso);
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const time = d.toISOString().slice(11, 16);
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}, ${time} UTC`;
}

const STATE_LABEL = { active: 'In force', expired: 'Expired', revoked: 'Revoked' } as const;
const STATE_COLOR = { active: 'warning', expired: 'subtle', revoked: 'subtle' } as const;

/** An alert's "Exclude…" form: this finding (or this app), until when, and why. */
function ExcludeForm({ alert, onDone, client }: { alert: AlertView; onDone: (saved: boolean) => void; client: TabApiClient }): JSX.Element {
  const [scope, setScope] = useState<ExclusionRequest['scope']>('finding');
  const [days, setDays] = useState<number>(30);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<TabApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const announce = useAnnounce();
  const submit = (): void => {
    setBusy(true);
    client.exclude({ scope, code: alert.code, subject: alert.subject, reason, expiresInDays: days }).then(
      () => {
        announce(`Excluded: ${alert.title}`);
        onDone(true);
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(asTabApiError(error));
      },
    );
  };
  return (
    <form
      className="exclude-form"
      data-testid="exclude-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {isAppFinding(alert.code) && (
        <Field label="Exclude">
          <Select value={scope} onChange={(_, d) => setScope(d.value as ExclusionRequest['scope'])}>
            <option value="finding">This finding only</option>
            <option value="app">Every app finding about this app</option>
          </Select>
        </Field>
      )}
      <Field label="Until">
        <Select value={String(days)} onChange={(_, d) => setDays(Number(d.value))}>
          {EXCLUSION_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choice} days from now
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Why is this known and accepted?"
        required
        validationMessage={problem?.message}
        validationState={problem ? 'error' : 'none'}
      >
        <Input value={reason} onChange={(_, d) => setReason(d.value)} maxLength={500} />
      </Field>
      <div className="buttons">
        <Button appearance="primary" type="submit" disabled={busy || reason.trim().length < 3}>
          Exclude
        </Button>
        <Button onClick={() => onDone(false)} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function AlertState({ alert }: { alert: AlertView }): JSX.Element | null {
  if (alert.excludedBy) return <span className="alert-state">Excluded (see below)</span>;
  if (alert.snoozed)
    return (
      <span className="alert-state" data-testid="snoozed">
        Snoozed by {alert.snoozed.by}
        {alert.snoozed.at ? ` at ${utc(alert.snoozed.at)}` : ''} until {utc(alert.snoozed.until)}
        {alert.snoozed.reason ? `: “${alert.snoozed.reason}”` : ''}
      </span>
    );
  if (alert.acknowledged)
    return (
      <span className="alert-state">
        Acknowledged by {alert.acknowledged.by} at {utc(alert.acknowledged.at)}
      </span>
    );
  return null;
}

/**
 * The tenant's open alerts (with who snoozed, acknowledged or excluded them) and its exclusions:
 * set one on an alert, revoke one in force. Ended exclusions stay listed for 30 days.
 */
export function AlertRules({ client, canEdit }: { client: TabApiClient; canEdit: boolean }): JSX.Element {
  const { state, reload } = useLoad(() => client.alerts(), [client]);
  const [excluding, setExcluding] = useState<string | undefined>();
  const [failure, setFailure] = useState<TabApiError | undefined>();
  const announce = useAnnounce();
  if (state.status === 'loading' && !state.data) return <Loading label="Loading alerts" rows={2} />;
  if (state.status === 'error' && !state.data)
    return <ErrorPanel error={state.error} onRetry={() => reload()} what="the alerts" inTeams={false} />;
  const data = state.data as AlertsResponse;
  const editable = canEdit && data.canEdit;
  const open = data.alerts.filter((a) => a.status === 'open');
  const revoke = (id: string): void => {
    setFailure(undefined);
    client.revokeExclusion(id).then(
      () => {
        announce('Exclusion revoked: its alerts fire again.');
        reload();
      },
      (error: unknown) => setFailure(asTabApiError(error)),
    );
  };
  return (
    <>
      <section aria-labelledby="open-alerts-heading" className="panel" data-testid="open-alerts">
        <h3 id="open-alerts-heading">Open alerts</h3>
        {open.length === 0 ? (
          <EmptyState title="No open alerts">The watcher has nothing open for this tenant.</EmptyState>
        ) : (
          <ul className="card-list">
            {open.map((alert) => (
              <li key={alert.id} className="card" data-testid="open-alert" data-code={alert.code}>
                <div className="finding-head">
                  <SeverityBadge severity={alert.severity} />
                  <span className="finding-title">{alert.title}</span>
                </div>
                <div className="muted">
                  {CATEGORY_LABEL[alert.category]} · open since {utc(alert.openedAt)}
                </div>
                <AlertState alert={alert} />
                {editable && !alert.excludedBy && excluding !== alert.id && (
                  <Button size="small" onClick={() => setExcluding(alert.id)}>
                    Exclude…
                  </Button>
                )}
                {excluding === alert.id && (
                  <ExcludeForm
                    alert={alert}
                    client={client}
                    onDone={(saved) => {
                      setExcluding(undefined);
                      if (saved) reload();
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="exclusions-heading" className="panel" data-testid="exclusions">
        <h3 id="exclusions-heading">Exclusions</h3>
        <p className="muted">
          An exclusion stops alerts about one finding, or every app finding of one app, until it expires (90 days at most). Excluded
          findings stay listed, marked excluded.
        </p>
        {failure && (
          <MessageBar intent="error">
            <MessageBarBody>{failure.message}</MessageBarBody>
          </MessageBar>
        )}
        {data.exclusions.length === 0 ? (
          <EmptyState title="No exclusions">Nothing is excluded: every finding alerts.</EmptyState>
        ) : (
          <ul className="card-list">
            {data.exclusions.map((e) => (
              <li key={e.id} className="card" data-testid="exclusion" data-state={e.state}>
                <div className="finding-head">
                  <Badge appearance="tint" color={STATE_COLOR[e.state]}>
                    {STATE_LABEL[e.state]}
                  </Badge>
                  <span className="finding-title">
                    {e.scope === 'app' ? `${e.appName ?? `App ${e.subject}`}: every app finding` : e.title}
                  </span>
                </div>
                {e.scope === 'app' && e.appName && <div className="muted">App id {e.subject}</div>}
                <p>“{e.reason}”</p>
                <div className="muted">
                  By {e.createdBy.name} on {utc(e.createdAt)} · {e.state === 'expired' ? 'expired' : 'expires'} {utc(e.expiresAt)}
                  {e.revokedBy && e.revokedAt ? ` · revoked by ${e.revokedBy.name} on ${utc(e.revokedAt)}` : ''}
                </div>
                {editable && e.state === 'active' && (
                  <Button size="small" onClick={() => revoke(e.id)}>
                    Revoke
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
