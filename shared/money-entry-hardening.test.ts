/**
 * Money entry against hostile or slipped input: what a cashier types either means one amount or
 * is refused with a sentence; and whatever the till prints, it reads back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from './money.ts';
import type { MoneyErrorCode } from './money.ts';

const parse = (v: string, locale: string, currency: string, allowNegative = false) => parseMoney(v, { locale, currency, allowNegative });
const ok = (minor: number) => ({ ok: true, minor });
const refused = (code: MoneyErrorCode): unknown => expect.objectContaining({ ok: false, code, message: expect.stringMatching(/^The amount .+\.$/) as unknown });
const like = (shape: object): unknown => expect.objectContaining(shape);
/** A typed amount, where and in what it is typed, what it must read as, and whether a sign is allowed. */
type Row = [text: string, locale: string, currency: string, want: unknown, allowNegative?: boolean];
/** One test per typed amount, so a failure names the input. */
const reads = (title: string, rows: Row[]) =>
  it.each(rows)(`${title}: %s (%s, %s)`, (text, locale, currency, want, allowNegative = false) => {
    expect(parse(text, locale, currency, allowNegative)).toEqual(want);
  });

describe('money entry: refused', () => {
  reads('a currency symbol written twice ("$-$5", "$5$") is refused, not read as 5', [
    ['$5$', 'en-US', 'USD', refused('repeated-sign')],
    ['$-$5', 'en-US', 'USD', refused('repeated-sign'), true],
    ['USD 5 $', 'en-US', 'USD', refused('repeated-sign')],
    ['€5€', 'de-DE', 'EUR', refused('repeated-sign')],
    ['--5', 'en-US', 'USD', refused('not-a-number'), true],
    // Once, before or after, with the sign either side, still reads.
    ['-$5', 'en-US', 'USD', ok(-500), true],
    ['$-5', 'en-US', 'USD', ok(-500), true],
    ['-5 €', 'de-DE', 'EUR', ok(-500), true],
  ]);

  reads('the locale’s thousands mark out of place ("1,25" in en-US, "1.25" in de-DE) is refused as ambiguous', [
    ['1,25', 'en-US', 'USD', refused('ambiguous-separator')],
    ['12,5', 'en-US', 'USD', refused('ambiguous-separator')],
    ['1,2345', 'en-US', 'USD', refused('ambiguous-separator')],
    ['19,', 'en-US', 'USD', refused('ambiguous-separator')],
    ['1,25', 'en-IN', 'INR', refused('ambiguous-separator')],
    ['1,250', 'en-US', 'USD', ok(125000)],
    ['1.25', 'en-US', 'USD', ok(125)],
    ['19.', 'en-US', 'USD', ok(1900)],
    // The same rule the other way round where the dot groups thousands.
    ['1.25', 'de-DE', 'EUR', refused('ambiguous-separator')],
    ['12.5', 'de-DE', 'EUR', refused('ambiguous-separator')],
    ['19.', 'de-DE', 'EUR', refused('ambiguous-separator')],
    ['1.25', 'es-ES', 'EUR', refused('ambiguous-separator')],
    ['1.250', 'de-DE', 'EUR', ok(125000)],
    ['1,25', 'de-DE', 'EUR', ok(125)],
    ['19,', 'de-DE', 'EUR', ok(1900)],
    // Where neither '.' nor ',' is the thousands mark, either is a decimal mark (Swiss tills).
    ['1,25', 'de-CH', 'CHF', ok(125)],
    ['1.25', 'fr-CH', 'CHF', ok(125)],
  ]);

  reads('digits from two scripts in one amount ("1٢3") are refused', [
    ['1٢3', 'ar-EG', 'EGP', like({ ok: false, code: 'not-a-number' })],
    ['١٢3٫٤٥', 'ar-EG', 'EGP', like({ ok: false, code: 'not-a-number' })],
    ['1२3', 'mr-IN', 'INR', like({ ok: false, code: 'not-a-number' })],
    ['1٢3', 'en-US', 'USD', like({ ok: false, code: 'not-a-number' })],
    // One script at a time reads, the locale's own or Latin.
    ['١٢٣', 'ar-EG', 'EGP', ok(12300)],
    ['123', 'ar-EG', 'EGP', ok(12300)],
  ]);

  it('the ambiguous and the over-precise are refused', () => {
    for (const v of ['+5', '1e3', '0x10', 'Infinity', '5-', '--5', '.5', '9999999999999999', '5 5']) expect(parse(v, 'en-US', 'USD').ok, v).toBe(false);
  });

  reads('the ambiguous and the over-precise are refused', [
    ['1.234', 'en-US', 'USD', like({ ok: false, code: 'ambiguous-separator' })],
    ['1,234', 'de-DE', 'EUR', like({ ok: false, code: 'ambiguous-separator' })],
    ['1.234', 'en-US', 'JPY', like({ ok: false, code: 'ambiguous-separator' })],
    ['1,234', 'ar-KW', 'KWD', like({ ok: false, code: 'ambiguous-separator' })],
    ['19.9', 'ja-JP', 'JPY', like({ ok: false, code: 'too-many-decimals' })],
    ['1.2345', 'ar-KW', 'KWD', like({ ok: false, code: 'too-many-decimals' })],
    ['1,234.5', 'de-DE', 'EUR', like({ ok: false, code: 'mixed-separators' })],
    ['-5', 'en-US', 'USD', like({ ok: false, code: 'negative' })],
    ['１２３．４５', 'en-US', 'USD', { ok: true, minor: 12345 }],
    ['١٢٣٫٤٥', 'ar-EG', 'EGP', { ok: true, minor: 12345 }],
  ]);
});

