import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyMachine, minorDigits, parseMoney, parseMoneyMachine } from './money.ts';
import type { MoneyErrorCode } from './money.ts';
import { resolveFormatLocale, resolveLocale } from './i18n/locales.ts';
import { createTranslator } from './i18n/translator.ts';

const ok = (minor: number) => ({ ok: true, minor });
const refused = (code: MoneyErrorCode): unknown => expect.objectContaining({ ok: false, code, message: expect.stringMatching(/^The amount .+\.$/) as unknown });
const parse = (text: string, locale: string, currency: string) => parseMoney(text, { locale, currency });
const like = (shape: object): unknown => expect.objectContaining(shape);
/** A typed amount, where and in what it is typed, and what it must read as. */
type Row = [text: string, locale: string, currency: string, want: unknown];
/** One test per typed amount, so a failure names the input (these tables were rows of copied expects). */
const reads = (title: string, rows: Row[]) =>
  it.each(rows)(`${title}: %s (%s, %s)`, (text, locale, currency, want) => {
    expect(parse(text, locale, currency)).toEqual(want);
  });

describe('minorDigits', () => {
  it('takes the minor unit from Intl', () => {
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('usd')).toBe(2);
    expect(minorDigits('KWD')).toBe(3);
  });
});

describe('formatMoneyMachine', () => {
  it('dot decimal, no grouping, the currency’s own digits', () => {
    expect(formatMoneyMachine(1999, 'USD')).toBe('19.99');
    expect(formatMoneyMachine(5, 'EUR')).toBe('0.05');
    expect(formatMoneyMachine(123456789, 'EUR')).toBe('1234567.89');
    expect(formatMoneyMachine(1980, 'JPY')).toBe('1980');
    expect(formatMoneyMachine(5, 'KWD')).toBe('0.005');
    expect(formatMoneyMachine(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91');
  });

  it('signs a negative amount once, in front (never "-1.-50")', () => {
    expect(formatMoneyMachine(-150, 'USD')).toBe('-1.50');
    expect(formatMoneyMachine(-5, 'USD')).toBe('-0.05');
    expect(formatMoneyMachine(-1500, 'KWD')).toBe('-1.500');
    expect(formatMoneyMachine(-7, 'JPY')).toBe('-7');
  });

  it('refuses what is not whole minor units', () => {
    expect(() => formatMoneyMachine(1.5, 'USD')).toThrow(RangeError);
    expect(() => formatMoneyMachine(Number.NaN, 'USD')).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('writes the amount the local way', () => {
    expect(formatMoney(123450, 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(123450, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(123450, 'EUR', 'es-ES')).toBe('1234,50\u00a0€');
    expect(formatMoney(123450, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(1980, 'JPY', 'ja-JP')).toBe('￥1,980');
    expect(formatMoney(1234500, 'KWD', 'ar-KW')).toMatch(/^\u200f?١٬٢٣٤٫٥٠٠\u00a0د\.ك\.\u200f$/);
    expect(formatMoney(123450, 'CHF', 'fr-CH')).toMatch(/^1.234\.50\u00a0CHF$/);
  });

  it('is sign-safe in every locale', () => {
    expect(formatMoney(-150, 'USD', 'en-US')).toBe('-$1.50');
    expect(formatMoney(-150, 'EUR', 'de-DE')).toBe('-1,50\u00a0€');
    expect(formatMoney(-5, 'USD', 'en-US')).toBe('-$0.05');
  });

  it('shows the number alone when asked (a one-currency till)', () => {
    expect(formatMoney(1999, 'USD', 'en-US', { display: 'none' })).toBe('19.99');
    expect(formatMoney(1999, 'EUR', 'de-DE', { display: 'none' })).toBe('19,99');
  });

  it('stays exact for amounts a float would round', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
  });
});

describe('parseMoney: what a cashier types', () => {
  reads('en-US', [
    ['19.99', 'en-US', 'USD', ok(1999)],
    ['$19.99', 'en-US', 'USD', ok(1999)],
    ['1,234.50', 'en-US', 'USD', ok(123450)],
    ['1,234', 'en-US', 'USD', ok(123400)],
    [' 7 ', 'en-US', 'USD', ok(700)],
    ['19.', 'en-US', 'USD', ok(1900)],
    ['USD 5', 'en-US', 'USD', ok(500)],
    ['19.999', 'en-US', 'USD', refused('ambiguous-separator')],
    ['19.9999', 'en-US', 'USD', refused('too-many-decimals')],
    ['1.234,50', 'en-US', 'USD', refused('mixed-separators')],
    ['1,23,4.50', 'en-US', 'USD', refused('misplaced-separator')],
    ['1.2.3', 'en-US', 'USD', refused('misplaced-separator')],
    ['-5', 'en-US', 'USD', refused('negative')],
    ['€5', 'en-US', 'USD', refused('wrong-currency')],
    ['EUR 5', 'en-US', 'USD', refused('wrong-currency')],
    ['', 'en-US', 'USD', refused('empty')],
    ['abc', 'en-US', 'USD', refused('not-a-number')],
    ['1e3', 'en-US', 'USD', refused('not-a-number')],
    ['.50', 'en-US', 'USD', refused('not-a-number')],
    ['12 34', 'en-US', 'USD', refused('not-a-number')],
    ['99999999999999999', 'en-US', 'USD', refused('too-large')],
  ]);

  it('de-DE', () => {
    expect(parse('19,999', 'de-DE', 'EUR').ok).toBe(false);
  });

  reads('de-DE', [
    ['19,99', 'de-DE', 'EUR', ok(1999)],
    ['1.234,50', 'de-DE', 'EUR', ok(123450)],
    ['1.234,50 €', 'de-DE', 'EUR', ok(123450)],
    ['€ 19,99', 'de-DE', 'EUR', ok(1999)],
    ['1.234.567', 'de-DE', 'EUR', ok(123456700)],
    // The dot is the German thousands mark: out of place it is a typo or a foreign decimal mark.
    ['19.99', 'de-DE', 'EUR', refused('ambiguous-separator')],
    // A comma before three digits: 1,234 € is impossible, 1234 would be another country's habit.
    ['1,234', 'de-DE', 'EUR', refused('ambiguous-separator')],
    ['1,234.50', 'de-DE', 'EUR', refused('mixed-separators')],
    ['1,2,3', 'de-DE', 'EUR', refused('misplaced-separator')],
    ['12.34.5', 'de-DE', 'EUR', refused('misplaced-separator')],
  ]);

  reads('es-ES', [
    ['19,99', 'es-ES', 'EUR', ok(1999)],
    ['1234,50', 'es-ES', 'EUR', ok(123450)],
    ['1.234,50', 'es-ES', 'EUR', ok(123450)],
    ['1,234', 'es-ES', 'EUR', refused('ambiguous-separator')],
  ]);

  reads('zh-CN', [
    ['¥19.99', 'zh-CN', 'CNY', ok(1999)],
    ['1,234.50', 'zh-CN', 'CNY', ok(123450)],
    ['CNY 8', 'zh-CN', 'CNY', ok(800)],
    ['1.234,50', 'zh-CN', 'CNY', refused('mixed-separators')],
  ]);

  reads('ja-JP (JPY has no minor unit)', [
    ['¥1,980', 'ja-JP', 'JPY', ok(1980)],
    ['￥1,980', 'ja-JP', 'JPY', ok(1980)],
    ['１９８０円', 'ja-JP', 'JPY', ok(1980)],
    ['１９８０', 'ja-JP', 'JPY', ok(1980)],
    ['1980', 'ja-JP', 'JPY', ok(1980)],
    ['19.5', 'ja-JP', 'JPY', refused('too-many-decimals')],
    ['1.980', 'ja-JP', 'JPY', refused('ambiguous-separator')],
    ['19.5', 'ja-JP', 'JPY', like({ message: 'The amount has no decimals in JPY: enter a whole number like 1,980.' })],
  ]);

  it('ar-KW (KWD has three decimals; Arabic-Indic digits or Latin ones)', () => {
    expect(parse(formatMoney(1234500, 'KWD', 'ar-KW'), 'ar-KW', 'KWD')).toEqual(ok(1234500));
  });

  reads('ar-KW (KWD has three decimals; Arabic-Indic digits or Latin ones)', [
    ['١٬٢٣٤٫٥٠٠ د.ك.', 'ar-KW', 'KWD', ok(1234500)],
    ['١٫٥', 'ar-KW', 'KWD', ok(1500)],
    // Latin digits are read with ar-KW's own Latin-digit marks (ar-KW-u-nu-latn writes 1,234.500):
    // a dot is the decimal mark there, never a thousands one, so KWD 1.250 is one and a quarter
    // dinars (as on Kuwaiti price tags), read exactly as en-US reads it. It was refused before.
    ['KWD 1.250', 'ar-KW', 'KWD', ok(1250)],
    ['1.500', 'ar-KW', 'KWD', ok(1500)],
    ['KWD 12.750', 'ar-KW', 'KWD', ok(12750)],
    ['1,234.500', 'ar-KW', 'KWD', ok(1234500)],
    ['1.234,500', 'ar-KW', 'KWD', refused('mixed-separators')],
    ['1.25', 'ar-KW', 'KWD', ok(1250)],
    ['١٫٢٣٤٥', 'ar-KW', 'KWD', refused('too-many-decimals')],
    // A Latin comma before three digits is a thousands group to some and decimals to others.
    ['1,234', 'ar-KW', 'KWD', refused('ambiguous-separator')],
    ['1,234', 'en-US', 'KWD', refused('ambiguous-separator')],
    ['1,234.500', 'en-US', 'KWD', ok(1234500)],
  ]);

  it('fr-CH (decimal point for money, decimal comma for numbers, apostrophe or space for thousands)', () => {
    expect(parse(formatMoney(123450, 'CHF', 'fr-CH'), 'fr-CH', 'CHF')).toEqual(ok(123450));
  });

  reads('fr-CH (decimal point for money, decimal comma for numbers, apostrophe or space for thousands)', [
    ['19.99', 'fr-CH', 'CHF', ok(1999)],
    ['19,99', 'fr-CH', 'CHF', ok(1999)],
    ["1'234.50 CHF", 'fr-CH', 'CHF', ok(123450)],
    ['1 234.50', 'fr-CH', 'CHF', ok(123450)],
    ['1.234', 'fr-CH', 'CHF', refused('ambiguous-separator')],
    ['1,234', 'fr-CH', 'CHF', refused('ambiguous-separator')],
    ["12'34.50", 'fr-CH', 'CHF', refused('misplaced-separator')],
  ]);

  reads('de-CH takes francs written Fr., before or after', [
    ['Fr. 19.95', 'de-CH', 'CHF', ok(1995)],
    ['19.95 Fr.', 'de-CH', 'CHF', ok(1995)],
    ['Fr. 19.95', 'de-DE', 'EUR', like({ ok: false, code: 'wrong-currency', sign: 'Fr.' })],
  ]);

  reads('hi-IN groups in lakhs', [
    ['12,34,567.89', 'hi-IN', 'INR', ok(123456789)],
    ['1,234,567.89', 'hi-IN', 'INR', refused('misplaced-separator')],
  ]);

  it('allows a sign only when asked', () => {
    expect(parseMoney('-$1.50', { locale: 'en-US', currency: 'USD', allowNegative: true })).toEqual(ok(-150));
    expect(parseMoney('$-1.50', { locale: 'en-US', currency: 'USD', allowNegative: true })).toEqual(ok(-150));
    expect(parseMoney('−1,50 €', { locale: 'de-DE', currency: 'EUR', allowNegative: true })).toEqual(ok(-150));
    expect(parseMoney('-0', { locale: 'en-US', currency: 'USD' })).toEqual(ok(0));
  });

  it('names the amount and refuses an unknown currency', () => {
    expect(parseMoney('x', { locale: 'en-US', currency: 'USD', what: 'sale total' })).toMatchObject({ message: 'The sale total must be a plain number like 19.99.' });
    expect(parseMoney('1', { locale: 'en-US', currency: 'US' })).toMatchObject({ ok: false, code: 'unknown-currency' });
  });
});

describe('parseMoneyMachine: the API/POS/CSV form', () => {
  const machine = (v: unknown, currency = 'USD') => parseMoneyMachine(v, { currency });
  it('reads dot-decimal text and plain numbers', () => {
    expect(machine('19.99')).toEqual(ok(1999));
    expect(machine('19.9')).toEqual(ok(1990));
    expect(machine(19.99)).toEqual(ok(1999));
    expect(machine(-0)).toEqual(ok(0));
    expect(machine('1980', 'JPY')).toEqual(ok(1980));
    expect(machine('1.005', 'KWD')).toEqual(ok(1005));
  });

  it('refuses anything localized or loose', () => {
    expect(machine('19,99')).toMatchObject({ ok: false, code: 'not-a-number' });
    expect(machine('1,234.50')).toMatchObject({ ok: false, code: 'not-a-number' });
    expect(machine('19.999')).toMatchObject({ ok: false, code: 'too-many-decimals' });
    expect(machine(0.1 + 0.2)).toMatchObject({ ok: false, code: 'too-many-decimals' });
    expect(machine('1.5', 'JPY')).toMatchObject({ ok: false, code: 'too-many-decimals' });
    expect(machine('-1')).toMatchObject({ ok: false, code: 'negative' });
    expect(machine(Number.POSITIVE_INFINITY)).toMatchObject({ ok: false, code: 'not-a-number' });
    expect(machine({})).toMatchObject({ ok: false, code: 'not-a-number' });
    expect(machine('  ')).toMatchObject({ ok: false, code: 'empty' });
  });

  it('round-trips the machine format', () => {
    fc.assert(
      fc.property(fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'CLF'), fc.integer({ min: -1e15, max: 1e15 }), (currency, minor) => {
        expect(parseMoneyMachine(formatMoneyMachine(minor, currency), { currency, allowNegative: true })).toEqual(ok(minor));
      }),
    );
  });
});

describe('format → parse round-trips', () => {
  const currencies = Intl.supportedValuesOf('currency');
  const locales = ['en-US', 'de-DE', 'zh-CN', 'es-ES', 'ja-JP', 'ar-KW', 'fr-CH', 'de-CH', 'hi-IN', 'en-IN', 'mr-IN', 'ar-EG', 'fr-FR', 'pt-BR', 'sv-SE'];
  const back = (minor: number, currency: string, locale: string, display: 'symbol' | 'none' = 'symbol') =>
    parseMoney(formatMoney(minor, currency, locale, { display }), { currency, locale, allowNegative: true });

  it(`every one of the ${currencies.length} currencies, in every test locale, at sample amounts`, () => {
    const wrong: string[] = [];
    for (const currency of currencies) {
      for (const locale of locales) {
        for (const minor of [0, 7, -150, 123456, -98765432, 100_000_000_000]) {
          const r = back(minor, currency, locale);
          if (!r.ok || r.minor !== minor) wrong.push(`${currency} ${locale} ${minor}: ${formatMoney(minor, currency, locale)} → ${JSON.stringify(r)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('any amount, any currency, any test locale, with or without the symbol', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.constantFrom(...locales),
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('symbol' as const, 'none' as const),
        (currency, locale, minor, display) => {
          expect(back(minor, currency, locale, display)).toEqual(ok(minor));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('money in the till’s full locale, not its catalogue language', () => {
  // What a till whose OS says `tag` formats and reads money in.
  const tillLocale = (tag: string): string => createTranslator(resolveLocale(null, tag), resolveFormatLocale(null, tag)).locale;

  it('es-MX writes 1,234.50 (es-ES writes 1234,50) though both read the es catalogue', () => {
    expect(formatMoney(123450, 'MXN', tillLocale('es-MX'), { display: 'none' })).toBe('1,234.50');
    expect(parse('1,234.50', tillLocale('es-MX'), 'MXN')).toEqual(ok(123450));
    expect(parse('19.99', tillLocale('es-MX'), 'MXN')).toEqual(ok(1999));
    expect(formatMoney(123450, 'EUR', tillLocale('es-ES'), { display: 'none' })).toBe('1234,50');
    expect(parse('19,99', tillLocale('es-ES'), 'EUR')).toEqual(ok(1999));
    expect(parse('1,234.50', tillLocale('es-ES'), 'EUR').ok).toBe(false);
  });

  it('de-CH writes 1’234.50 (de-DE writes 1.234,50)', () => {
    expect(formatMoney(123450, 'CHF', tillLocale('de-CH'), { display: 'none' })).toMatch(/^1['’]234\.50$/);
    expect(parse('1’234.50', tillLocale('de-CH'), 'CHF')).toEqual(ok(123450));
    expect(parse('1.234,50', tillLocale('de-CH'), 'CHF').ok).toBe(false);
    expect(formatMoney(123450, 'EUR', tillLocale('de-DE'), { display: 'none' })).toBe('1.234,50');
    expect(parse('1.234,50', tillLocale('de-DE'), 'EUR')).toEqual(ok(123450));
  });

  it('fr-CH and en-IN keep their own separators with English messages', () => {
    expect(formatMoney(123450, 'CHF', tillLocale('fr-CH'))).toMatch(/^1.234\.50\u00a0CHF$/);
    expect(parse('1 234.50', tillLocale('fr-CH'), 'CHF')).toEqual(ok(123450));
    expect(formatMoney(12345678, 'INR', tillLocale('en-IN'))).toBe('₹1,23,456.78');
    expect(parse('1,23,456.78', tillLocale('en-IN'), 'INR')).toEqual(ok(12345678));
  });
});

describe('unit words and signs a cashier in Japan, China or Taiwan types', () => {
  reads('takes the store currency’s own word or sign, before or after', [
    ['1980円', 'ja-JP', 'JPY', ok(1980)],
    ['1,980 円', 'ja-JP', 'JPY', ok(1980)],
    ['¥1,980', 'ja-JP', 'JPY', ok(1980)],
    ['1980元', 'zh-CN', 'CNY', ok(198000)],
    ['人民币100', 'zh-CN', 'CNY', ok(10000)],
    ['¥1,980', 'zh-CN', 'CNY', ok(198000)],
    ['NT$100', 'zh-CN', 'TWD', ok(10000)],
    ['NT$100', 'zh-TW', 'TWD', ok(10000)],
    ['100元', 'zh-TW', 'TWD', ok(10000)],
    // zh-CN and en-CA show yen as JP¥: the store's own sign, never "¥ is not JPY".
    ['JP¥1980', 'ja-JP', 'JPY', ok(1980)],
    ['CN¥100', 'en-US', 'CNY', ok(10000)],
  ]);

  reads('refuses another currency’s sign or word as the wrong currency, naming what was typed', [
    ['1980元', 'ja-JP', 'JPY', like({ ok: false, code: 'wrong-currency', sign: '元' })],
    ['人民币100', 'ja-JP', 'JPY', like({ ok: false, code: 'wrong-currency', sign: '人民币' })],
    ['1980円', 'zh-CN', 'CNY', like({ ok: false, code: 'wrong-currency', sign: '円' })],
    ['NT$100', 'zh-CN', 'CNY', like({ ok: false, code: 'wrong-currency', sign: 'NT$' })],
    ['€5', 'en-US', 'USD', like({ ok: false, code: 'wrong-currency', sign: '€' })],
    // The store's own 元 ends 港元 too: the longer word of another currency is what was typed.
    ['100港元', 'zh-CN', 'CNY', like({ ok: false, code: 'wrong-currency', sign: '港元' })],
    ['100港元', 'zh-TW', 'TWD', like({ ok: false, code: 'wrong-currency', sign: '港元' })],
    ['CN¥100', 'ja-JP', 'JPY', like({ ok: false, code: 'wrong-currency', sign: 'CN¥' })],
    ['JP¥100', 'zh-CN', 'CNY', like({ ok: false, code: 'wrong-currency', sign: 'JP¥' })],
  ]);

  reads('refuses the sign typed twice', [
    ['¥¥1980', 'ja-JP', 'JPY', refused('repeated-sign')],
    ['¥1980円', 'ja-JP', 'JPY', refused('repeated-sign')],
    ['1980元元', 'zh-CN', 'CNY', refused('repeated-sign')],
    ['$5$', 'en-US', 'USD', refused('repeated-sign')],
  ]);
});
