/** The live example under the earn-rule settings: what a few sample sales would earn with the draft rule. */
import { defineMessages } from '@formatjs/intl';
import { previewPoints } from '../../../shared/earn/earn-rule.ts';
import { englishText, type Translator } from '../../../shared/i18n/translator.ts';
import type { RoundingMode } from '../../../shared/earn/earn-rule.ts';

export const EXAMPLE_SALES = ['19.99', '4.50'] as const;
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
    defaultMessage: 'A sale of {sale, number, ::.00} earns {points, plural, one {# point} other {# points}}.',
    description: 'Earn rule example: one sample sale',
  },
  saleWithTier: {
    id: 'manager.settings.earnExample.saleWithTier',
    defaultMessage: 'A sale of {sale, number, ::.00} earns {points, plural, one {# point} other {# points}}; {tierPoints, number} for a member whose tier multiplies by {multiplier, number}.',
    description: 'Earn rule example: one sample sale, plain and with a tier multiplier',
  },
  ignored: { id: 'manager.settings.earnExample.tierIgnored', defaultMessage: 'Tier multipliers are ignored.', description: 'Earn rule example: the rule ignores tiers' },
});

const isRounding = (s: string): s is RoundingMode => s === 'floor' || s === 'round' || s === 'ceil';

/** Sentences for the example, or one sentence saying why there is none. */
export function earnExample(d: EarnDraft, t: Translator['t'] = englishText): string[] {
  const ppuText = d.pointsPerUnit.trim().replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(ppuText) || !isRounding(d.rounding)) return [t(M.invalid)];
  const rule = { pointsPerUnit: Number(ppuText), rounding: d.rounding, applyTierMultiplier: d.applyTierMultiplier };
  const out: string[] = [];
  for (const sale of EXAMPLE_SALES) {
    const plain = previewPoints({ saleTotal: sale, rule });
    // The rule's own reason in the manager's language (the English `message` is for logs).
    if (!plain.ok) return [plain.localized !== undefined ? t(plain.localized.messageId, plain.localized.values) : t(M.invalid)];
    const tier = d.applyTierMultiplier ? previewPoints({ saleTotal: sale, rule, tierMultiplier: EXAMPLE_MULTIPLIER }) : null;
    out.push(
      tier?.ok === true
        ? t(M.saleWithTier, { sale: Number(sale), points: plain.points, tierPoints: tier.points, multiplier: EXAMPLE_MULTIPLIER })
        : t(M.sale, { sale: Number(sale), points: plain.points }),
    );
  }
  if (!d.applyTierMultiplier) out.push(t(M.ignored));
  return out;
}
