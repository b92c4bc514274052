/**
 * Display bits of the manager console: counts, signed points, latencies, durations, and the "—"
 * an absent time shows as, in the console's locale (views pass `useTranslator().locale`; left out, the
 * runtime's own locale). Money is shared/money.ts, dates and the business day shared/time/.
 * Pure (no DOM), so the view-models and their tests share it.
 */
import { formatCount, numberFormat } from '../../shared/i18n/number-format.ts';
import { formatDateTime as dateTime, isoToMs } from '../../shared/time/date-format.ts';

export { formatCount };

/** Local date and time in the locale and the till's time zone; "—" for none. */
export function formatDateTime(ms: number | null | undefined, locale?: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return dateTime(ms, locale);
}

/** ISO date-time (from main) in local time; "—" for none. */
export function formatIso(iso: string | null | undefined, locale?: string): string {
  return formatDateTime(isoToMs(iso), locale);
}

/** Points with an explicit sign: "+120", "−40" (a real minus sign), "0". */
export function formatPoints(n: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(n).replace('-', '\u2212');
}

/** "42 ms" in the locale's own unit words; "—" for none. */
export function formatLatency(ms: number | null | undefined, locale?: string): string {
  if (ms === null || ms === undefined) return '—';
  return numberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short', maximumFractionDigits: 0 }).format(ms);
}

/** "2 min" / "40 s" / "1 h 5 min": for progress ETAs, in the locale's unit words. */
export function formatDuration(ms: number, locale?: string): string {
  const unit = (n: number, u: 'second' | 'minute' | 'hour') => numberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return unit(s, 'second');
  const m = Math.round(s / 60);
  return m < 60 ? unit(m, 'minute') : `${unit(Math.floor(m / 60), 'hour')} ${unit(m % 60, 'minute')}`;
}
