/**
 * The business date a moment belongs to: the calendar date in the store's time zone, except
 * that the business day starts at `startsAt` (e.g. "04:00"), so a sale at 01:30 still belongs
 * to yesterday's day. Every process that keys sales (app, CLI, web host) uses this one helper
 * with the journal's stored settings, so they all put a sale on the same day.
 */
import { zoneOffset } from '../reconcile/day-window.ts';

export { localTimeZone } from '../reconcile/day-window.ts';

/** `timeZone`: `local` (this process's zone), `UTC`, `+HH:MM` or an IANA name. */
export function businessDateAt(ms: number, startsAt: string, timeZone = 'local'): string {
  const [h = 0, m = 0] = startsAt.split(':').map(Number);
  // The zone's wall clock as a UTC instant, stepped back by the day start: its UTC date is the day.
  const wall = ms + zoneOffset(timeZone)(ms) - (h * 60 + m) * 60_000;
  return new Date(wall).toISOString().slice(0, 10);
}
