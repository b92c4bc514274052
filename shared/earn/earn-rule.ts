/**
 * Points preview and proportional clawback, in exact arithmetic.
 *
 * Money is whole cents and every rate is an exact fraction (BigInt numerator/denominator taken
 * from the number's shortest decimal form), so 19.99 × 10 points/unit is 199.9, never
 * 199.89999999999998, and the rounding mode decides the last point, not float noise.
 */
import { z } from 'zod';
import { AMOUNT_MAX } from '../api/schemas.ts';

export const SALE_TOTAL_MAX = 1_000_000;
export const POINTS_PER_UNIT_MAX = 10_000;
export const TIER_MULTIPLIER_MAX = 100;

export const roundingMode = z.enum(['floor', 'round', 'ceil']);
export type RoundingMode = z.infer<typeof roundingMode>;

/** Settings validation for the earning rule; `round` means half-up. */
export const earnRuleSchema = z.strictObject({
  pointsPerUnit: z
    .number()
    .min(0, 'points per unit must not be negative')
    .max(POINTS_PER_UNIT_MAX, `points per unit must be at most ${POINTS_PER_UNIT_MAX}`)
    .refine((n) => decimalPlaces(n) <= 4, 'points per unit may have at most 4 decimal places'),
  rounding: roundingMode,
  applyTierMultiplier: z.boolean(),
});
export type EarnRule = z.infer<typeof earnRuleSchema>;

export interface PreviewInput {
  /** Currency units, e.g. "19.99" or 19.99; at most 2 decimals. */
  saleTotal: string | number;
  rule: EarnRule;
  /** The member's tier multiplier, if known; used only when the rule says so. */
  tierMultiplier?: number;
}

export type PreviewResult =
  | {
      ok: true;
      points: number;
      breakdown: {
        /** Points before the multiplier, unrounded. */
        base: number;
        multiplier: number;
        beforeRounding: number;
        /** False when the rule wants the tier multiplier but none was given, so ×1 was used. */
        tierApplied: boolean;
      };
    }
  | { ok: false; message: string };

export function previewPoints(input: PreviewInput): PreviewResult {
  const rule = earnRuleSchema.safeParse(input.rule);
  if (!rule.success) return { ok: false, message: `The earning rule is invalid: ${rule.error.issues[0]?.message ?? 'unknown problem'}.` };
  const cents = parseMoney(input.saleTotal, 'sale total');
  if (!cents.ok) return cents;

  const ppu = toFraction(rule.data.pointsPerUnit);
  let mult: Fraction | null = ONE;
  let tierApplied = false;
  if (rule.data.applyTierMultiplier && input.tierMultiplier !== undefined) {
    const m = input.tierMultiplier;
    if (typeof m !== 'number' || !Number.isFinite(m) || m <= 0 || m > TIER_MULTIPLIER_MAX) {
      return { ok: false, message: `The tier multiplier must be a number above 0 and at most ${TIER_MULTIPLIER_MAX}.` };
    }
    mult = toFraction(m);
    tierApplied = true;
  }
  if (ppu === null || mult === null) return { ok: false, message: 'The earning rule has a number the till cannot use.' };

  const base: Fraction = { num: cents.cents * ppu.num, den: 100n * ppu.den };
  const exact: Fraction = { num: base.num * mult.num, den: base.den * mult.den };
  const points = roundFraction(exact, rule.data.rounding);
  if (points > BigInt(AMOUNT_MAX)) {
    return { ok: false, message: `This sale would earn more than ${AMOUNT_MAX} points; check the sale total.` };
  }
  return {
    ok: true,
    points: Number(points),
    breakdown: { base: fractionToNumber(base), multiplier: fractionToNumber(mult), beforeRounding: fractionToNumber(exact), tierApplied },
  };
}

export interface ClawbackInput {
  /** Points the journal recorded as awarded for this sale. */
  awardedPoints: number;
  /** Points already taken back by earlier returns of the same sale. */
  alreadyClawedBack: number;
  saleTotal: string | number;
  returnedAmount: string | number;
  rounding: RoundingMode;
}

export type ClawbackResult =
  | {
      ok: true;
      points: number;
      breakdown: { beforeRounding: number; proportional: number; remainingBefore: number; remainingAfter: number; capped: boolean };
    }
  | { ok: false; message: string };

/**
 * Points to take back for a (partial) return: the returned share of what was awarded, computed
 * from the journal's award rather than today's rule, and never more than is still reversible.
 */
