/**
 * A strict reader of the ISO 8601 durations Graph returns for Edm.Duration ("PT30M", "P1DT2H"),
 * the PnDTnHnMnS subset only. Why no library: none is a dependency of this app; moment and dayjs
 * are in node_modules only as dependencies of botbuilder's packages (moment is in maintenance
 * mode), and moment's duration parser accepts malformed text (it reads "P", "PT" and "PT30" as
 * a valid zero) where this one refuses it, so an interval is never shown as a number Graph did not send.
 */

/** Days, hours, minutes and seconds, as written (not normalised: "PT90M" stays 90 minutes). */
export interface IsoDuration {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

// Years, months and weeks are refused: their length in seconds depends on a calendar.
const PATTERN = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** The duration, or null when the text is not a duration of this subset (empty "P", "PT", years, signs, commas). */
export function parseIsoDuration(text: string): IsoDuration | null {
  const match = PATTERN.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, days, hours, minutes, seconds] = match;
  return { days: Number(days ?? 0), hours: Number(hours ?? 0), minutes: Number(minutes ?? 0), seconds: Number(seconds ?? 0) };
}

export function durationSeconds(d: IsoDuration): number {
  return ((d.days * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds;
}

/** "every 30 minutes", "every 1 hour and 30 minutes", "every day"; null when it is not a duration or is zero. */
export function intervalInWords(text: string): string | null {
  const d = parseIsoDuration(text);
  if (!d || durationSeconds(d) === 0) return null;
  const parts = (
    [
      [d.days, 'day'],
      [d.hours, 'hour'],
      [d.minutes, 'minute'],
      [d.seconds, 'second'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);
  if (parts.length === 1 && parts[0].startsWith('1 ')) return `every ${parts[0].slice(2)}`;
  return `every ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]}`;
}
