/**
 * A business day as an epoch-ms window [start, end). The till's day is local wall-clock time,
 * so the window depends on a time zone: the machine's own (`local`), `UTC`, a fixed offset
 * (`+05:30`) or an IANA name (`America/New_York`). DST days are 23 or 25 hours long.
 */
import { isBusinessDate } from '../../../shared/journal/dedup-key.ts';

export interface DayWindow {
  date: string;
  start: number;
  end: number;
}

export class DayWindowError extends Error {
  override name = 'DayWindowError';
}

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** Throws DayWindowError for an unreal date or an unknown zone. */
export function dayWindow(date: string, timeZone = 'local'): DayWindow {
  if (!isBusinessDate(date)) throw new DayWindowError(`date ${JSON.stringify(date)} must be a real date in YYYY-MM-DD form`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const startOf = midnightResolver(timeZone);
  return { date, start: startOf(y, m, d), end: startOf(y, m, d + 1) };
}

/**
 * The zone's offset from UTC (ms) at an instant. Throws DayWindowError for an unknown zone.
 * `local` is this process's zone (its TZ), `UTC`, a fixed `+HH:MM`, or an IANA name.
 */
export function zoneOffset(timeZone: string): (t: number) => number {
  const zone = timeZone.trim();
  if (zone === '' || zone.toLowerCase() === 'local') return (t) => -new Date(t).getTimezoneOffset() * 60_000;
  if (zone.toUpperCase() === 'UTC' || zone.toUpperCase() === 'Z') return () => 0;
  const fixed = OFFSET.exec(zone);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
    if (Number(fixed[2]) > 14 || Number(fixed[3]) > 59) throw new DayWindowError(`time zone offset ${zone} is out of range`);
    const sign = fixed[1] === '-' ? -1 : 1;
    return () => sign * minutes * 60_000;
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new DayWindowError(`unknown time zone ${JSON.stringify(zone)} (use local, UTC, +HH:MM or an IANA name)`);
  }
  // Its wall clock read as if it were UTC, minus t.
  return (t) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    return wall - Math.floor(t / 1000) * 1000;
  };
}

/** The zone's midnight (as epoch ms) for a calendar day; `day` may overflow into the next month. */
function midnightResolver(timeZone: string): (y: number, m: number, d: number) => number {
  const zone = timeZone.trim();
  if (zone === '' || zone.toLowerCase() === 'local') return (y, m, d) => new Date(y, m - 1, d).getTime();
  const offsetAt = zoneOffset(zone);
  return (y, m, d) => {
    const guess = Date.UTC(y, m - 1, d);
    // Two rounds settle it even when midnight sits next to a DST change.
    const first = guess - offsetAt(guess);
    return guess - offsetAt(first);
  };
}

/** This process's own zone as an IANA name: what `local` means here, fit for storing. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Today's date (YYYY-MM-DD) in the zone, for a default. */
export function todayIn(timeZone = 'local', now = Date.now()): string {
  const zone = timeZone.trim();
  if (zone === '' || zone.toLowerCase() === 'local') {
    const t = new Date(now);
    return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
  }
  // Find the day whose window holds `now` (start from the UTC date, step at most one either way).
  const utc = new Date(now).toISOString().slice(0, 10);
  for (const delta of [0, -1, 1]) {
    const day = new Date(Date.parse(`${utc}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
    const w = dayWindow(day, zone);
    if (now >= w.start && now < w.end) return day;
  }
  return utc;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
