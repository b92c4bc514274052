import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../shared/i18n/translator.ts';
import { readAmount } from './money-entry.ts';

describe('readAmount: unit words in the cashier’s language', () => {
  const ja = { currency: 'JPY', locale: 'ja-JP' };
  const en = createTranslator('en').t;
  const zh = createTranslator('zh-CN', 'zh-CN').t;

  it('takes 1980円 and ¥1,980 in a yen store, 人民币100 in a yuan store', () => {
    expect(readAmount('1980円', 'saleTotal', ja, en)).toEqual({ ok: true, minor: 1980, machine: '1980' });
    expect(readAmount('¥1,980', 'saleTotal', ja, en)).toEqual({ ok: true, minor: 1980, machine: '1980' });
    expect(readAmount('人民币100', 'saleTotal', { currency: 'CNY', locale: 'zh-CN' }, zh)).toEqual({ ok: true, minor: 10000, machine: '100.00' });
  });

  it('says which sign is another currency’s, in the cashier’s language', () => {
    expect(readAmount('1980元', 'saleTotal', ja, en)).toEqual({ ok: false, code: 'wrong-currency', message: '“元” is not JPY. This till takes JPY only: type it like 123,450.' });
    const said = readAmount('NT$100', 'saleTotal', { currency: 'CNY', locale: 'zh-CN' }, zh);
    expect(said).toMatchObject({ ok: false, code: 'wrong-currency' });
    expect(said.ok ? '' : said.message).toContain('NT$');
    expect(said.ok ? '' : said.message).not.toMatch(/This till/);
  });

  it('says the sign was typed twice', () => {
    expect(readAmount('¥1980円', 'saleTotal', ja, en)).toEqual({ ok: false, code: 'repeated-sign', message: 'The currency sign is there twice. Type it once, or just the number, like 123,450.' });
  });
});

describe('readAmount: the sale-total ceiling in the store’s currency', () => {
  const ja = createTranslator('en', 'ja-JP').t;

  it('takes ¥1,500,000 (about US$10,000), not “must be at most ￥1,000,000” (review #14)', () => {
    expect(readAmount('¥1,500,000', 'saleTotal', { currency: 'JPY', locale: 'ja-JP' }, ja)).toEqual({ ok: true, minor: 1_500_000, machine: '1500000' });
  });

  it('refuses one yen over the ceiling and says the ceiling as yen', () => {
    expect(readAmount('¥10,000,000,001', 'saleTotal', { currency: 'JPY', locale: 'ja-JP' }, ja)).toEqual({
      ok: false,
      code: 'too-large',
      message: 'The amount must be at most ￥10,000,000,000.',
    });
  });
});
