/**
 * The business day: which day a sale belongs to, and the epoch-ms window of a day.
 *
 * A business date is the calendar date (YYYY-MM-DD) in the store's time zone, except that the
 * day starts at `dayStart` (e.g. "04:00"), so a sale at 01:30 still belongs to yesterday. Every
 * process that keys sales (app, CLI, web host) and every screen that shows "today" uses this one
 * rule with the journal's keying settings, so they all put a sale on the same day.
 *
 * A time zone is this process's own (`local`), `UTC`, a fixed offset (`+05:30`) or an IANA name
 * (`America/New_York`). DST days are 23 or 25 hours long. Pure Intl/Date: runs in main and renderer.
 */

/** Business date as the POS reports it and the journal keys it. */
export const BUSINESS_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** When the business day starts: HH:MM on a 24-hour clock. */
export const DAY_START_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** The day start a till uses until the manager sets one. */
export const DEFAULT_DAY_START = '04:00';

const DAY_MS = 86_400_000;

export interface DayWindow {
  date: string;
  start: number;
  end: number;
}

export class DayWindowError extends Error {
  override name = 'DayWindowError';
}

/** True for a real calendar date in YYYY-MM-DD form (rejects 2025-02-30). */
export function isBusinessDate(value: string): boolean {
  if (!BUSINESS_DATE_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && isoDateOfUtc(d.getTime()) === value;
}

/** The UTC calendar date of an instant, YYYY-MM-DD. */
function isoDateOfUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The business date `ms` belongs to when the day starts at `dayStart` (HH:MM) in `timeZone`.
 * Throws DayWindowError for a malformed day start or an unknown zone.
 */
export function businessDateAt(ms: number, dayStart: string = DEFAULT_DAY_START, timeZone = 'local'): string {
  if (!DAY_START_PATTERN.test(dayStart)) throw new DayWindowError(`the business day start must be HH:MM (got ${JSON.stringify(dayStart)})`);
  const [h = 0, m = 0] = dayStart.split(':').map(Number);
  const offsetAt = zoneOffset(timeZone);
  // The zone's wall clock as a UTC instant, stepped back by the day start: its UTC date is the day.
  const date = isoDateOfUtc(ms + offsetAt(ms) - (h * 60 + m) * 60_000);
  // Away from a clock change that is the whole answer. Near one the wall clock may skip or repeat
  // the day start, so the windows decide: the date is the one whose window holds the instant.
  if (offsetAt(ms - NEAR_CHANGE_MS) === offsetAt(ms + NEAR_CHANGE_MS) && offsetAt(ms) === offsetAt(ms + NEAR_CHANGE_MS)) return date;
  const at = wallClockResolver(timeZone);
  const startOf = (d: string): number => {
    const [y = 0, mo = 0, day = 0] = d.split('-').map(Number);
    return at(y, mo, day, h, m);
  };
  if (ms < startOf(date)) return addDays(date, -1);
  const next = addDays(date, 1);
  return ms >= startOf(next) ? next : date;
}

/** The business day an instant falls in: its date and its [start, end) window, by one rule. */
export function businessDayAt(ms: number, dayStart: string = DEFAULT_DAY_START, timeZone = 'local'): DayWindow {
  return businessDayWindow(businessDateAt(ms, dayStart, timeZone), dayStart, timeZone);
}

/** The calendar date (YYYY-MM-DD) of an instant in the zone (a day starting at midnight). */
export function calendarDateAt(ms: number, timeZone = 'local'): string {
  return businessDateAt(ms, '00:00', timeZone);
}

/** Today's calendar date in the zone, for a default or a date input. */
export function todayIn(timeZone = 'local', now = Date.now()): string {
  return calendarDateAt(now, timeZone);
}

/** The date `days` after (or before) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  if (!isBusinessDate(date)) throw new DayWindowError(`date ${JSON.stringify(date)} must be a real date in YYYY-MM-DD form`);
  return isoDateOfUtc(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
}

/** Throws DayWindowError for an unreal date or an unknown zone. */
export function dayWindow(date: string, timeZone = 'local'): DayWindow {
  if (!isBusinessDate(date)) throw new DayWindowError(`date ${JSON.stringify(date)} must be a real date in YYYY-MM-DD form`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const startOf = wallClockResolver(timeZone);
  return { date, start: startOf(y, m, d), end: startOf(y, m, d + 1) };
}

/**
 * [start, end) of a business date: from `dayStart` on that date to `dayStart` on the next, in the
 * zone's wall clock (so a DST change between midnight and the day start is counted right).
 */
export function businessDayWindow(date: string, dayStart: string = DEFAULT_DAY_START, timeZone = 'local'): DayWindow {
  if (!isBusinessDate(date)) throw new DayWindowError(`date ${JSON.stringify(date)} must be a real date in YYYY-MM-DD form`);
  if (!DAY_START_PATTERN.test(dayStart)) throw new DayWindowError(`the business day start must be HH:MM (got ${JSON.stringify(dayStart)})`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h = 0, min = 0] = dayStart.split(':').map(Number);
  const at = wallClockResolver(timeZone);
  return { date, start: at(y, m, d, h, min), end: at(y, m, d + 1, h, min) };
}

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** Building a zone's formatter is most of an offset's cost; a till uses a handful of zones, kept here. */
const ZONE_FORMATS = new Map<string, Intl.DateTimeFormat>();
const ZONE_FORMATS_MAX = 32;

function zoneFormat(zone: string): Intl.DateTimeFormat {
  const known = ZONE_FORMATS.get(zone);
  if (known !== undefined) return known;
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
  if (ZONE_FORMATS.size >= ZONE_FORMATS_MAX) ZONE_FORMATS.delete(ZONE_FORMATS.keys().next().value as string);
  ZONE_FORMATS.set(zone, format);
  return format;
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
  const format = zoneFormat(zone);
  // Its wall clock read as if it were UTC, minus t.
  return (t) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    return wall - Math.floor(t / 1000) * 1000;
  };
}

/** No clock change within this of an instant (a day plus slack): its wall-clock business date stands. */
const NEAR_CHANGE_MS = 27 * 3_600_000;
/** Every zone's offset lies within UTC−12…UTC+14. */
const EARLIEST_OFFSET_MS = -12 * 3_600_000;
const LATEST_OFFSET_MS = 14 * 3_600_000;

/**
 * The instant a wall-clock time on a calendar day begins (`day` may overflow into the next month):
 * the first instant whose wall clock reads that time or later. So a time the clocks skip (02:30 on
 * a spring-forward night) resolves forward to the first instant that exists (03:00), and a time
 * that happens twice (01:30 on a fall-back night) to its first occurrence. Windows built from it
 * therefore follow each other without gap or overlap, and never run backwards.
 */
function wallClockResolver(timeZone: string): (y: number, m: number, d: number, h?: number, min?: number) => number {
  const offsetAt = zoneOffset(timeZone);
  return (y, m, d, h = 0, min = 0) => {
    const wall = Date.UTC(y, m - 1, d, h, min);
    // Whatever instant shows this wall time lies within [wall − 14 h, wall + 12 h]: the offsets
    // just outside that span are the ones before and after any change inside it.
    const before = offsetAt(wall - LATEST_OFFSET_MS - 3_600_000);
    const after = offsetAt(wall - EARLIEST_OFFSET_MS + 3_600_000);
    const shows = [wall - before, wall - after].filter((t) => t + offsetAt(t) === wall);
    if (shows.length > 0) return Math.min(...shows);
    // Equal offsets around a time nobody shows: two changes within a day, which no zone has had.
    if (after <= before) return wall - offsetAt(wall - offsetAt(wall));
    // Skipped: the change itself, the first second whose wall clock is past `wall`.
    let lo = wall - after; // wall clock still before `wall`
    let hi = wall - before; // wall clock at or past it
    lo = Math.floor(lo / 1000) * 1000;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (mid + offsetAt(mid) >= wall) hi = mid;
      else lo = mid;
    }
    return hi;
  };
}

