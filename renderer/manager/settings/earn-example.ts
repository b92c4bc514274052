/** The live example under the earn-rule settings: what a few sample sales would earn with the draft rule. */
import { defineMessages } from '@formatjs/intl';
import { previewPoints } from '../../../shared/earn/earn-rule.ts';
import type { Translator } from '../../../shared/i18n/translator.ts';
import type { RoundingMode } from '../../../shared/earn/earn-rule.ts';
import { formatMoney, formatMoneyMachine, minorDigits } from '../../../shared/money.ts';

/**
 * Two sample sales in the store currency's minor units: 19.99 and 4.50 where there are cents,
 * 1,980 and 450 where there are none (a yen store never sells for 19.99), scaled for three digits.
 */
export function exampleSales(currency: string): readonly number[] {
  const digits = minorDigits(currency);
  if (digits === 0) return [1980, 450];
  const scale = 10 ** Math.max(0, digits - 2);
  return digits === 1 ? [200, 45] : [1999 * scale, 450 * scale];
}
export const EXAMPLE_MULTIPLIER = 1.5;

export interface EarnDraft {
  pointsPerUnit: string;
  rounding: string;
  applyTierMultiplier: boolean;
}

const M = defineMessages({
  invalid: { id: 'manager.settings.earnExample.invalid', defaultMessage: 'Enter a valid rule to see an example.', description: 'Earn rule example: the draft is not a rule' },
  sale: {
    id: 'manager.settings.earnExample.sale',
    defaultMessage: 'A sale of {sale} earns {points, plural, one {# point} other {# points}}.',
    description: 'Earn rule example: one sample sale',
  },
  saleWithTier: {
    id: 'manager.settings.earnExample.saleWithTier',
    defaultMessage: 'A sale of {sale} earns {points, plural, one {# point} other {# points}}; {tierPoints, number} for a member whose tier multiplies by {multiplier, number}.',
    description: 'Earn rule example: one sample sale, plain and with a tier multiplier',
  },
  ignored: { id: 'manager.settings.earnExample.tierIgnored', defaultMessage: 'Tier multipliers are ignored.', description: 'Earn rule example: the rule ignores tiers' },
});

const isRounding = (s: string): s is RoundingMode => s === 'floor' || s === 'round' || s === 'ceil';

/** Sentences for the example in the store currency and the manager's language, or one sentence saying why there is none. */
export function earnExample(d: EarnDraft, translator: Translator, currency: string): string[] {
  const t = translator.t;
  const ppuText = d.pointsPerUnit.trim().replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(ppuText) || !isRounding(d.rounding)) return [t(M.invalid)];
  const rule = { pointsPerUnit: Number(ppuText), rounding: d.rounding, applyTierMultiplier: d.applyTierMultiplier };
  const out: string[] = [];
  for (const minor of exampleSales(currency)) {
    const saleTotal = formatMoneyMachine(minor, currency);
    const sale = formatMoney(minor, currency, translator.locale);
    const plain = previewPoints({ saleTotal, rule, currency });
    // The rule's own reason in the manager's language (the English `message` is for logs).
    if (!plain.ok) return [plain.localized !== undefined ? t(plain.localized.messageId, plain.localized.values) : t(M.invalid)];
    const tier = d.applyTierMultiplier ? previewPoints({ saleTotal, rule, currency, tierMultiplier: EXAMPLE_MULTIPLIER }) : null;
    out.push(
      tier?.ok === true
        ? t(M.saleWithTier, { sale, points: plain.points, tierPoints: tier.points, multiplier: EXAMPLE_MULTIPLIER })
        : t(M.sale, { sale, points: plain.points }),
    );
  }
  if (!d.applyTierMultiplier) out.push(t(M.ignored));
  return out;
}
