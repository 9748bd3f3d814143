/**
 * The one wording of an age or a duration that the tab, the alert cards, the bot's status and
 * `check` all show, so that the same timestamp reads the same everywhere.
 *
 * Units: minutes below 2 hours, hours below 2 days, then days; "less than a minute" below 60 s.
 *
 * Rounding: always down (whole units elapsed), never to the nearest. The health rules judge ages
 * and expiries against thresholds in whole units (sync critical after 24 hours, a certificate
 * expiring in `wholeDaysUntil` days), so a rounded 23 h 40 min would read "24 hours ago" on a
 * finding that is still only a warning, and an expiry 8.6 days away "in 9 days" where the rule
 * counts 8. Counting down keeps an age from ever reading past a threshold it has not reached.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** "less than a minute", "1 minute", "119 minutes", "2 hours", "47 hours", "2 days" (rounded down; negative counts as 0). */
export function describeDuration(ms: number): string {
  const positive = Math.max(0, ms);
  if (positive < MINUTE_MS) return 'less than a minute';
  if (positive < 2 * HOUR_MS) return plural(Math.floor(positive / MINUTE_MS), 'minute');
  if (positive < 2 * DAY_MS) return plural(Math.floor(positive / HOUR_MS), 'hour');
  return plural(Math.floor(positive / DAY_MS), 'day');
}

/** How long ago (`elapsedMs` > 0) or how far ahead (< 0): "7 hours ago", "in 12 days", "just now" within a minute either way. */
export function describeAge(elapsedMs: number): string {
  if (Math.abs(elapsedMs) < MINUTE_MS) return 'just now';
  return elapsedMs > 0 ? `${describeDuration(elapsedMs)} ago` : `in ${describeDuration(-elapsedMs)}`;
}

/** An ISO time's age at `now` ("19 minutes ago", "in 12 days"); "never" without a time, "unknown" for one that does not parse. */
export function relativeTime(iso: string | null | undefined, now: Date): string {
  if (!iso) return 'never';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 'unknown';
  return describeAge(now.getTime() - at);
}

export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
