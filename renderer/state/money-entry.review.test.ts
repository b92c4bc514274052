import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../shared/i18n/translator.ts';
import { readAmount } from './money-entry.ts';

describe('review #14: a Japanese electronics store types a large sale', () => {
  it('¥1,500,000 (about US$10,000) is taken, not “must be at most ￥1,000,000”', () => {
    const ja = createTranslator('en', 'ja-JP').t;
    expect(readAmount('¥1,500,000', 'saleTotal', { currency: 'JPY', locale: 'ja-JP' }, ja)).toEqual({ ok: true, minor: 1_500_000, machine: '1500000' });
  });
});