export function proportionalClawback(input: ClawbackInput): ClawbackResult {
  const { awardedPoints, alreadyClawedBack } = input;
  for (const [value, name] of [[awardedPoints, 'awarded points'], [alreadyClawedBack, 'points already taken back']] as const) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      return { ok: false, message: `The ${name} must be a whole number of 0 or more.` };
    }
  }
  if (!roundingMode.safeParse(input.rounding).success) return { ok: false, message: 'The rounding must be floor, round or ceil.' };
  const sale = parseMoney(input.saleTotal, 'sale total');
  if (!sale.ok) return sale;
  const returned = parseMoney(input.returnedAmount, 'returned amount');
  if (!returned.ok) return returned;
  if (sale.cents === 0n) return { ok: false, message: 'The sale total is zero, so there are no points to take back.' };
  if (returned.cents > sale.cents) return { ok: false, message: 'The returned amount is more than the sale total.' };

  const exact: Fraction = { num: BigInt(awardedPoints) * returned.cents, den: sale.cents };
  const proportional = Number(roundFraction(exact, input.rounding));
  // Over-recorded clawbacks (should not happen) clamp to 0 rather than ever taking back more.
  const remainingBefore = Math.max(0, awardedPoints - alreadyClawedBack);
  const points = Math.min(proportional, remainingBefore);
  return {
    ok: true,
    points,
    breakdown: {
      beforeRounding: fractionToNumber(exact),
      proportional,
      remainingBefore,
      remainingAfter: remainingBefore - points,
      capped: points < proportional,
    },
  };
}

type MoneyResult = { ok: true; cents: bigint } | { ok: false; message: string };

/** Currency units → whole cents, refusing anything a cashier could not have meant. */
export function parseMoney(value: unknown, what = 'amount'): MoneyResult {
  const bad = (why: string): MoneyResult => ({ ok: false, message: `The ${what} ${why}` });
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return bad('must be a number.');
    if (value < 0) return bad('must not be negative.');
    // The shortest round-trip form is what the caller wrote; 0.1 + 0.2 shows up as more than 2 decimals.
    text = Object.is(value, -0) ? '0' : String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
    if (text.startsWith('-')) return bad('must not be negative.');
  } else {
    return bad('must be a number.');
  }
  const m = /^(\d{1,16})(?:\.(\d*))?$/.exec(text);
  if (m === null) return bad('must be a plain number like 19.99.');
  const fraction = m[2] ?? '';
  if (fraction.length > 2) return bad('may have at most 2 decimal places.');
  const cents = BigInt(m[1] ?? '0') * 100n + BigInt(fraction.padEnd(2, '0'));
  if (cents > BigInt(SALE_TOTAL_MAX) * 100n) return bad(`must be at most ${SALE_TOTAL_MAX.toLocaleString('en-US')}.`);
  return { ok: true, cents };
}

interface Fraction {
  num: bigint;
  den: bigint;
}
const ONE: Fraction = { num: 1n, den: 1n };

/** The exact fraction of a number's shortest decimal form (1.1 → 11/10, 1e-7 → 1/10⁷). */
function toFraction(n: number): Fraction | null {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (m === null) return null;
  const digits = (m[1] ?? '') + (m[2] ?? '');
  const exponent = Number(m[3] ?? '0') - (m[2]?.length ?? 0);
  return exponent >= 0
    ? { num: BigInt(digits) * 10n ** BigInt(exponent), den: 1n }
    : { num: BigInt(digits), den: 10n ** BigInt(-exponent) };
}

function decimalPlaces(n: number): number {
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (m === null) return Infinity;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? '0'));
}

function roundFraction(f: Fraction, mode: RoundingMode): bigint {
  // Numerators here are never negative, so BigInt division (truncation) is floor.
  if (mode === 'floor') return f.num / f.den;
  if (mode === 'ceil') return (f.num + f.den - 1n) / f.den;
  return (2n * f.num + f.den) / (2n * f.den);
}

function fractionToNumber(f: Fraction): number {
  const g = gcd(f.num, f.den);
  const num = f.num / g;
  const den = f.den / g;
  // Both exact as doubles → one correctly rounded division; otherwise go through a decimal string.
  if (num <= BigInt(Number.MAX_SAFE_INTEGER) && den <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(num) / Number(den);
  const scaled = (num * 10n ** 12n) / den;
  const s = scaled.toString().padStart(13, '0');
  return Number(`${s.slice(0, -12)}.${s.slice(-12)}`);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
