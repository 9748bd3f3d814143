import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every interval so "x minutes ago" stays true; never earlier than
 * `notBefore` (the shown snapshot's takenAt). Ages of a snapshot are measured from no earlier
 * than its read, as the alert cards and the bot's status measure them: the clock noted when the
 * page opened (up to an interval before the data was read, or a browser clock running behind the
 * server's) read a sync 19 minutes ago as "18 minutes ago" where the card said "19 minutes ago".
 */
export function useNow(notBefore?: string, intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  const floor = notBefore ? Date.parse(notBefore) : Number.NaN;
  return floor > now.getTime() ? new Date(floor) : now;
}
