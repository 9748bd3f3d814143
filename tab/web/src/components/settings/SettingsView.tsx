import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { ChatSubscription, SettingsResponse, TabThresholds } from '../../../../../contract/tab';
import { asTabApiError, type TabApiError } from '../../api/errors';
import { useLoad } from '../../hooks/useLoad';
import { useAnnounce } from '../Announcer';
import { ErrorPanel } from '../ErrorPanel';
import { EmptyState, Loading } from '../Loading';
import type { ViewProps } from '../views';
import { AlertRules } from './AlertRules';
import { SubscriptionItem } from './SubscriptionItem';
import { isTimeZone } from '../../../../../identity/alerts/digest-time';

type Thresholds = TabThresholds;

const THRESHOLDS: Array<{ key: keyof Thresholds; label: string; unit: string; hint: string }> = [
  {
    key: 'syncWarningHours',
    label: 'Directory sync warning after',
    unit: 'hours',
    hint: 'Sync runs every 30 minutes by default; a few missed cycles deserve a look.',
  },
  { key: 'syncCriticalHours', label: 'Directory sync critical after', unit: 'hours', hint: 'Must be longer than the warning.' },
  {
    key: 'passwordSyncWarningMinutes',
    label: 'Password sync warning after',
    unit: 'minutes',
    hint: 'Password hash sync normally runs every 2 minutes.',
  },
  {
    key: 'certificateWarningDays',
    label: 'Federation certificate warning',
    unit: 'days before expiry',
    hint: 'Time to roll over the token-signing certificate.',
  },
  {
    key: 'credentialWarningDays',
    label: 'App secret and certificate warning',
    unit: 'days before expiry',
    hint: 'Time to rotate an app credential.',
  },
];

function problems(t: Thresholds, subscriptions: ChatSubscription[]): string[] {
  const out: string[] = [];
  for (const s of subscriptions) {
    if (!s.categories.length) out.push(`${s.label}: choose at least one kind of finding.`);
    if (!isTimeZone(s.timeZone)) out.push(`${s.label}: “${s.timeZone}” is not a time zone (use a name such as Europe/Berlin, or UTC).`);
  }
  for (const { key, label } of THRESHOLDS) if (!Number.isFinite(t[key]) || t[key] <= 0) out.push(`${label} must be a number above 0.`);
  if (t.syncCriticalHours <= t.syncWarningHours) out.push('The critical sync threshold must be longer than the warning threshold.');
  return out;
}

export default function SettingsView({ client, me, inTeams }: ViewProps): JSX.Element {
  const { state, reload } = useLoad(() => client.settings(), [client]);
  const [draft, setDraft] = useState<SettingsResponse | undefined>();
  const [saving, setSaving] = useState<'idle' | 'busy' | 'saved' | TabApiError>('idle');
  const announce = useAnnounce();

  useEffect(() => {
    if (state.status === 'ok') setDraft(state.data);
  }, [state]);

  if (state.status === 'loading')
    return (
      <Shell>
        <Loading label="Loading notification settings" rows={4} />
      </Shell>
    );
  if (state.status === 'error')
    return (
      <Shell>
        <ErrorPanel error={state.error} onRetry={() => reload()} what="the notification settings" inTeams={inTeams} />
      </Shell>
    );
  const settings = draft ?? state.data;
  const editable = settings.canEdit && me.canManageNotifications;
  const issues = problems(settings.thresholds, settings.subscriptions);
  const dirty = JSON.stringify(settings) !== JSON.stringify(state.data);

  const setThreshold = (key: keyof Thresholds, value: string): void => {
    setSaving('idle');
    setDraft({ ...settings, thresholds: { ...settings.thresholds, [key]: value === '' ? Number.NaN : Number(value) } });
  };
  const setSubscription = (index: number, change: Partial<ChatSubscription>): void => {
    setSaving('idle');
    setDraft({ ...settings, subscriptions: settings.subscriptions.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  };
  const save = (): void => {
    setSaving('busy');
    client.saveSettings(settings).then(
      (saved) => {
        setDraft(saved);
        setSaving('saved');
        reload();
        announce('Notification settings saved.');
      },
      (error: unknown) => {
        const e = asTabApiError(error);
        setSaving(e);
        announce(`Saving failed: ${e.message}`);
      },
    );
  };

  return (
    <Shell>
      {!editable && (
        <MessageBar intent="info" layout="multiline" data-testid="read-only-note">
          <MessageBarBody>
            <MessageBarTitle>Read only</MessageBarTitle>
            Only a Global Administrator or a Hybrid Identity Administrator can change where alerts go and when they fire. You can see the
            current settings.
          </MessageBarBody>
        </MessageBar>
      )}
      <form
        className="settings"
        onSubmit={(event) => {
          event.preventDefault();
          if (editable && !issues.length) save();
        }}
      >
        <section aria-labelledby="subscriptions-heading" className="panel">
          <h3 id="subscriptions-heading">Chats and channels that get alerts</h3>
          {settings.subscriptions.length === 0 ? (
            <EmptyState title="No chat or channel gets alerts yet">
              Say “subscribe” to Entra Companion in a personal chat, group chat or channel to receive sync-health alerts there.
            </EmptyState>
          ) : (
            <ul className="card-list subscriptions">
              {settings.subscriptions.map((s, i) => (
                <SubscriptionItem
                  key={s.conversationId}
                  subscription={s}
                  editable={editable}
                  onChange={(change) => setSubscription(i, change)}
                />
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="thresholds-heading" className="panel">
          <h3 id="thresholds-heading">Thresholds</h3>
          {editable ? (
            <div className="threshold-fields">
              {THRESHOLDS.map(({ key, label, unit, hint }) => (
                <Field
                  key={key}
                  label={`${label} (${unit})`}
                  hint={hint}
                  validationState={Number.isFinite(settings.thresholds[key]) && settings.thresholds[key] > 0 ? 'none' : 'error'}
                >
                  <Input
                    type="number"
                    min={1}
                    value={Number.isFinite(settings.thresholds[key]) ? String(settings.thresholds[key]) : ''}
                    onChange={(_, d) => setThreshold(key, d.value)}
                  />
                </Field>
              ))}
            </div>
          ) : (
            <dl className="facts">
              {THRESHOLDS.map(({ key, label, unit }) => (
                <div key={key}>
                  <dt>{label}</dt>
                  <dd>
                    {settings.thresholds[key]} {unit}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        {editable && (
          <div className="form-actions">
            {issues.length > 0 && (
              <ul className="form-issues" role="alert">
                {issues.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
            {typeof saving === 'object' && <ErrorPanel error={saving} onRetry={save} what="the settings" inTeams={inTeams} />}
            {saving === 'saved' && !dirty && (
              <MessageBar intent="success">
                <MessageBarBody>Saved.</MessageBarBody>
              </MessageBar>
            )}
            <div className="buttons">
              <Button appearance="primary" type="submit" disabled={!dirty || issues.length > 0 || saving === 'busy'}>
                {saving === 'busy' ? 'Saving…' : 'Save'}
              </Button>
              <Button
                onClick={() => {
                  setDraft(state.data);
                  setSaving('idle');
                }}
                disabled={!dirty || saving === 'busy'}
              >
                Discard changes
              </Button>
            </div>
          </div>
        )}
      </form>
      <AlertRules client={client} canEdit={editable} />
    </Shell>
  );
}

function Shell({ children }: { children: ReactNode }): JSX.Element {
  return (
    <section aria-labelledby="settings-heading" className="view" data-view="settings">
      <div className="view-head">
        <h2 id="settings-heading">Notifications</h2>
      </div>
      {children}
    </section>
  );
}