/**
 * The one identity of a zone however it is spelled: ICU's canonical name for an IANA name or alias
 * (Asia/Kolkata → Asia/Calcutta, europe/berlin → Europe/Berlin), `UTC` for every UTC alias and zero
 * offset (Etc/UTC, GMT, Z, +00:00), `±HH:MM` for another fixed offset, `local` resolved to this
 * process's zone. Only aliases are one zone: two distinct zones with the same offsets today may
 * diverge under future rules. Throws DayWindowError for an unknown zone.
 */
export function canonicalTimeZone(timeZone: string): string {
  const zone = timeZone.trim();
  if (zone === '' || zone.toLowerCase() === 'local') return canonicalTimeZone(localTimeZone());
  if (zone.toUpperCase() === 'UTC' || zone.toUpperCase() === 'Z') return 'UTC';
  const fixed = OFFSET.exec(zone);
  if (fixed) {
    const offset = zoneOffset(zone)(0);
    return offset === 0 ? 'UTC' : `${fixed[1]}${fixed[2]}:${fixed[3]}`;
  }
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new DayWindowError(`unknown time zone ${JSON.stringify(zone)} (use local, UTC, +HH:MM or an IANA name)`);
  }
  // Intl also takes offsets spelled otherwise (+00, -05) and names them +HH:MM: one form for those.
  if (OFFSET.test(resolved)) return canonicalTimeZone(resolved);
  return ['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT'].includes(resolved) ? 'UTC' : resolved;
}

/** Whether two spellings name one zone (see canonicalTimeZone); an unknown name matches only itself. */
export function sameTimeZone(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return canonicalTimeZone(a) === canonicalTimeZone(b);
  } catch (err) {
    if (err instanceof DayWindowError) return false;
    throw err;
  }
}

/** This process's own zone as an IANA name: what `local` means here, fit for storing. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
