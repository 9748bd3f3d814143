/**
 * When a daily digest is due: once per calendar day of the subscriber's time zone, at or after the
 * hour they chose. Pure (the time comes in); time zones are IANA names as Intl knows them.
 */

/** True for an IANA time zone name this runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (YYYY-MM-DD) and hour (0–23) at `now` in `timeZone`. */
export function localDateHour(now: number, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) % 24 };
}

export interface DigestSchedule {
  /** Local hour (0–23) from which the day's digest may go. */
  digestHour: number;
  timeZone: string;
  /** Local date of the last digest served. */
  lastDigestDate?: string;
}

/**
 * The local date whose digest is due at `now`, or undefined. A date at or before the last one
 * served is never due again (a change of time zone that moves the local date back sends nothing twice).
 */
export function digestDueDate(schedule: DigestSchedule, now: number): string | undefined {
  const { date, hour } = localDateHour(now, schedule.timeZone);
  if (hour < schedule.digestHour) return undefined;
  if (schedule.lastDigestDate !== undefined && schedule.lastDigestDate >= date) return undefined;
  return date;
}
