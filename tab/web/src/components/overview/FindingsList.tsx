import { Link } from '@fluentui/react-components';
import type { ExcludedFinding, Finding, UnknownCheck } from '../../../../../contract/tab';
import { evidenceSentences } from '../../../../../identity/tenant/evidence-text';
import { SEVERITY_LABEL, SeverityBadge } from '../Severity';
import { CHECK_NAME, SEVERITIES } from './checks';

function hostOf(link: string): string {
  try {
    return new URL(link).host;
  } catch {
    return link;
  }
}

/** "2 Dec 2026" */
function day(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${d.getUTCFullYear()}`;
}

function FindingItem({ finding, now, excluded }: { finding: Finding; now: Date; excluded?: ExcludedFinding }): JSX.Element {
  const evidence = evidenceSentences(finding, now);
  return (
    <li className="finding" data-severity={finding.severity} data-code={finding.code} data-excluded={excluded ? 'true' : undefined}>
      <div className="finding-head">
        <SeverityBadge severity={finding.severity} />
        <span className="finding-title">{finding.title}</span>
      </div>
      {excluded && (
        <p className="finding-excluded" data-testid="excluded-mark">
          <strong>Excluded from alerts</strong>
          {excluded.scope === 'app' ? ' (this app)' : ''} by {excluded.by} until {day(excluded.expiresAt)}: “{excluded.reason}”
        </p>
      )}
      {evidence.length > 0 && (
        <ul className="evidence" aria-label="Evidence">
          {evidence.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
      <p className="finding-action">
        <strong>What to do: </strong>
        {finding.action}
      </p>
      {finding.link && (
        <Link href={finding.link} target="_blank" rel="noopener noreferrer">
          Learn more<span className="visually-hidden"> about {finding.title}</span> ({hostOf(finding.link)})
        </Link>
      )}
    </li>
  );
}

/** Findings grouped critical → warning → info, each with its evidence, action and Learn link. */
export function FindingsList({
  findings,
  now,
  excluded = [],
}: {
  findings: Finding[];
  now: Date;
  excluded?: ExcludedFinding[];
}): JSX.Element {
  const markOf = (f: Finding) => excluded.find((m) => m.code === f.code && m.subject === f.subject);
  if (!findings.length)
    return <p className="all-good">No findings about sync, federation or service health: every check that could run passed.</p>;
  return (
    <div className="findings">
      {SEVERITIES.map((severity) => {
        const group = findings.filter((f) => f.severity === severity);
        if (!group.length) return null;
        return (
          <section key={severity} aria-labelledby={`findings-${severity}`}>
            <h4 id={`findings-${severity}`} className="group-heading">
              {SEVERITY_LABEL[severity]} ({group.length})
            </h4>
            <ul className="finding-list">
              {group.map((f) => (
                <FindingItem key={`${f.code}:${f.subject}`} finding={f} now={now} excluded={markOf(f)} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export function NotChecked({ unknown }: { unknown: UnknownCheck[] }): JSX.Element | null {
  if (!unknown.length) return null;
  return (
    <ul className="not-checked">
      {unknown.map((u) => (
        <li key={`${u.code}:${u.reason}`}>
          {/* The reason reads "unknown, because …" (or "unknown for contoso.com, because …") already. */}
          <strong>{CHECK_NAME[u.code] ?? u.code}</strong>: {u.reason}
        </li>
      ))}
    </ul>
  );
}
