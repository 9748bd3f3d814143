/**
 * `npm run check -- --json`: the output pipelines read, version CHECK_JSON_SCHEMA_VERSION, described
 * by docs/check-json.schema.json and docs/check-json.md. Within a version fields are only added,
 * never renamed, removed or retyped; `snapshot` is the raw reading for debugging and is not covered.
 */
import { describeAccess, sectionReadings, type SectionReading } from '../../identity/tenant/coverage';
import { evidenceSentences } from '../../identity/tenant/evidence-text';
import { worstSeverity, type Finding, type HealthReport, type Severity, type UnknownCheck } from '../../identity/tenant/findings';
import type { TenantSnapshot } from '../../identity/tenant/snapshot';
import { dataOf } from '../../identity/tenant/summary';

export const CHECK_JSON_SCHEMA_VERSION = 1;

/** The exit code for the worst severity: 0 none or info, 1 warning, 2 critical. */
export const EXIT_BY_SEVERITY = { none: 0, info: 0, warning: 1, critical: 2 } as const;

export interface CheckJsonFinding extends Finding {
  /** The evidence as sentences (the tab's, the cards' and the table's words). */
  evidenceText: string[];
}

export interface CheckJson {
  schemaVersion: typeof CHECK_JSON_SCHEMA_VERSION;
  /** When the tenant was read, ISO UTC. */
  checkedAt: string;
  /** What was read: `dev tenant scenario "stale-sync"` or `https://graph.microsoft.com, app-only`. */
  target: string;
  tenant: { id: string; displayName: string | null };
  /** Whose access read it, in words. */
  readWith: string;
  worst: Severity | 'none';
  exitCode: 0 | 1 | 2;
  /** Critical first, then warning, info; within a severity by code, then subject. */
  findings: CheckJsonFinding[];
  unknown: UnknownCheck[];
  sections: SectionReading[];
  /** Raw reading, for debugging: not part of the stable schema. */
  snapshot: TenantSnapshot;
}

export function checkJson(snapshot: TenantSnapshot, report: HealthReport, target: string, now: Date): CheckJson {
  const worst = worstSeverity(report.findings) ?? 'none';
  return {
    schemaVersion: CHECK_JSON_SCHEMA_VERSION,
    checkedAt: snapshot.takenAt,
    target,
    tenant: { id: snapshot.tenantId, displayName: dataOf(snapshot.organization)?.displayName ?? null },
    readWith: describeAccess(snapshot.readAs),
    worst,
    exitCode: EXIT_BY_SEVERITY[worst],
    findings: report.findings.map((finding) => ({ ...finding, evidenceText: evidenceSentences(finding, now) })),
    unknown: report.unknown,
    sections: sectionReadings(snapshot),
    snapshot,
  };
}
