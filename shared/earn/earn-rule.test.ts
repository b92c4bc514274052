import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMoneyMachine } from '../money.ts';
import { createTranslator } from '../i18n/translator.ts';
import { earnRuleSchema, parseSaleAmount, SALE_TOTAL_MAX_MINOR, previewPoints, proportionalClawback, type EarnRule } from './earn-rule.ts';

const rule = (over: Partial<EarnRule> = {}): EarnRule => ({ pointsPerUnit: 10, rounding: 'floor', applyTierMultiplier: false, ...over });

describe('previewPoints', () => {
  it('uses exact cents: 19.99 × 10 points/unit is 199.9, floored to 199', () => {
    expect(19.99 * 10).not.toBe(199.9); // the float drift this module exists to avoid
    expect(previewPoints({ saleTotal: 19.99, rule: rule() })).toEqual({
      ok: true,
      points: 199,
      breakdown: { base: 199.9, multiplier: 1, beforeRounding: 199.9, tierApplied: false },
    });
    expect(previewPoints({ saleTotal: '19.99', rule: rule({ rounding: 'round' }) })).toMatchObject({ points: 200 });
    expect(previewPoints({ saleTotal: '19.99', rule: rule({ rounding: 'ceil' }) })).toMatchObject({ points: 200 });
  });

  it('does not let float noise decide the last point', () => {
    // 1.15 × 100 = 114.99999999999999 in floats; exact is 115.
    expect(previewPoints({ saleTotal: 1.15, rule: rule({ pointsPerUnit: 100 }) })).toMatchObject({ points: 115 });
    // 1.1 × 100 = 110.00000000000001 in floats, which ceil would make 111; exact is 110.
    expect(previewPoints({ saleTotal: '1.10', rule: rule({ pointsPerUnit: 100, rounding: 'ceil' }) })).toMatchObject({
      points: 110,
    });
    // A 1.1 multiplier on 10.00 × 1 is exactly 11.
    expect(
      previewPoints({ saleTotal: '10', rule: rule({ pointsPerUnit: 1, applyTierMultiplier: true, rounding: 'ceil' }), tierMultiplier: 1.1 }),
    ).toMatchObject({ points: 11, breakdown: { beforeRounding: 11, multiplier: 1.1, tierApplied: true } });
  });

  it('rounds half up', () => {
    expect(previewPoints({ saleTotal: '2.50', rule: rule({ pointsPerUnit: 1, rounding: 'round' }) })).toMatchObject({ points: 3 });
    expect(previewPoints({ saleTotal: '2.49', rule: rule({ pointsPerUnit: 1, rounding: 'round' }) })).toMatchObject({ points: 2 });
  });

  it('applies the tier multiplier only when the rule says so, and says when it could not', () => {
    const r = rule({ pointsPerUnit: 2, applyTierMultiplier: true });
    expect(previewPoints({ saleTotal: '50.00', rule: r, tierMultiplier: 1.5 })).toMatchObject({
      points: 150,
      breakdown: { base: 100, multiplier: 1.5, beforeRounding: 150, tierApplied: true },
    });
    expect(previewPoints({ saleTotal: '50.00', rule: r })).toMatchObject({ points: 100, breakdown: { tierApplied: false } });
    expect(previewPoints({ saleTotal: '50.00', rule: rule({ pointsPerUnit: 2 }), tierMultiplier: 3 })).toMatchObject({
      points: 100,
      breakdown: { multiplier: 1 },
    });
  });

  it.each([
    [-1, /must not be negative/],
    ['-0.01', /must not be negative/],
    [Number.NaN, /plain number/],
    [Number.POSITIVE_INFINITY, /plain number/],
    ['19.999', /at most 2 decimal places/],
    [0.1 + 0.2, /at most 2 decimal places/],
    ['1e3', /plain number/],
    ['', /enter an amount/],
    ['12,50', /plain number/],
    ['100000000.01', /at most 100,000,000 USD/],
    [2e8, /at most 100,000,000 USD/],
  ])('rejects the sale total %j', (saleTotal, message) => {
    const r = previewPoints({ saleTotal, rule: rule() });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });

  it("counts whole units of the sale's currency: JPY has no decimals, KWD three", () => {
    const one = (rounding: EarnRule['rounding']) => rule({ pointsPerUnit: 1, rounding });
    expect(previewPoints({ saleTotal: '1980', rule: one('floor'), currency: 'JPY' })).toMatchObject({ ok: true, points: 1980 });
    expect(previewPoints({ saleTotal: '19.99', rule: one('floor'), currency: 'JPY' })).toMatchObject({ ok: false });
    expect(previewPoints({ saleTotal: '1.234', rule: one('floor'), currency: 'KWD' })).toMatchObject({ ok: true, points: 1 });
    expect(previewPoints({ saleTotal: '1.001', rule: one('ceil'), currency: 'KWD' })).toMatchObject({ ok: true, points: 2 });
    expect(previewPoints({ saleTotal: '1.234', rule: one('floor') })).toMatchObject({ ok: false }); // USD: two decimals at most
  });

  it("takes the returned share in the sale's currency", () => {
    expect(proportionalClawback({ awardedPoints: 1980, alreadyClawedBack: 0, saleTotal: '1980', returnedAmount: '990', rounding: 'floor', currency: 'JPY' })).toMatchObject({ ok: true, points: 990 });
    expect(proportionalClawback({ awardedPoints: 10, alreadyClawedBack: 0, saleTotal: '1.000', returnedAmount: '0.333', rounding: 'floor', currency: 'KWD' })).toMatchObject({ ok: true, points: 3 });
  });

  it('rejects a bad rule or multiplier, and an award past the API maximum', () => {
    expect(previewPoints({ saleTotal: 1, rule: rule({ pointsPerUnit: -1 }) })).toMatchObject({ ok: false });
    expect(previewPoints({ saleTotal: 1, rule: { ...rule(), rounding: 'banker' as 'floor' } })).toMatchObject({ ok: false });
    const tiered = rule({ applyTierMultiplier: true });
    for (const m of [0, -1, Number.NaN, 1000]) expect(previewPoints({ saleTotal: 1, rule: tiered, tierMultiplier: m })).toMatchObject({ ok: false });
    const big = previewPoints({ saleTotal: '1000000', rule: rule({ pointsPerUnit: 2 }) });
    expect(big).toMatchObject({ ok: false });
    expect(!big.ok && big.message).toMatch(/more than 1,000,000 points/);
  });

  it('accepts zero', () => {
    expect(previewPoints({ saleTotal: 0, rule: rule() })).toMatchObject({ ok: true, points: 0 });
  });
});

