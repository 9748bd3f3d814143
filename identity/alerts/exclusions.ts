/**
 * Exclusions: an admin's "known and accepted, stop alerting" for one app or one finding, always with
 * a reason and an expiry. Never a silent mute: an excluded finding stays listed (marked excluded),
 * and when the exclusion expires or is revoked the alert fires again. Pure rules, no I/O.
 */
import type { FindingCode } from '../tenant/findings';
import { isAppFinding } from './categories';

/** The longest an exclusion may last: it must be looked at again at least this often. */
export const MAX_EXCLUSION_DAYS = 90;

/** What an exclusion covers: every app finding of one app (subject = app id), or one finding (code + subject). */
export type ExclusionScope = 'app' | 'finding';

/** The fields the rules read (the stored record, contract/alert-rules.ts, has more). */
export interface ExclusionRule {
  scope: ExclusionScope;
  /** The finding's code (scope "finding"); absent for scope "app". */
  code?: FindingCode;
  subject: string;
  /** ISO time the exclusion ends by itself. */
  expiresAt: string;
  /** Set when an admin ended it early. */
  revokedAt?: string;
}

/** The app's display name an app finding carries in its evidence (every app rule records it), or undefined. */
export function appNameOf(finding: { code: FindingCode; evidence: Readonly<Record<string, unknown>> }): string | undefined {
  const name = finding.evidence.appName;
  return isAppFinding(finding.code) && typeof name === 'string' && name.trim() ? name : undefined;
}

/** Whether the exclusion names this finding, whatever its time. */
export function covers(rule: ExclusionRule, finding: { code: FindingCode; subject: string }): boolean {
  if (rule.subject !== finding.subject) return false;
  return rule.scope === 'app' ? isAppFinding(finding.code) : rule.code === finding.code;
}

/** In force at `now`: neither expired nor revoked. */
export function isInForce(rule: ExclusionRule, now: number): boolean {
  return !rule.revokedAt && Date.parse(rule.expiresAt) > now;
}

/** The exclusion in force at `now` that covers the finding (the one lasting longest), if any. */
export function exclusionFor<T extends ExclusionRule>(
  finding: { code: FindingCode; subject: string },
  rules: readonly T[],
  now: number,
): T | undefined {
  let found: T | undefined;
  for (const rule of rules) {
    if (!isInForce(rule, now) || !covers(rule, finding)) continue;
    if (!found || Date.parse(rule.expiresAt) > Date.parse(found.expiresAt)) found = rule;
  }
  return found;
}
