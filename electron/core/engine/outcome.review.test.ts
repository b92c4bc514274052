import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { testRow } from '../../../shared/journal/testing/test-row.ts';
import type { Ctx } from './context.ts';
import { duplicateOutcome } from './outcome.ts';

// duplicateOutcome reads only the clock and the id scope of the context.
const ctx = { now: () => 1_700_000_100_000, txnIdScope: 'forever', businessDate: () => '2023-11-14' } as unknown as Ctx;

describe('review #14: a re-entered sale with another total, told to a German or Chinese cashier', () => {
  it('names the differing fields in the cashier’s language, not as the journal’s column names', () => {
    // The cashier typed sale 1001 again with 24,99 instead of 19,99: the earlier entry counts.
    const outcome = duplicateOutcome(ctx, testRow(), ['amount', 'saleTotal']);
    for (const language of ['de', 'zh-CN', 'es']) {
      const text = createTranslator(language).text(outcome.localized);
      expect(text, language).not.toMatch(/saleTotal|amount/);
    }
  });
});
