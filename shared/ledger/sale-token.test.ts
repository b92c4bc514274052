import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { descriptionMatches, formatDescription, parseDescription, SaleTokenError, type SaleToken } from './sale-token.ts';
import { calendarDateAt } from '../time/business-day.ts';

const value = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => calendarDateAt(d.getTime(), 'UTC'));
const token: fc.Arbitrary<SaleToken> = fc.oneof(
  fc.record({ kind: fc.constant('purchase' as const), storeId: value, tillId: value, posTxnId: value, businessDate: fc.option(date, { nil: undefined }) }),
  fc.record({ kind: fc.constant('return' as const), storeId: value, tillId: value, posTxnId: value, returnId: value, businessDate: fc.option(date, { nil: undefined }) }),
  fc.record({ kind: fc.constant('adjustment' as const), storeId: value, tillId: value, adjustmentRef: value, reasonCode: value, businessDate: fc.option(date, { nil: undefined }) }),
).map((t) => {
  const out: SaleToken = { ...t };
  if (out.businessDate === undefined) delete out.businessDate;
  return out;
});

describe('sale token', () => {
  it('formats the guide-style description', () => {
    expect(formatDescription({ kind: 'purchase', storeId: 'ST-NYC-01', tillId: 'T2', posTxnId: '90871' })).toBe(
      'In-store purchase · store ST-NYC-01 · till T2 · txn 90871',
    );
  });

  it('does not let txn 9087 match txn 90871', () => {
    const d = formatDescription({ kind: 'purchase', storeId: 'S1', tillId: 'T2', posTxnId: '90871' });
    expect(descriptionMatches(d, { kind: 'purchase', storeId: 'S1', tillId: 'T2', posTxnId: '9087' })).toBe(false);
    expect(descriptionMatches(d, { kind: 'purchase', storeId: 'S1', tillId: 'T2', posTxnId: '90871' })).toBe(true);
  });

  it('never mistakes a return for the sale it reverses, or another till for ours', () => {
    const sale: SaleToken = { kind: 'purchase', storeId: 'S1', tillId: 'T2', posTxnId: '42' };
    const ret = formatDescription({ kind: 'return', storeId: 'S1', tillId: 'T2', posTxnId: '42', returnId: 'R1' });
    expect(descriptionMatches(ret, sale)).toBe(false);
    expect(descriptionMatches(formatDescription({ ...sale, tillId: 'T3' }), sale)).toBe(false);
    expect(descriptionMatches(formatDescription({ ...sale, businessDate: '2026-11-25' }), sale)).toBe(false);
  });

  it('ignores look-alikes typed by people or other integrations', () => {
    const sale: SaleToken = { kind: 'purchase', storeId: 'S1', tillId: 'T2', posTxnId: '42' };
    for (const d of [
      'In-store purchase · store S1 · till T2 · txn 42 ',
      'in-store purchase · store S1 · till T2 · txn 42',
      'In-store purchase · store S1 · till T2 · txn 42 · txn 43',
      'In-store purchase · till T2 · store S1 · txn 42',
      'Refund of In-store purchase · store S1 · till T2 · txn 42',
      'In-store purchase · store S1 · till T2 · txn 42\u200b',
      'In-store purchase · store S1 · till T2 · txn ４２',
      'In-store purchase - store S1 - till T2 - txn 42',
    ]) {
      expect(descriptionMatches(d, sale), d).toBe(false);
    }
  });

  it('refuses values that could not be parsed back', () => {
    expect(() => formatDescription({ kind: 'purchase', storeId: 'S 1', tillId: 'T2', posTxnId: '1' })).toThrow(SaleTokenError);
    expect(() => formatDescription({ kind: 'purchase', storeId: 'S1', tillId: 'T2', posTxnId: 'a · txn 2' })).toThrow(SaleTokenError);
    expect(() => formatDescription({ kind: 'purchase', storeId: 'S1', tillId: 'T2', posTxnId: '1', businessDate: '25/11/2026' })).toThrow(SaleTokenError);
  });

  it('round-trips every token (property)', () => {
    fc.assert(
      fc.property(token, (t) => {
        const d = formatDescription(t);
        expect(d.length).toBeLessThanOrEqual(500);
        expect(parseDescription(d)).toEqual(t);
        expect(descriptionMatches(d, t)).toBe(true);
      }),
    );
  });

  it('matches only identical tokens (property)', () => {
    fc.assert(
      fc.property(token, token, (a, b) => {
        expect(descriptionMatches(formatDescription(a), b)).toBe(JSON.stringify(parseDescription(formatDescription(a))) === JSON.stringify(parseDescription(formatDescription(b))));
      }),
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 600 }), (s) => void parseDescription(s)));
  });
});
