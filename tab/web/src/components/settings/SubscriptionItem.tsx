import { Checkbox, Field, Input, Select, Switch } from '@fluentui/react-components';
import type { ChatSubscription, Severity } from '../../../../../contract/tab';
import { CATEGORY_LABEL, FINDING_CATEGORIES, type FindingCategory } from '../../../../../identity/alerts/categories';
import { isTimeZone } from '../../../../../identity/alerts/digest-time';
import { SEVERITY_LABEL } from '../Severity';

const KIND_LABEL: Record<ChatSubscription['kind'], string> = { personal: 'Personal chat', groupChat: 'Group chat', channel: 'Channel' };
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** One chat or channel that gets alerts: what it hears about, how often, and when its digest goes. */
export function SubscriptionItem({
  subscription: s,
  editable,
  onChange,
}: {
  subscription: ChatSubscription;
  editable: boolean;
  onChange: (change: Partial<ChatSubscription>) => void;
}): JSX.Element {
  return (
    <li className="card" data-testid="subscription">
      <div className="card-title">{s.label}</div>
      <div className="muted">{KIND_LABEL[s.kind]}</div>
      {editable ? (
        <div className="subscription-fields">
          <fieldset className="categories" data-testid="categories">
            <legend>About</legend>
            {FINDING_CATEGORIES.map((category) => (
              <Checkbox
                key={category}
                label={CATEGORY_LABEL[category]}
                checked={s.categories.includes(category)}
                onChange={(_, d) =>
                  onChange({
                    categories: FINDING_CATEGORIES.filter((c) => (c === category ? Boolean(d.checked) : s.categories.includes(c))),
                  })
                }
              />
            ))}
          </fieldset>
          <Field label="Minimum severity">
            <Select value={s.minimumSeverity} onChange={(_, d) => onChange({ minimumSeverity: d.value as Severity })}>
              <option value="info">Info and above</option>
              <option value="warning">Warning and above</option>
              <option value="critical">Critical only</option>
            </Select>
          </Field>
          <Field label="Remind every (hours, 0 = never)">
            <Input
              type="number"
              min={0}
              max={168}
              value={String(s.reminderHours)}
              onChange={(_, d) => onChange({ reminderHours: Math.max(0, Number(d.value) || 0) })}
            />
          </Field>
          <Switch label="One daily digest instead of each alert" checked={s.digest} onChange={(_, d) => onChange({ digest: d.checked })} />
          {s.digest && (
            <>
              <Field label="Digest at">
                <Select value={String(s.digestHour)} onChange={(_, d) => onChange({ digestHour: Number(d.value) })}>
                  {HOURS.map((hour) => (
                    <option key={hour} value={hour}>
                      {String(hour).padStart(2, '0')}:00
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label="Time zone"
                hint="An IANA name such as Europe/Berlin or America/New_York; UTC if you leave it."
                validationState={isTimeZone(s.timeZone) ? 'none' : 'error'}
              >
                <Input value={s.timeZone} onChange={(_, d) => onChange({ timeZone: d.value })} />
              </Field>
            </>
          )}
        </div>
      ) : (
        <dl className="facts compact">
          <div>
            <dt>About</dt>
            <dd>{s.categories.map((c: FindingCategory) => CATEGORY_LABEL[c]).join(', ')}</dd>
          </div>
          <div>
            <dt>Minimum severity</dt>
            <dd>{SEVERITY_LABEL[s.minimumSeverity]}</dd>
          </div>
          <div>
            <dt>Reminders</dt>
            <dd>{s.reminderHours === 0 ? 'Never' : `Every ${s.reminderHours} hours while a finding stays open`}</dd>
          </div>
          <div>
            <dt>Delivery</dt>
            <dd>
              {s.digest ? `One digest a day at ${String(s.digestHour).padStart(2, '0')}:00 (${s.timeZone})` : 'Each alert as it happens'}
            </dd>
          </div>
        </dl>
      )}
    </li>
  );
}
