import { describe, expect, it } from 'vitest';
import { resolveReasonProblem, rowTotals } from './detail-model.ts';

describe('resolveReasonProblem', () => {
  it('wants at least 5 characters that are not spaces at the ends', () => {
    expect(resolveReasonProblem('ok')).toMatch(/at least 5/);
    expect(resolveReasonProblem('   abcd   ')).toMatch(/at least 5/);
    expect(resolveReasonProblem('Checked the ledger: not applied, customer paid cash.')).toBeNull();
    expect(resolveReasonProblem('x'.repeat(1001))).toMatch(/at most/);
  });
});

describe('rowTotals', () => {
  it('shows the store currency’s own decimals: none for JPY, three for KWD', () => {
    expect(rowTotals({ saleTotal: 1980, returnTotal: null }, 'JPY', 'ja-JP')).toEqual({ sale: '1,980', returned: null });
    expect(rowTotals({ saleTotal: 1234500, returnTotal: 500 }, 'KWD', 'en-US')).toEqual({ sale: '1,234.500', returned: '0.500' });
    expect(rowTotals({ saleTotal: 1999, returnTotal: 1999 }, 'EUR', 'de-DE')).toEqual({ sale: '19,99', returned: '19,99' });
  });
});