describe('earnRuleSchema', () => {
  it('validates settings', () => {
    expect(earnRuleSchema.safeParse(rule({ pointsPerUnit: 0.125 })).success).toBe(true);
    expect(earnRuleSchema.safeParse(rule({ pointsPerUnit: 0.12345 })).success).toBe(false);
    expect(earnRuleSchema.safeParse(rule({ pointsPerUnit: Number.POSITIVE_INFINITY })).success).toBe(false);
    expect(earnRuleSchema.safeParse({ ...rule(), extra: 1 }).success).toBe(false);
    expect(earnRuleSchema.safeParse({ pointsPerUnit: 1, rounding: 'floor' }).success).toBe(false);
  });
});

describe('proportionalClawback', () => {
  it('takes back the returned share, capped at what is still reversible', () => {
    const base = { awardedPoints: 120, saleTotal: '60.00', rounding: 'floor' as const };
    expect(proportionalClawback({ ...base, alreadyClawedBack: 0, returnedAmount: '20.00' })).toEqual({
      ok: true,
      points: 40,
      breakdown: { beforeRounding: 40, proportional: 40, remainingBefore: 120, remainingAfter: 80, capped: false },
    });
    expect(proportionalClawback({ ...base, alreadyClawedBack: 100, returnedAmount: '60.00' })).toMatchObject({
      points: 20,
      breakdown: { proportional: 120, capped: true, remainingAfter: 0 },
    });
    expect(proportionalClawback({ ...base, alreadyClawedBack: 130, returnedAmount: '1' })).toMatchObject({ points: 0 });
  });

  it('rounds with the given mode', () => {
    const base = { awardedPoints: 10, alreadyClawedBack: 0, saleTotal: '3.00', returnedAmount: '1.00' };
    expect(proportionalClawback({ ...base, rounding: 'floor' })).toMatchObject({ points: 3 });
    expect(proportionalClawback({ ...base, rounding: 'ceil' })).toMatchObject({ points: 4 });
    expect(proportionalClawback({ ...base, rounding: 'round' })).toMatchObject({ points: 3 });
  });

  it('rejects nonsense', () => {
    const base = { awardedPoints: 10, alreadyClawedBack: 0, saleTotal: '3.00', returnedAmount: '1.00', rounding: 'floor' as const };
    expect(proportionalClawback({ ...base, awardedPoints: 1.5 })).toMatchObject({ ok: false });
    expect(proportionalClawback({ ...base, alreadyClawedBack: -1 })).toMatchObject({ ok: false });
    expect(proportionalClawback({ ...base, returnedAmount: '3.01' })).toMatchObject({ ok: false });
    expect(proportionalClawback({ ...base, saleTotal: 0, returnedAmount: 0 })).toMatchObject({ ok: false });
    expect(proportionalClawback({ ...base, returnedAmount: -1 })).toMatchObject({ ok: false });
  });
});

