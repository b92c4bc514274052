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

describe('money entry: refused', () => {
  it('a currency symbol written twice ("$-$5", "$5$") is refused, not read as 5', () => {
    expect(parse('$5$', 'en-US', 'USD')).toEqual(refused('repeated-sign'));
    expect(parse('$-$5', 'en-US', 'USD', true)).toEqual(refused('repeated-sign'));
    expect(parse('USD 5 $', 'en-US', 'USD')).toEqual(refused('repeated-sign'));
    expect(parse('€5€', 'de-DE', 'EUR')).toEqual(refused('repeated-sign'));
    expect(parse('--5', 'en-US', 'USD', true)).toEqual(refused('not-a-number'));
    // Once, before or after, with the sign either side, still reads.
    expect(parse('-$5', 'en-US', 'USD', true)).toEqual(ok(-500));
    expect(parse('$-5', 'en-US', 'USD', true)).toEqual(ok(-500));
    expect(parse('-5 €', 'de-DE', 'EUR', true)).toEqual(ok(-500));
  });

  it('the locale’s thousands mark out of place ("1,25" in en-US, "1.25" in de-DE) is refused as ambiguous', () => {
    expect(parse('1,25', 'en-US', 'USD')).toEqual(refused('ambiguous-separator'));
    expect(parse('12,5', 'en-US', 'USD')).toEqual(refused('ambiguous-separator'));
    expect(parse('1,2345', 'en-US', 'USD')).toEqual(refused('ambiguous-separator'));
    expect(parse('19,', 'en-US', 'USD')).toEqual(refused('ambiguous-separator'));
    expect(parse('1,25', 'en-IN', 'INR')).toEqual(refused('ambiguous-separator'));
    expect(parse('1,250', 'en-US', 'USD')).toEqual(ok(125000));
    expect(parse('1.25', 'en-US', 'USD')).toEqual(ok(125));
    expect(parse('19.', 'en-US', 'USD')).toEqual(ok(1900));
    // The same rule the other way round where the dot groups thousands.
    expect(parse('1.25', 'de-DE', 'EUR')).toEqual(refused('ambiguous-separator'));
    expect(parse('12.5', 'de-DE', 'EUR')).toEqual(refused('ambiguous-separator'));
    expect(parse('19.', 'de-DE', 'EUR')).toEqual(refused('ambiguous-separator'));
    expect(parse('1.25', 'es-ES', 'EUR')).toEqual(refused('ambiguous-separator'));
    expect(parse('1.250', 'de-DE', 'EUR')).toEqual(ok(125000));
    expect(parse('1,25', 'de-DE', 'EUR')).toEqual(ok(125));
    expect(parse('19,', 'de-DE', 'EUR')).toEqual(ok(1900));
    // Where neither '.' nor ',' is the thousands mark, either is a decimal mark (Swiss tills).
    expect(parse('1,25', 'de-CH', 'CHF')).toEqual(ok(125));
    expect(parse('1.25', 'fr-CH', 'CHF')).toEqual(ok(125));
  });

  it('digits from two scripts in one amount ("1٢3") are refused', () => {
    expect(parse('1٢3', 'ar-EG', 'EGP')).toMatchObject({ ok: false, code: 'not-a-number' });
    expect(parse('١٢3٫٤٥', 'ar-EG', 'EGP')).toMatchObject({ ok: false, code: 'not-a-number' });
    expect(parse('1२3', 'mr-IN', 'INR')).toMatchObject({ ok: false, code: 'not-a-number' });
    expect(parse('1٢3', 'en-US', 'USD')).toMatchObject({ ok: false, code: 'not-a-number' });
    // One script at a time reads, the locale's own or Latin.
    expect(parse('١٢٣', 'ar-EG', 'EGP')).toEqual(ok(12300));
    expect(parse('123', 'ar-EG', 'EGP')).toEqual(ok(12300));
  });

  it('the ambiguous and the over-precise are refused', () => {
    expect(parse('1.234', 'en-US', 'USD')).toMatchObject({ ok: false, code: 'ambiguous-separator' });
    expect(parse('1,234', 'de-DE', 'EUR')).toMatchObject({ ok: false, code: 'ambiguous-separator' });
    expect(parse('1.234', 'en-US', 'JPY')).toMatchObject({ ok: false, code: 'ambiguous-separator' });
    expect(parse('1,234', 'ar-KW', 'KWD')).toMatchObject({ ok: false, code: 'ambiguous-separator' });
    expect(parse('19.9', 'ja-JP', 'JPY')).toMatchObject({ ok: false, code: 'too-many-decimals' });
    expect(parse('1.2345', 'ar-KW', 'KWD')).toMatchObject({ ok: false, code: 'too-many-decimals' });
    expect(parse('1,234.5', 'de-DE', 'EUR')).toMatchObject({ ok: false, code: 'mixed-separators' });
    for (const v of ['+5', '1e3', '0x10', 'Infinity', '5-', '--5', '.5', '9999999999999999', '5 5']) expect(parse(v, 'en-US', 'USD').ok, v).toBe(false);
    expect(parse('-5', 'en-US', 'USD')).toMatchObject({ ok: false, code: 'negative' });
    expect(parse('１２３．４５', 'en-US', 'USD')).toEqual({ ok: true, minor: 12345 });
    expect(parse('١٢٣٫٤٥', 'ar-EG', 'EGP')).toEqual({ ok: true, minor: 12345 });
  });
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
    expect(parse('1,23,456.78', 'en-IN', 'INR')).toEqual(ok(12345678));
    expect(parse('₹1,23,45,678', 'en-IN', 'INR')).toEqual(ok(1234567800));
    expect(parse('12,34,56.78', 'en-IN', 'INR')).toEqual(refused('misplaced-separator'));
    expect(parse('1,2,3456.78', 'en-IN', 'INR')).toEqual(refused('misplaced-separator'));
  });
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
