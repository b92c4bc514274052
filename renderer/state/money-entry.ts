/**
 * Amounts the cashier types (sale total, returned amount), read the local way through the one
 * money parser, with every refusal said in the cashier's language. Main gets the machine form
 * ("1234.50", dot decimal), never the text as typed.
 */
import { defineMessages } from '@formatjs/intl';
import { DEFAULT_CURRENCY, formatAmount, formatMoney, formatMoneyMachine, minorDigits, parseMoney, type MoneyErrorCode } from '../../shared/money.ts';
import { SOURCE_LOCALE } from '../../shared/i18n/locales.ts';
import { createTranslator, type Translator } from '../../shared/i18n/translator.ts';
import { SALE_TOTAL_MAX_MINOR } from '../../shared/earn/earn-rule.ts';
import type { Translate } from './locale-store.ts';

/** The store's currency and the cashier's locale, read when an amount is checked. */
export interface MoneyContext {
  currency: string;
  locale: string;
}

export type AmountKind = 'saleTotal' | 'returned';

export type AmountEntry = { ok: true; minor: number; machine: string } | { ok: false; code: MoneyErrorCode; message: string };

const M = defineMessages({
  empty: { id: 'cashier.money.empty', defaultMessage: '{what, select, saleTotal {Enter the sale total.} other {Enter the amount returned.}}', description: 'Amount field left empty' },
  notANumber: { id: 'cashier.money.notANumber', defaultMessage: 'Type the amount as a number, e.g. {example}.', description: 'Amount is not a number; {example} is a sample amount in the local format' },
  negative: { id: 'cashier.money.negative', defaultMessage: 'The amount cannot be negative.', description: 'Amount typed with a minus' },
  tooManyDecimals: { id: 'cashier.money.tooManyDecimals', defaultMessage: '{digits, plural, =0 {{currency} has no decimals: type whole units.} one {{currency} has one decimal.} other {{currency} has # decimals at most.}}', description: 'More decimals than the currency has; {currency} is the ISO code' },
  ambiguous: { id: 'cashier.money.ambiguous', defaultMessage: '“{text}” can be read two ways. Type it like {example}.', description: 'Separator could be decimal or thousands; {example} is the local format' },
  misplaced: { id: 'cashier.money.misplaced', defaultMessage: 'A separator is in the wrong place. Type it like {example}.', description: 'Thousands separators in wrong positions' },
  mixed: { id: 'cashier.money.mixed', defaultMessage: 'The separators do not match this till’s format. Type it like {example}.', description: 'Decimal and thousands marks mixed up' },
  wrongCurrency: { id: 'cashier.money.wrongCurrency', defaultMessage: 'This till takes {currency} only.', description: 'Another currency sign typed' },
  wrongCurrencySign: {
    id: 'cashier.money.wrongCurrencySign',
    defaultMessage: '“{sign}” is not {currency}. This till takes {currency} only: type it like {example}.',
    description: 'Another currency’s sign or unit word typed (e.g. 元 in a yen store); {sign} as typed, {currency} the ISO code, {example} a sample amount',
  },
  repeatedSign: {
    id: 'cashier.money.repeatedSign',
    defaultMessage: 'The currency sign is there twice. Type it once, or just the number, like {example}.',
    description: 'The store’s currency sign or unit word typed twice (e.g. ¥1980円); {example} a sample amount',
  },
  tooLarge: { id: 'cashier.money.tooLarge', defaultMessage: 'The amount must be at most {max}.', description: 'Amount over the limit; {max} is formatted money' },
  unknownCurrency: { id: 'cashier.money.unknownCurrency', defaultMessage: 'The till’s currency {currency} is not known. Call a manager.', description: 'Currency setting unusable' },
});

/** Read `text` as money in the store's currency and the cashier's locale. */
export function readAmount(text: string, kind: AmountKind, ctx: MoneyContext, t: Translate): AmountEntry {
  const parsed = parseMoney(text, { currency: ctx.currency, locale: ctx.locale, what: kind === 'saleTotal' ? 'sale total' : 'returned amount' });
  const example = (): string => formatMoney(123450 * 10 ** Math.max(0, minorDigits(ctx.currency) - 2), ctx.currency, ctx.locale, { display: 'none' });
  if (!parsed.ok) {
    const code = parsed.code;
    const say = (message: string): AmountEntry => ({ ok: false, code, message });
    switch (code) {
      case 'empty':
        return say(t(M.empty, { what: kind }));
      case 'negative':
        return say(t(M.negative));
      case 'too-many-decimals':
        return say(t(M.tooManyDecimals, { digits: minorDigits(ctx.currency), currency: ctx.currency }));
      case 'ambiguous-separator':
        return say(t(M.ambiguous, { text: text.trim(), example: example() }));
      case 'misplaced-separator':
        return say(t(M.misplaced, { example: example() }));
      case 'mixed-separators':
        return say(t(M.mixed, { example: example() }));
      case 'wrong-currency':
        return say(parsed.sign !== undefined ? t(M.wrongCurrencySign, { sign: parsed.sign, currency: ctx.currency, example: example() }) : t(M.wrongCurrency, { currency: ctx.currency }));
      case 'repeated-sign':
        return say(t(M.repeatedSign, { example: example() }));
      case 'too-large':
        return say(t(M.tooLarge, { max: formatMoney(SALE_TOTAL_MAX_MINOR, ctx.currency, ctx.locale) }));
      case 'unknown-currency':
        return say(t(M.unknownCurrency, { currency: ctx.currency }));
      case 'not-a-number':
        return say(t(M.notANumber, { example: example() }));
    }
  }
  if (parsed.minor > SALE_TOTAL_MAX_MINOR) return { ok: false, code: 'too-large', message: t(M.tooLarge, { max: formatMoney(SALE_TOTAL_MAX_MINOR, ctx.currency, ctx.locale) }) };
  return { ok: true, minor: parsed.minor, machine: formatMoneyMachine(parsed.minor, ctx.currency) };
}

/** What a cashier store needs to speak and read money: the current translator and the store's currency. */
export interface CashierLocale {
  translator(): Translator;
  currency(): string;
}

let english: Translator | null = null;
/** English and US dollars: for stores built without a runtime (tests, tools). */
export const ENGLISH_USD: CashierLocale = {
  translator: () => (english ??= createTranslator(SOURCE_LOCALE)),
  currency: () => DEFAULT_CURRENCY,
};

export function moneyContext(l: CashierLocale): MoneyContext {
  return { currency: l.currency(), locale: l.translator().locale };
}

/** A sale total from main (minor units of the store's currency, as main journals them) for people: the cashier's locale. */
export function mainAmountText(minor: number, l: CashierLocale): string {
  return formatAmount(minor, l.currency(), l.translator().locale);
}
