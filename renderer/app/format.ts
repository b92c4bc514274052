/**
 * Numbers, points and "when" phrases as the cashier reads them, in the translator's language and
 * number format (money and dates: shared/money.ts, shared/time/). The translator is required, so
 * nothing here falls back to English unnoticed.
 */
import { defineMessages } from '@formatjs/intl';
import { addDays, calendarDateAt } from '../../shared/time/business-day.ts';
import { formatClock, formatDate } from '../../shared/time/date-format.ts';
import { formatAmount, parseMoneyMachine } from '../../shared/money.ts';
import type { LocalizedText, Translator } from '../../shared/i18n/translator.ts';
import { formatCount, numberFormat } from '../../shared/i18n/number-format.ts';

const MESSAGES = defineMessages({
  points: { id: 'app.format.points', defaultMessage: '{n} pts', description: 'A number of loyalty points, short; {n} is the formatted number (may carry a sign)' },
  todayAt: { id: 'app.format.todayAt', defaultMessage: 'today at {time}', description: 'When something happened today; {time} is a clock time' },
  yesterdayAt: { id: 'app.format.yesterdayAt', defaultMessage: 'yesterday at {time}', description: 'When something happened yesterday; {time} is a clock time' },
  onDateAt: { id: 'app.format.onDateAt', defaultMessage: 'on {date} at {time}', description: 'When something happened before yesterday; {date} a date, {time} a clock time' },
});

/** A whole number with the locale's grouping ("4,950", "4.950"). */
export function fmtInt(n: number, t: Translator): string {
  return formatCount(n, t.locale);
}

/**
 * The one signed number of points: "+120", "−40" (a real minus sign), "0", in the locale's digits
 * and grouping. `signed` false: a minus only ("120", "−40").
 */
export function fmtSigned(n: number, t: Translator, signed = true): string {
  return numberFormat(t.locale, { maximumFractionDigits: 0, signDisplay: signed ? 'exceptZero' : 'auto' })
    .format(n)
    .replace('-', '\u2212');
}

/** "+1,200 pts", "−40 pts" (signed) or "1,200 pts", in the translator's words. */
export function fmtPoints(n: number, signed: boolean, t: Translator): string {
  return t.t(MESSAGES.points, { n: fmtSigned(n, t, signed) });
}

export function fmtMultiplier(m: number, t: Translator): string {
  return `×${numberFormat(t.locale, { maximumFractionDigits: 2 }).format(m)}`;
}

/**
 * The one duration for people, in the locale's unit words: "42 sec", "3 min", "1 hr 5 min";
 * `exact` keeps the seconds under an hour ("4 min 5 sec", for a countdown).
 */
export function fmtDuration(ms: number, t: Translator, exact = false): string {
  const unit = (n: number, u: 'second' | 'minute' | 'hour') => numberFormat(t.locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
  const s = Math.max(exact ? 0 : 1, exact ? Math.ceil(ms / 1000) : Math.round(ms / 1000));
  if (s < 60) return unit(s, 'second');
  if (exact && s < 3600) return s % 60 === 0 ? unit(s / 60, 'minute') : `${unit(Math.floor(s / 60), 'minute')} ${unit(s % 60, 'second')}`;
  const m = exact ? Math.ceil(s / 60) : Math.round(s / 60);
  if (m < 60) return unit(m, 'minute');
  return m % 60 === 0 ? unit(m / 60, 'hour') : `${unit(Math.floor(m / 60), 'hour')} ${unit(m % 60, 'minute')}`;
}

/** "today at 14:02", "yesterday at 09:10", "on Mar 3, 2026 at 17:45" (calendar days, so DST days count right). */
export function fmtWhen(ms: number, t: Translator, now: number = Date.now()): string {
  const x = t;
  const today = calendarDateAt(now);
  const day = calendarDateAt(ms);
  const time = formatClock(ms, x.locale);
  if (day === today) return x.t(MESSAGES.todayAt, { time });
  if (day === addDays(today, -1)) return x.t(MESSAGES.yesterdayAt, { time });
  return x.t(MESSAGES.onDateAt, { date: formatDate(ms, x.locale), time });
}

/**
 * Why a preview gives its points, in the till's language and number format: main's id with the
 * sale total shown as this till writes money; main's English when it sent no id.
 */
export function fmtExplanation(preview: { explanation: string; explanationLocalized?: LocalizedText | undefined; saleTotalMinor: number }, currency: string, t: Translator): string {
  const localized = preview.explanationLocalized;
  if (localized === undefined || !t.has(localized.messageId)) return preview.explanation;
  return t.text({ messageId: localized.messageId, values: { ...localized.values, amount: formatAmount(preview.saleTotalMinor, currency, t.locale) } });
}

/** A machine amount ("19.99", as the POS sends it) in its currency, as the cashier reads money; as sent if it does not parse. */
export function fmtMachineAmount(text: string, currency: string, t: Translator): string {
  const parsed = parseMoneyMachine(text, { currency });
  return parsed.ok ? formatAmount(parsed.minor, currency, t.locale) : text;
}