describe('properties', () => {
  const cents = fc.integer({ min: 0, max: 100_000_00 });
  const toMoney = (c: number): string => formatMoneyMachine(c, 'USD');
  const ruleArb = fc.record({
    pointsPerUnit: fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000),
    rounding: fc.constantFrom('floor', 'round', 'ceil'),
    applyTierMultiplier: fc.boolean(),
  });

  it('matches an integer-only reference, and the string and number forms agree', () => {
    fc.assert(
      fc.property(cents, fc.integer({ min: 0, max: 1000 }), (c, ppu) => {
        const expected = Math.floor((c * ppu) / 100); // exact: integers below 2^53
        const asString = previewPoints({ saleTotal: toMoney(c), rule: rule({ pointsPerUnit: ppu }) });
        const asNumber = previewPoints({ saleTotal: Number(toMoney(c)), rule: rule({ pointsPerUnit: ppu }) });
        if (expected > 1_000_000) expect(asString.ok).toBe(false);
        else expect(asString).toMatchObject({ ok: true, points: expected });
        expect(asNumber).toEqual(asString);
      }),
    );
  });

  it('floor ≤ round ≤ ceil, within one point, and monotonic in the sale total', () => {
    fc.assert(
      fc.property(cents, cents, ruleArb, fc.integer({ min: 1, max: 500 }).map((n) => n / 100), (a, b, r, tier) => {
        const get = (c: number, rounding: EarnRule['rounding']): number | null => {
          const p = previewPoints({ saleTotal: toMoney(c), rule: { ...r, rounding }, tierMultiplier: tier });
          return p.ok ? p.points : null;
        };
        const [f, m, c] = [get(a, 'floor'), get(a, 'round'), get(a, 'ceil')];
        if (f === null || m === null || c === null) return;
        expect(f <= m && m <= c && c - f <= 1).toBe(true);
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const pl = get(lo, r.rounding);
        const ph = get(hi, r.rounding);
        if (pl !== null && ph !== null) expect(pl).toBeLessThanOrEqual(ph);
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer()), fc.anything(), (saleTotal, tier) => {
        const r = previewPoints({ saleTotal, rule: rule({ applyTierMultiplier: true }), tierMultiplier: tier as number });
        if (r.ok) expect(Number.isSafeInteger(r.points) && r.points >= 0).toBe(true);
      }),
    );
  });

  it('successive partial returns never take back more than was awarded; a full return takes back all', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000_00 }),
        fc.array(fc.integer({ min: 0, max: 10_000_00 }), { maxLength: 6 }),
        fc.constantFrom('floor', 'round', 'ceil'),
        (awarded, saleCents, returns, rounding) => {
          let clawed = 0;
          let returnedSoFar = 0;
          for (const rc of returns) {
            const amount = Math.min(rc, saleCents - returnedSoFar);
            returnedSoFar += amount;
            const r = proportionalClawback({
              awardedPoints: awarded,
              alreadyClawedBack: clawed,
              saleTotal: toMoney(saleCents),
              returnedAmount: toMoney(amount),
              rounding,
            });
            if (!r.ok) throw new Error(r.message);
            expect(r.points).toBeGreaterThanOrEqual(0);
            clawed += r.points;
            expect(clawed).toBeLessThanOrEqual(awarded);
          }
          const full = proportionalClawback({ awardedPoints: awarded, alreadyClawedBack: 0, saleTotal: toMoney(saleCents), returnedAmount: toMoney(saleCents), rounding });
          expect(full).toMatchObject({ ok: true, points: awarded });
        },
      ),
    );
  });
});

