import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DedupKeyError, buildDedupKey, parseDedupKey } from './dedup-key.ts';
import { calendarDateAt, isBusinessDate } from '../time/business-day.ts';
import type { DedupKeyParts } from './dedup-key.ts';

describe('buildDedupKey', () => {
  it('builds the documented formats', () => {
    expect(buildDedupKey({ kind: 'award', storeId: 'st_nyc_01', posTxnId: '90871' })).toBe('award:st_nyc_01:90871');
    expect(buildDedupKey({ kind: 'award', storeId: 'st_nyc_01', posTxnId: '17', businessDate: '2026-11-25' })).toBe('award:st_nyc_01:2026-11-25:17');
    expect(buildDedupKey({ kind: 'clawback', storeId: 'st_1', posTxnId: '90871', returnId: 'R1' })).toBe('clawback:st_1:90871:R1');
    expect(buildDedupKey({ kind: 'clawback', storeId: 'st_1', posTxnId: '17', returnId: 'R1', businessDate: '2026-11-25' })).toBe('clawback:st_1:2026-11-25:17:R1');
    expect(buildDedupKey({ kind: 'redeem', couponId: 'cp_9' })).toBe('redeem:cp_9');
    expect(buildDedupKey({ kind: 'adjustment', storeId: 'st_1', tillId: 'T2', ref: '0b7c8d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e' })).toBe('adjust:st_1:T2:0b7c8d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e');
  });

  it('refuses parts that would make a key ambiguous or unreadable', () => {
    expect(() => buildDedupKey({ kind: 'award', storeId: 'st:1', posTxnId: '1' })).toThrow(DedupKeyError);
    expect(() => buildDedupKey({ kind: 'award', storeId: 'st 1', posTxnId: '1' })).toThrow(/storeId/);
    expect(() => buildDedupKey({ kind: 'redeem', couponId: '' })).toThrow(DedupKeyError);
    expect(() => buildDedupKey({ kind: 'redeem', couponId: 'x'.repeat(65) })).toThrow(DedupKeyError);
    expect(() => buildDedupKey({ kind: 'award', storeId: 's', posTxnId: '1', businessDate: '2026-02-30' })).toThrow(/businessDate/);
  });

  it('validates business dates as real calendar days', () => {
    expect(isBusinessDate('2028-02-29')).toBe(true);
    expect(isBusinessDate('2026-02-29')).toBe(false);
    expect(isBusinessDate('2026-1-05')).toBe(false);
  });

  const part = fc.stringMatching(/^[!-9;-~]{1,12}$/);
  const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => calendarDateAt(d.getTime(), 'UTC'));
  const parts: fc.Arbitrary<DedupKeyParts> = fc.oneof(
    fc.record({ kind: fc.constant('award' as const), storeId: part, posTxnId: part, businessDate: fc.option(date, { nil: undefined }) }),
    fc.record({ kind: fc.constant('clawback' as const), storeId: part, posTxnId: part, returnId: part, businessDate: fc.option(date, { nil: undefined }) }),
    fc.record({ kind: fc.constant('redeem' as const), couponId: part }),
    fc.record({ kind: fc.constant('adjustment' as const), storeId: part, tillId: part, ref: part }),
  );
  const normalise = (p: DedupKeyParts): DedupKeyParts =>
    Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as DedupKeyParts;

  it('round-trips through parseDedupKey (so distinct events never share a key)', () => {
    fc.assert(
      fc.property(parts, (p) => {
        expect(parseDedupKey(buildDedupKey(p))).toEqual(normalise(p));
      }),
      { numRuns: 1000 },
    );
  });

  it('is injective', () => {
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const same = JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
        return (buildDedupKey(a) === buildDedupKey(b)) === same;
      }),
      { numRuns: 1000 },
    );
  });

  it('parses nothing it would not build', () => {
    expect(parseDedupKey('award:st_1')).toBeNull();
    expect(parseDedupKey('award:st_1:2026-13-01:5')).toBeNull();
    expect(parseDedupKey('refund:st_1:5')).toBeNull();
    expect(parseDedupKey('redeem:cp 1')).toBeNull();
  });
});
