/**
 * Points preview and proportional clawback, in exact arithmetic.
 *
 * Money is whole minor units (shared/money.ts) and every rate is an exact fraction (BigInt numerator/denominator taken
 * from the number's shortest decimal form), so 19.99 × 10 points/unit is 199.9, never
 * 199.89999999999998, and the rounding mode decides the last point, not float noise.
 */
import { defineMessages } from '@formatjs/intl';
import { z } from 'zod';
import { AMOUNT_MAX } from '../api/schemas.ts';
import { SOURCE_LOCALE } from '../i18n/locales.ts';
import { formatCount } from '../i18n/number-format.ts';
import { englishText, localize, type LocalizedText } from '../i18n/translator.ts';
import { DEFAULT_CURRENCY, minorDigits, parseMoneyMachine } from '../money.ts';
import type { MoneyErrorCode } from '../money.ts';

/**
 * The largest sale or returned amount, in minor units of the store's currency: one number for
 * every currency, so the ceiling follows the currency's own unit size (US$100,000,000.00,
 * ¥10,000,000,000, ₫10,000,000,000 ≈ US$400k, KWD 10,000,000.000). A count of whole units would
 * refuse an everyday yen or dong sale; 10¹⁰ still leaves the sum of many sales a safe integer.
 */
export const SALE_TOTAL_MAX_MINOR = 10_000_000_000;

/**
 * Why points cannot be worked out, for people (the manager's earn-rule example, the cashier's
 * refusal). Each failure also keeps an English `message` for logs, the CLI and the POS link.
 */
export const EARN_MESSAGES = defineMessages({
  ruleInvalid: {
    id: 'earn.ruleInvalid',
    defaultMessage: 'The earning rule is not valid: points per unit from 0 to {max, number}, at most 4 decimals, and a rounding.',
    description: 'The earn rule in the settings cannot be used; {max} is the largest points per unit',
  },
  tierMultiplier: {
    id: 'earn.tierMultiplier',
    defaultMessage: 'The tier multiplier must be above 0 and at most {max, number}.',
    description: 'The member tier’s multiplier is out of range; {max} the largest allowed',
  },
  unusableNumber: { id: 'earn.unusableNumber', defaultMessage: 'The earning rule has a number the till cannot use.', description: 'The earn rule has a number that cannot be computed with' },
  tooManyPoints: {
    id: 'earn.tooManyPoints',
    defaultMessage: 'This sale would earn more than {max, number} points; check the sale total.',
    description: 'The points for a sale are over the limit; {max} is the limit',
  },
  saleTooLarge: {
    id: 'earn.saleTooLarge',
    defaultMessage: '{what, select, saleTotal {The sale total} returned {The returned amount} other {The amount}} must be at most {max, number} {currency}.',
    description: 'A sale or returned amount over the limit; {max} is the limit in whole units of {currency}, the ISO code',
  },
});

/** A failure with its English `message` (logs, CLI, POS link) and the same thing for people. */
function refusal(message: (typeof EARN_MESSAGES)[keyof typeof EARN_MESSAGES], values?: Record<string, string | number>): { ok: false; message: string; localized: LocalizedText } {
  return { ok: false, message: englishText(message, values), localized: localize(message, values) };
}
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
  /** The sale's currency (ISO 4217; default USD): its decimals (JPY 0, KWD 3) say what one unit is. */
  currency?: string;
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
  | { ok: false; message: string; localized?: LocalizedText };

export function previewPoints(input: PreviewInput): PreviewResult {
  const rule = earnRuleSchema.safeParse(input.rule);
  if (!rule.success) return refusal(EARN_MESSAGES.ruleInvalid, { max: POINTS_PER_UNIT_MAX });
  const currency = input.currency ?? DEFAULT_CURRENCY;
  const sale = parseSaleAmount(input.saleTotal, 'sale total', currency);
  if (!sale.ok) return sale;

  const ppu = toFraction(rule.data.pointsPerUnit);
  let mult: Fraction | null = ONE;
  let tierApplied = false;
  if (rule.data.applyTierMultiplier && input.tierMultiplier !== undefined) {
    const m = input.tierMultiplier;
    if (typeof m !== 'number' || !Number.isFinite(m) || m <= 0 || m > TIER_MULTIPLIER_MAX) {
      return refusal(EARN_MESSAGES.tierMultiplier, { max: TIER_MULTIPLIER_MAX });
    }
    mult = toFraction(m);
    tierApplied = true;
  }
  if (ppu === null || mult === null) return refusal(EARN_MESSAGES.unusableNumber);

  // Points are earned per whole currency unit, so the minor units are divided out exactly.
  const base: Fraction = { num: BigInt(sale.minor) * ppu.num, den: 10n ** BigInt(minorDigits(currency)) * ppu.den };
  const exact: Fraction = { num: base.num * mult.num, den: base.den * mult.den };
  const points = roundFraction(exact, rule.data.rounding);
  if (points > BigInt(AMOUNT_MAX)) {
    return refusal(EARN_MESSAGES.tooManyPoints, { max: AMOUNT_MAX });
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
  /** The sale's currency (default USD). */
  currency?: string;
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
  const sale = parseSaleAmount(input.saleTotal, 'sale total', input.currency);
  if (!sale.ok) return sale;
  const returned = parseSaleAmount(input.returnedAmount, 'returned amount', input.currency);
  if (!returned.ok) return returned;
  if (sale.minor === 0) return { ok: false, message: 'The sale total is zero, so there are no points to take back.' };
  if (returned.minor > sale.minor) return { ok: false, message: 'The returned amount is more than the sale total.' };

  const exact: Fraction = { num: BigInt(awardedPoints) * BigInt(returned.minor), den: BigInt(sale.minor) };
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

/** `localized`: for people, when the earn rule's own limit refused the amount. */
export type SaleAmountResult = { ok: true; minor: number } | { ok: false; code: MoneyErrorCode; message: string; localized?: LocalizedText };

/** A sale or returned amount ("19.99", dot decimal, as the API and POS send it) → minor units, at most SALE_TOTAL_MAX_MINOR. */
export function parseSaleAmount(value: unknown, what = 'amount', currency = DEFAULT_CURRENCY): SaleAmountResult {
  const money = parseMoneyMachine(value, { currency, what });
  if (!money.ok) return money;
  if (money.minor > SALE_TOTAL_MAX_MINOR) {
    const which = what === 'sale total' ? 'saleTotal' : what === 'returned amount' ? 'returned' : 'other';
    const code = currency.toUpperCase();
    // A whole number of units for every currency with up to 10 minor digits (10¹⁰ / 10^digits).
    const max = SALE_TOTAL_MAX_MINOR / 10 ** minorDigits(code);
    const localized = localize(EARN_MESSAGES.saleTooLarge, { what: which, max, currency: code });
    // The English line (logs, CLI, POS link) keeps the caller's own name for the amount ("--total", "amount of line 2").
    return { ok: false, code: 'too-large', message: `The ${what} must be at most ${formatCount(max, SOURCE_LOCALE)} ${code}.`, localized };
  }
  return money;
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
