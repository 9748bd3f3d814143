import { relativeTime } from '../../../identity/tenant/summary';

export { relativeTime };

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "15 Jan 2026, 12:00" in the user's locale, or "never". */
export function exactTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : dateTime.format(ms);
}

export function exactDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : dateOnly.format(ms);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Evidence values in plain words: times as "7 hours ago (15 Jan 2026, 06:10)". */
export function evidenceValue(value: string | number | boolean | null, now: Date): string {
  if (value === null) return 'unknown';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return value.toLocaleString();
  if (ISO.test(value)) return `${relativeTime(value, now)} (${exactTime(value)})`;
  return value;
}

/** "lastSyncDateTime" → "Last sync date time". */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 hour 5 minutes" from minutes. */
export function duration(minutes: number | null): string {
  if (minutes === null) return 'unknown';
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(hours < 10 ? 1 : 0)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}
