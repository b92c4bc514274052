import { describe, expect, it } from 'vitest';
import { parseMoney } from './money.ts';

const parse = (text: string, locale: string, currency: string) => parseMoney(text, { locale, currency });

describe('review #14: a Kuwaiti till typing dinars in Latin digits', () => {
  it('reads the everyday three-decimal price 1.500 KWD, not “two readings”', () => {
    // Kuwaiti receipts and price tags write dinars with a dot and three decimals; a dot is never a
    // thousands mark there, and KWD has exactly three decimals.
    expect(parse('1.500', 'ar-KW', 'KWD')).toEqual({ ok: true, minor: 1500 });
    expect(parse('KWD 12.750', 'ar-KW', 'KWD')).toEqual({ ok: true, minor: 12750 });
  });

  it('reads 1,234.500 (Latin digits, comma thousands, dot decimal) as 1234.500 KWD', () => {
    expect(parse('1,234.500', 'ar-KW', 'KWD')).toEqual({ ok: true, minor: 1234500 });
  });
});

describe('review #14: ¥ is the yen sign too', () => {
  it('JP¥ in a yen store is the store’s own currency, never “¥ is not JPY”', () => {
    // zh-CN and en-CA show yen as JP¥; a ja-JP cashier copying that must not be told ¥ is foreign.
    const r = parse('JP¥1980', 'ja-JP', 'JPY');
    expect(r.ok ? null : r.sign).not.toBe('¥');
    expect(r).toEqual({ ok: true, minor: 1980 });
  });
});

describe('review #14: Hong Kong dollars typed in a yuan store', () => {
  it('100港元 is refused as another currency (港元), not as “not a number”', () => {
    expect(parse('100港元', 'zh-CN', 'CNY')).toMatchObject({ ok: false, code: 'wrong-currency', sign: '港元' });
  });
});

describe('review #14: a Swiss till writes francs as Fr.', () => {
  it('Fr. 19.95 and 19.95 Fr. are 19.95 CHF in de-CH', () => {
    expect(parse('Fr. 19.95', 'de-CH', 'CHF')).toEqual({ ok: true, minor: 1995 });
    expect(parse('19.95 Fr.', 'de-CH', 'CHF')).toEqual({ ok: true, minor: 1995 });
  });
});