describe('money entry: Indian grouping', () => {
  it('format → parse round-trips for a foreign currency in an Indian-grouping locale (mr-IN, AED)', () => {
    for (const minor of [100000000, 123456700]) {
      const shown = formatMoney(minor, 'AED', 'mr-IN');
      expect(parse(shown, 'mr-IN', 'AED'), shown).toEqual({ ok: true, minor });
      const plain = formatMoney(minor, 'AED', 'mr-IN', { display: 'none' });
      expect(parse(plain, 'mr-IN', 'AED'), plain).toEqual({ ok: true, minor });
    }
  });

  it('reads lakhs and crores the way en-IN writes rupees', () => {
    expect(formatMoney(12345678, 'INR', 'en-IN')).toBe('₹1,23,456.78');
  });

  reads('reads lakhs and crores the way en-IN writes rupees', [
    ['1,23,456.78', 'en-IN', 'INR', ok(12345678)],
    ['₹1,23,45,678', 'en-IN', 'INR', ok(1234567800)],
    ['12,34,56.78', 'en-IN', 'INR', refused('misplaced-separator')],
    ['1,2,3456.78', 'en-IN', 'INR', refused('misplaced-separator')],
  ]);
});

describe('money entry: format → parse round-trips across locales', () => {
  const locales = ['en-US', 'en-IN', 'mr-IN', 'hi-IN', 'ar-EG', 'ar-KW', 'fr-CH', 'de-CH', 'de-DE', 'es-ES', 'ja-JP', 'zh-CN'];
  const currencies = ['JPY', 'KWD', 'EUR', 'USD', 'INR', 'AED'];

  it('any amount, any of those currencies, any of those locales, with or without the symbol', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...locales),
        fc.constantFrom(...currencies),
        fc.oneof(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: -10_000_000, max: 10_000_000 })),
        fc.constantFrom('symbol' as const, 'none' as const),
        (locale, currency, minor, display) => {
          const shown = formatMoney(minor, currency, locale, { display });
          expect(parseMoney(shown, { currency, locale, allowNegative: true }), `${locale} ${currency} ${shown}`).toEqual(ok(minor));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
