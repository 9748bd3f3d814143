import { Link } from '@fluentui/react-components';
import type { Finding, UnknownCheck } from '../../../../../contract/tab';
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

function FindingItem({ finding, now }: { finding: Finding; now: Date }): JSX.Element {
  const evidence = evidenceSentences(finding, now);
  return (
    <li className="finding" data-severity={finding.severity} data-code={finding.code}>
      <div className="finding-head">
        <SeverityBadge severity={finding.severity} />
        <span className="finding-title">{finding.title}</span>
      </div>
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
export function FindingsList({ findings, now }: { findings: Finding[]; now: Date }): JSX.Element {
  if (!findings.length) return <p className="all-good">No findings: every check that could run passed.</p>;
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
                <FindingItem key={`${f.code}:${f.subject}`} finding={f} now={now} />
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
