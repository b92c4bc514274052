import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { testRow } from '../../../shared/journal/testing/test-row.ts';
import type { Ctx } from './context.ts';
import { clockTime, duplicateOutcome } from './outcome.ts';

describe('clockTime', () => {
  it('gives the clock for today and the ISO date before it otherwise (local time)', () => {
    const now = new Date(2026, 10, 25, 15, 0).getTime();
    expect(clockTime(new Date(2026, 10, 25, 9, 5).getTime(), now)).toBe('09:05');
    expect(clockTime(new Date(2026, 10, 24, 23, 59).getTime(), now)).toBe('2026-11-24 23:59');
    expect(clockTime(new Date(2025, 0, 2, 14, 2).getTime(), now)).toBe('2025-01-02 14:02');
  });
});

// duplicateOutcome reads only the clock and the id scope of the context.
const ctx = { now: () => 1_700_000_100_000, txnIdScope: 'forever', businessDate: () => '2023-11-14' } as unknown as Ctx;

describe('a re-entered sale with another total, told to a German or Chinese cashier', () => {
  // The cashier typed sale 1001 again with 24,99 instead of 19,99: the earlier entry counts.
  const outcome = duplicateOutcome(ctx, testRow(), ['amount', 'saleTotal']);

  it('names the differing fields in the cashier’s language, not as the journal’s column names', () => {
    for (const language of ['de', 'zh-CN', 'es']) {
      const text = createTranslator(language).text(outcome.localized);
      expect(text, language).not.toMatch(/saleTotal|amount/);
    }
    expect(createTranslator('de').text(outcome.localized)).toContain('(Punkte, Verkaufssumme)');
    expect(createTranslator('zh-CN').text(outcome.localized)).toContain('（积分、销售总额）');
  });

  it('keeps the column names in the English message for the logs, and lumps internal columns as other details', () => {
    expect(outcome.message).toContain('(amount, saleTotal)');
    const internal = duplicateOutcome(ctx, testRow(), ['token', 'memberId']);
    expect(createTranslator('en').text(internal.localized)).toContain('The earlier entry differs (member, other details)');
  });
});
