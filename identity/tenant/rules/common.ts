/** What every health rule shares: its input, its output, and small helpers for times and wording. */
import type { Finding, FindingCode, UnknownCheck } from '../findings';
import type { Section, TenantSnapshot } from '../snapshot';
import type { HealthThresholds } from '../thresholds';
import { DAY_MS } from '../age';

export interface RuleInput {
  snapshot: TenantSnapshot;
  now: Date;
  thresholds: HealthThresholds;
}

export interface RuleResult {
  findings: Finding[];
  unknown: UnknownCheck[];
}

/** One rule per finding code (or per pair of codes that are two ends of one check). */
export type HealthRule = (input: RuleInput) => RuleResult;

// The one wording of ages and durations (rounded down, see age.ts), for the rules' titles.
export { DAY_MS, HOUR_MS, MINUTE_MS, describeDuration, plural } from '../age';

export function nothingToReport(): RuleResult {
  return { findings: [], unknown: [] };
}

export function reportFindings(...findings: Finding[]): RuleResult {
  return { findings, unknown: [] };
}

export function reportUnknown(...unknown: UnknownCheck[]): RuleResult {
  return { findings: [], unknown };
}

export function combineResults(results: readonly RuleResult[]): RuleResult {
  return { findings: results.flatMap((result) => result.findings), unknown: results.flatMap((result) => result.unknown) };
}

/** "unknown, because …", optionally naming what it is about ("unknown for contoso.com, because …"). */
export function unknownBecause(code: FindingCode, reason: string, about?: string): UnknownCheck {
  const scope = about ? ` for ${about}` : '';
  return { code, reason: `unknown${scope}, because ${reason.trim() || 'the data could not be read'}` };
}

/** The reason a section could not be read, or undefined when it was. */
export function unavailableReason<T>(section: Section<T>): string | undefined {
  return section.status === 'unavailable' ? section.reason : undefined;
}

/** Milliseconds since the epoch, or undefined for null or a time that does not parse. */
export function parseTime(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

/** Whole days left until `end` (rounded down; 0 on the last day). */
export function wholeDaysUntil(end: number, now: Date): number {
  return Math.floor((end - now.getTime()) / DAY_MS);
}

/** "1 user", "1,240 users". */
export function formatCount(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
