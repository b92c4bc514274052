/**
 * Display formatting for the manager console: local dates, signed points, money in minor units.
 * Pure (no DOM), so the view-models and their tests share it.
 */

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const integerFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const signedFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const moneyFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "12/03/2026, 14:02:11" in the till's locale and time zone; "—" for null. */
export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return dateTimeFormat.format(new Date(ms));
}

/** ISO date-time (from main) in local time. */
export function formatIso(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '—' : dateTimeFormat.format(new Date(ms));
}

export function formatTime(ms: number): string {
  return timeFormat.format(new Date(ms));
}

export function formatCount(n: number): string {
  return integerFormat.format(n);
}

/** Points with an explicit sign: "+120", "−40" (a real minus sign), "0". */
export function formatPoints(n: number): string {
  return signedFormat.format(n).replace('-', '\u2212');
}

/** Minor units as a plain decimal amount ("19.99"); the till has one currency, so no symbol. */
export function formatMinor(minor: number | null | undefined): string {
  if (minor === null || minor === undefined) return '—';
  return moneyFormat.format(minor / 100);
}

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return `${integerFormat.format(ms)} ms`;
}

/** "about 2 min" / "about 40 s": for progress ETAs. */
export function formatDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local calendar date as `YYYY-MM-DD` (what `<input type="date">` uses). */
export function toDateInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight at the start of `YYYY-MM-DD`, or null if it is not a real date. */
export function dayStartMs(date: string): number | null {
  const m = DATE_INPUT.exec(date);
  if (m === null) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  const d = Number(m[3]);
  const t = new Date(y, mo, d);
  if (t.getFullYear() !== y || t.getMonth() !== mo || t.getDate() !== d) return null;
  return t.getTime();
}

/** Local midnight at the start of the day after `YYYY-MM-DD` (an exclusive upper bound). */
export function dayEndExclusiveMs(date: string): number | null {
  const start = dayStartMs(date);
  if (start === null) return null;
  const t = new Date(start);
  return new Date(t.getFullYear(), t.getMonth(), t.getDate() + 1).getTime();
}

/**
 * The business date `now` belongs to when the day rolls over at `startsAt` (`HH:MM`): at 02:30
 * with a 04:00 roll-over it is still yesterday's business day.
 */
export function businessDateAt(now: Date, startsAt: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(startsAt);
  const minutes = m === null ? 0 : Number(m[1]) * 60 + Number(m[2]);
  const since = now.getHours() * 60 + now.getMinutes();
  if (since >= minutes) return toDateInput(now);
  return toDateInput(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
}
