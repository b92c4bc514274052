/**
 * Numbers, points and "when" phrases as the cashier reads them, in the translator's language and
 * number format (money and dates: shared/money.ts, shared/time/). Without a translator: English.
 */
import { defineMessages } from '@formatjs/intl';
import { addDays, calendarDateAt } from '../../shared/time/business-day.ts';
import { formatClock, formatDate } from '../../shared/time/date-format.ts';
import { formatAmount, parseMoneyMachine } from '../../shared/money.ts';
import { createTranslator, type Translator } from '../../shared/i18n/translator.ts';
import { formatCount, numberFormat } from '../../shared/i18n/number-format.ts';

const MESSAGES = defineMessages({
  points: { id: 'app.format.points', defaultMessage: '{n} pts', description: 'A number of loyalty points, short; {n} is the formatted number (may carry a sign)' },
  todayAt: { id: 'app.format.todayAt', defaultMessage: 'today at {time}', description: 'When something happened today; {time} is a clock time' },
  yesterdayAt: { id: 'app.format.yesterdayAt', defaultMessage: 'yesterday at {time}', description: 'When something happened yesterday; {time} is a clock time' },
  onDateAt: { id: 'app.format.onDateAt', defaultMessage: 'on {date} at {time}', description: 'When something happened before yesterday; {date} a date, {time} a clock time' },
});

let english: Translator | null = null;
function tr(t: Translator | undefined): Translator {
  if (t !== undefined) return t;
  english ??= createTranslator('en');
  return english;
}

export function fmtInt(n: number, t?: Translator): string {
  return formatCount(n, tr(t).locale);
}

export function fmtPoints(n: number, signed = false, t?: Translator): string {
  const sign = signed ? (n > 0 ? '+' : n < 0 ? '−' : '') : n < 0 ? '−' : '';
  return tr(t).t(MESSAGES.points, { n: `${sign}${fmtInt(Math.abs(n), t)}` });
}

export function fmtMultiplier(m: number, t?: Translator): string {
  return `×${numberFormat(tr(t).locale, { maximumFractionDigits: 2 }).format(m)}`;
}

/** "today at 14:02", "yesterday at 09:10", "on Mar 3, 2026 at 17:45" (calendar days, so DST days count right). */
export function fmtWhen(ms: number, now: number = Date.now(), t?: Translator): string {
  const x = tr(t);
  const today = calendarDateAt(now);
  const day = calendarDateAt(ms);
  const time = formatClock(ms, x.locale);
  if (day === today) return x.t(MESSAGES.todayAt, { time });
  if (day === addDays(today, -1)) return x.t(MESSAGES.yesterdayAt, { time });
  return x.t(MESSAGES.onDateAt, { date: formatDate(ms, x.locale), time });
}

/** A machine amount ("19.99", as the POS sends it) in its currency, as the cashier reads money; as sent if it does not parse. */
export function fmtMachineAmount(text: string, currency: string, t: Translator): string {
  const parsed = parseMoneyMachine(text, { currency });
  return parsed.ok ? formatAmount(parsed.minor, currency, t.locale) : text;
}
