/**
 * Display bits of the manager console: counts, latencies and the "—" an absent time shows as, in
 * the console's locale (views pass `useTranslator().locale`). Signed points and durations are
 * app/format.ts (fmtSigned, fmtDuration), money shared/money.ts, dates shared/time/.
 * Pure (no DOM), so the view-models and their tests share it.
 */
import { formatCount, numberFormat } from '../../shared/i18n/number-format.ts';
import { formatDateTime as dateTime, isoToMs } from '../../shared/time/date-format.ts';

export { formatCount };

/** Local date and time in the locale and the till's time zone; "—" for none. */
export function formatDateTime(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return dateTime(ms, locale);
}

/** ISO date-time (from main) in local time; "—" for none. */
export function formatIso(iso: string | null | undefined, locale: string): string {
  return formatDateTime(isoToMs(iso), locale);
}

/** "42 ms" in the locale's own unit words; "—" for none. */
export function formatLatency(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined) return '—';
  return numberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short', maximumFractionDigits: 0 }).format(ms);
}
