/** The live example under the earn-rule settings: what a few sample sales would earn with the draft rule. */
import { previewPoints } from '../../../shared/earn/earn-rule.ts';
import type { RoundingMode } from '../../../shared/earn/earn-rule.ts';

export const EXAMPLE_SALES = ['19.99', '4.50'] as const;
export const EXAMPLE_MULTIPLIER = 1.5;

export interface EarnDraft {
  pointsPerUnit: string;
  rounding: string;
  applyTierMultiplier: boolean;
}

const isRounding = (s: string): s is RoundingMode => s === 'floor' || s === 'round' || s === 'ceil';

/** Sentences for the example, or one sentence saying why there is none. */
export function earnExample(d: EarnDraft): string[] {
  const ppuText = d.pointsPerUnit.trim().replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(ppuText) || !isRounding(d.rounding)) return ['Enter a valid rule to see an example.'];
  const rule = { pointsPerUnit: Number(ppuText), rounding: d.rounding, applyTierMultiplier: d.applyTierMultiplier };
  const out: string[] = [];
  for (const sale of EXAMPLE_SALES) {
    const plain = previewPoints({ saleTotal: sale, rule });
    if (!plain.ok) return [plain.message];
    let line = `A sale of ${sale} earns ${plain.points.toLocaleString()} ${plain.points === 1 ? 'point' : 'points'}`;
    if (d.applyTierMultiplier) {
      const tier = previewPoints({ saleTotal: sale, rule, tierMultiplier: EXAMPLE_MULTIPLIER });
      if (tier.ok) line += `; ${tier.points.toLocaleString()} for a member whose tier multiplies by ${EXAMPLE_MULTIPLIER}`;
    }
    out.push(`${line}.`);
  }
  if (!d.applyTierMultiplier) out.push('Tier multipliers are ignored.');
  return out;
}
