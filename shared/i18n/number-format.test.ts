import { describe, expect, it } from 'vitest';
import { formatCount, numberFormat } from './number-format.ts';

describe('number formats', () => {
  it('makes one formatter per locale and options', () => {
    expect(numberFormat('de', { maximumFractionDigits: 2 })).toBe(numberFormat('de', { maximumFractionDigits: 2 }));
    expect(numberFormat('de', { maximumFractionDigits: 2 })).not.toBe(numberFormat('en', { maximumFractionDigits: 2 }));
    expect(numberFormat('de', { maximumFractionDigits: 2 }).format(1.255)).toBe('1,26');
  });

  it('counts in whole numbers with the locale grouping', () => {
    expect(formatCount(4950.4, 'en')).toBe('4,950');
    expect(formatCount(4950, 'de')).toBe('4.950');
    expect(formatCount(-12, 'en')).toBe('-12');
  });
});
