import { describe, expect, it } from 'vitest';
import { createTranslator, englishText } from '../../../shared/i18n/translator.ts';
import { testRow } from '../../../shared/journal/testing/test-row.ts';
import { kindLabel, rowReference } from './row-text.ts';

describe('rowReference', () => {
  it('names what a manager searches by', () => {
    const t = englishText;
    expect(rowReference(testRow(), t)).toBe('Sale 1001');
    expect(rowReference(testRow({ kind: 'clawback', returnId: 'R7', posTxnId: '1001' }), t)).toBe('Return R7 of 1001');
    expect(rowReference(testRow({ kind: 'clawback', returnId: 'R7', posTxnId: null }), t)).toBe('Return R7');
    expect(rowReference(testRow({ kind: 'redeem', couponId: 'cp_9', linkedPosTxnId: '1001' }), t)).toBe('Coupon cp_9 · sale 1001');
    expect(rowReference(testRow({ kind: 'adjustment', reasonCode: 'GOODWILL' }), t)).toBe('Adjustment: GOODWILL');
    expect(rowReference(testRow({ kind: 'adjustment', note: 'Long wait' }), t)).toBe('Adjustment: Long wait');
    expect(rowReference(testRow({ kind: 'adjustment', reasonCode: null, note: null }), t)).toBe('Adjustment');
  });

  it('speaks the console language', () => {
    const de = createTranslator('de');
    expect(kindLabel('clawback', de.t)).not.toBe('Clawback');
    expect(rowReference(testRow({ kind: 'clawback', returnId: 'R7', posTxnId: '1001' }), de.t)).toContain('R7');
  });
});
