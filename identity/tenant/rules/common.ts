/** What every health rule shares: its input, its output, and small helpers for times and wording. */
import type { Finding, FindingCode, UnknownCheck } from '../findings';
import type { Section, TenantSnapshot } from '../snapshot';
import type { HealthThresholds } from '../thresholds';

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

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

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

/** A duration in the largest unit that keeps it readable: "45 minutes", "7 hours", "3 days" (rounded down). */
export function describeDuration(ms: number): string {
  const positive = Math.max(0, ms);
  if (positive < 2 * HOUR_MS) return plural(Math.floor(positive / MINUTE_MS), 'minute');
  if (positive < 2 * DAY_MS) return plural(Math.floor(positive / HOUR_MS), 'hour');
  return plural(Math.floor(positive / DAY_MS), 'day');
}

/** Whole days left until `end` (rounded down; 0 on the last day). */
export function wholeDaysUntil(end: number, now: Date): number {
  return Math.floor((end - now.getTime()) / DAY_MS);
}

export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "1 user", "1,240 users". */
export function formatCount(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
