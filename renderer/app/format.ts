/** Numbers, points and "when" phrases as the cashier reads them (money and dates: shared/money.ts, shared/time/). */
import { addDays, calendarDateAt } from '../../shared/time/business-day.ts';
import { formatClock, formatDate } from '../../shared/time/date-format.ts';
import { formatAmount, parseMoneyMachine } from '../../shared/money.ts';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function fmtInt(n: number): string {
  return int.format(n);
}

export function fmtPoints(n: number, signed = false): string {
  const sign = signed ? (n > 0 ? '+' : n < 0 ? '−' : '') : n < 0 ? '−' : '';
  return `${sign}${int.format(Math.abs(n))} pts`;
}

export function fmtMultiplier(m: number): string {
  return `×${dec.format(m)}`;
}

/** "today at 14:02", "yesterday at 09:10", "on Mar 3, 2026 at 17:45" (calendar days, so DST days count right). */
export function fmtWhen(ms: number, now: number = Date.now()): string {
  const today = calendarDateAt(now);
  const day = calendarDateAt(ms);
  if (day === today) return `today at ${formatClock(ms)}`;
  if (day === addDays(today, -1)) return `yesterday at ${formatClock(ms)}`;
  return `on ${formatDate(ms)} at ${formatClock(ms)}`;
}

/** A machine amount ("19.99", as the POS sends it) in its currency, as the cashier reads money; as sent if it does not parse. */
export function fmtMachineAmount(text: string, currency: string): string {
  const parsed = parseMoneyMachine(text, { currency });
  return parsed.ok ? formatAmount(parsed.minor, currency) : text;
}