describe('parseSaleAmount', () => {
  it('converts to whole minor units', () => {
    expect(parseSaleAmount('19.9')).toEqual({ ok: true, minor: 1990 });
    expect(parseSaleAmount(' 7 ')).toEqual({ ok: true, minor: 700 });
    expect(parseSaleAmount(-0)).toEqual({ ok: true, minor: 0 });
    expect(parseSaleAmount({})).toMatchObject({ ok: false, code: 'not-a-number' });
  });

  it('caps the amount at SALE_TOTAL_MAX_MINOR minor units, whatever the currency', () => {
    expect(parseSaleAmount('100000000.00', 'sale total')).toEqual({ ok: true, minor: SALE_TOTAL_MAX_MINOR });
    expect(parseSaleAmount('100000000.01', 'sale total')).toMatchObject({ ok: false, code: 'too-large', message: 'The sale total must be at most 100,000,000 USD.' });
    expect(parseSaleAmount('10000000000', 'sale total', 'JPY')).toEqual({ ok: true, minor: SALE_TOTAL_MAX_MINOR });
    expect(parseSaleAmount('10000000001', 'sale total', 'JPY')).toMatchObject({ ok: false, code: 'too-large', message: 'The sale total must be at most 10,000,000,000 JPY.' });
    expect(parseSaleAmount('10000000.000', 'sale total', 'KWD')).toEqual({ ok: true, minor: SALE_TOTAL_MAX_MINOR });
    expect(parseSaleAmount('10000000.001', 'sale total', 'kwd')).toMatchObject({ ok: false, code: 'too-large', message: 'The sale total must be at most 10,000,000 KWD.' });
  });

  it('takes a large sale in a currency with a small unit like one in dollars (review #14)', () => {
    // A ceiling in whole units (1,000,000 of anything) refused ¥1,500,000 (about US$10,000) and ₩2,000,000.
    expect(parseSaleAmount('10000.00', 'sale total', 'USD')).toEqual({ ok: true, minor: 1_000_000 });
    expect(parseSaleAmount('1500000', 'sale total', 'JPY')).toEqual({ ok: true, minor: 1_500_000 });
    expect(parseSaleAmount('2000000', 'sale total', 'KRW')).toEqual({ ok: true, minor: 2_000_000 });
    expect(parseSaleAmount('250000000', 'sale total', 'VND')).toEqual({ ok: true, minor: 250_000_000 });
  });

  it('says the limit to people through the catalogue, in their own number format and the currency', () => {
    const r = parseSaleAmount('100000000.01', 'sale total');
    expect(r).toMatchObject({ ok: false, localized: { messageId: 'earn.saleTooLarge', values: { what: 'saleTotal', max: 100_000_000, currency: 'USD' } } });
    if (r.ok || r.localized === undefined) throw new Error('expected a localized refusal');
    expect(createTranslator('de', 'de-DE').text(r.localized)).toBe('Der Verkaufsbetrag darf höchstens 100.000.000 USD sein.');
    expect(createTranslator('es', 'es-MX').text(r.localized)).toBe('El total de la venta debe ser como máximo 100,000,000 USD.');
  });
});

describe('previewPoints refusals for people', () => {
  it('come with a catalogue id, not only English', () => {
    const r = previewPoints({ saleTotal: '19.99', rule: { pointsPerUnit: 20_000, rounding: 'floor', applyTierMultiplier: false } });
    expect(r).toMatchObject({ ok: false, localized: { messageId: 'earn.ruleInvalid', values: { max: 10_000 } } });
    if (r.ok || r.localized === undefined) throw new Error('expected a localized refusal');
    expect(createTranslator('de', 'de-DE').text(r.localized)).toContain('10.000');
    const big = previewPoints({ saleTotal: '1000000', rule: { pointsPerUnit: 10_000, rounding: 'floor', applyTierMultiplier: false } });
    expect(big).toMatchObject({ ok: false, localized: { messageId: 'earn.tooManyPoints' } });
  });
});
