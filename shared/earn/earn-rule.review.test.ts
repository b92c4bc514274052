import { describe, expect, it } from 'vitest';
import { parseSaleAmount } from './earn-rule.ts';

describe('review #14: the sale-total ceiling in a yen or won store', () => {
  it('a ¥1,500,000 sale (about US$10,000) is a sale, like a $10,000 one in a dollar store', () => {
    // The ceiling is SALE_TOTAL_MAX whole units of any currency: $1,000,000 but only ¥1,000,000.
    expect(parseSaleAmount('10000.00', 'sale total', 'USD')).toEqual({ ok: true, minor: 1_000_000 });
    expect(parseSaleAmount('1500000', 'sale total', 'JPY')).toEqual({ ok: true, minor: 1_500_000 });
  });

  it('a ₩2,000,000 sale (about US$1,400) is a sale', () => {
    expect(parseSaleAmount('2000000', 'sale total', 'KRW')).toEqual({ ok: true, minor: 2_000_000 });
  });
});
