import { describe, expect, it } from 'vitest';
import { formatAmount } from '../money.ts';
import { resolveFormatLocale, resolveLocale } from './locales.ts';
import { createTranslator } from './translator.ts';

describe('review #14: a Kuwaiti till on English (OS ar-KW, no Arabic catalogue)', () => {
  it('writes every number on the screen in one set of digits', () => {
    const tr = createTranslator(resolveLocale(null, 'ar-KW'), resolveFormatLocale(null, 'ar-KW'));
    // The confirmation sentence counts with ICU (in the message's locale) …
    const sentence = tr.t('write.outcome.confirmedBalance', { kind: 'award', points: 1234, balance: 5678 });
    // … the sale total beside it with the formatting locale.
    const total = formatAmount(1_234_500, 'KWD', tr.locale);
    const arabicIndic = /[\u0660-\u0669]/;
    expect(arabicIndic.test(sentence)).toBe(arabicIndic.test(total));
  });

  it('a Swiss-French till on English does not write 5,678 points beside 1 234,50 francs', () => {
    // In fr-CH the comma is the decimal mark: "5,678" reads as five and a bit.
    const tr = createTranslator(resolveLocale(null, 'fr-CH'), resolveFormatLocale(null, 'fr-CH'));
    expect(formatAmount(123_450, 'CHF', tr.locale)).toMatch(/,50$/);
    const sentence = tr.t('write.outcome.confirmedBalance', { kind: 'award', points: 12, balance: 5678 });
    expect(sentence).not.toContain('5,678');
  });
});
