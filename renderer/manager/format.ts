/**
 * Display bits of the manager console: counts, signed points, latencies, durations, and the "—"
 * an absent time shows as. Money is shared/money.ts, dates and the business day shared/time/.
 * Pure (no DOM), so the view-models and their tests share it.
 */
import { formatDateTime as dateTime, isoToMs } from '../../shared/time/date-format.ts';

const integerFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const signedFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });

/** Local date and time in the till's locale and time zone; "—" for none. */
export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return dateTime(ms);
}

/** ISO date-time (from main) in local time; "—" for none. */
export function formatIso(iso: string | null | undefined): string {
  return formatDateTime(isoToMs(iso));
}

export function formatCount(n: number): string {
  return integerFormat.format(n);
}

/** Points with an explicit sign: "+120", "−40" (a real minus sign), "0". */
export function formatPoints(n: number): string {
  return signedFormat.format(n).replace('-', '\u2212');
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
