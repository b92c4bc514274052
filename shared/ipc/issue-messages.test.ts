/** Field problems from the real schemas carry a catalogue id and values beside zod's English. */
import { describe, expect, it } from 'vitest';
import { earnRuleSchema } from '../earn/earn-rule.ts';
import { issuesOf } from './envelope.ts';
import { businessDateSchema, moneyInputSchema, tillInvokeContract } from './schemas/till.ts';
import { settingsPatchSchema } from './schemas/settings.ts';
import type { z } from 'zod';

function ids(schema: z.ZodType, input: unknown): (string | undefined)[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return issuesOf(parsed.error).map((i) => i.messageId);
}

const adjust = tillInvokeContract.adjustmentSubmit.request;
const good = { memberId: 'mb_1', points: 5, reasonCode: 'GOODWILL', note: 'a real reason', ref: 'form-0001-abcdef' };

describe('validation issues for people', () => {
  it('the schemas’ own wordings map to their sentences', () => {
    expect(ids(adjust, { ...good, points: 0 })).toEqual(['issue.pointsZero']);
    expect(ids(adjust, { ...good, note: 'abc' })).toEqual(['issue.noteShort']);
    expect(ids(adjust, { ...good, memberId: 'bad id' })).toEqual(['issue.idChars']);
    expect(ids(adjust, { ...good, ref: 'short' })).toEqual(['issue.idChars']);
    expect(ids(adjust, { ...good, extra: 1 })).toEqual(['issue.unexpectedField']);
    expect(ids(moneyInputSchema, ' ')).toEqual(['issue.amountEmpty']);
    expect(ids(moneyInputSchema, '1'.repeat(21))).toEqual(['issue.amountTooLong']);
    expect(ids(businessDateSchema, '2026-02-30')).toEqual(['issue.businessDate']);
    expect(ids(earnRuleSchema, { pointsPerUnit: 1.23456, rounding: 'floor', applyTierMultiplier: false })).toEqual(['issue.perUnitDecimals']);
    expect(ids(settingsPatchSchema, { posLink: { receiptCodePattern: '(?<txn>\\d+)' } })).toEqual(['issue.pattern']);
  });

  it('zod’s stock problems map by their code, with the limit as a value', () => {
    const parsed = adjust.safeParse({ ...good, note: 'x'.repeat(501) });
    if (parsed.success) throw new Error('expected a refusal');
    expect(issuesOf(parsed.error)[0]).toMatchObject({ messageId: 'issue.tooLong', values: { max: 500 } });
  });
});
