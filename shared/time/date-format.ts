/**
 * Dates and times for people, through Intl (no hand-written month names or padding). `locale`
 * is a BCP 47 tag; left out, the runtime's own locale is used. Machine forms (journal, CSV, keys)
 * are ISO and live in business-day.ts.
 */

const cache = new Map<string, Intl.DateTimeFormat>();

function format(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** "3/12/26, 2:02:11 PM" (en-US), "12.03.26, 14:02:11" (de-DE): local date and time. */
export function formatDateTime(ms: number, locale: string): string {
  return format(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(ms);
}

/** "Mar 3, 2026" (en-US), "3 mars 2026" (fr): a local date with the month named. */
export function formatDate(ms: number, locale: string): string {
  return format(locale, { dateStyle: 'medium' }).format(ms);
}

/** The time of day in the locale's own clock ("2:02 PM", "14:02"). */
export function formatTime(ms: number, locale: string): string {
  return format(locale, { timeStyle: 'short' }).format(ms);
}

/** "14:02", "09:10": the 24-hour clock a till prints, in the locale's digits. */
export function formatClock(ms: number, locale: string): string {
  return format(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** An ISO date-time (as main sends it) → epoch ms, or null when it is missing or unreadable. */
export function isoToMs(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** An ISO date-time as a local date ("Mar 3, 2026"), or null when it is missing or unreadable. */
export function formatIsoDate(iso: string | null | undefined, locale: string): string | null {
  const ms = isoToMs(iso);
  return ms === null ? null : formatDate(ms, locale);
}
