import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { earnExample } from './earn-example.ts';

describe('earnExample', () => {
  it('shows sample sales with and without the tier multiplier', () => {
    const lines = earnExample({ pointsPerUnit: '10', rounding: 'floor', applyTierMultiplier: true });
    expect(lines[0]).toBe('A sale of 19.99 earns 199 points; 299 for a member whose tier multiplies by 1.5.');
    expect(lines).toHaveLength(2);
  });
  it('follows the rounding mode', () => {
    expect(earnExample({ pointsPerUnit: '1', rounding: 'ceil', applyTierMultiplier: false })).toEqual([
      'A sale of 19.99 earns 20 points.',
      'A sale of 4.50 earns 5 points.',
      'Tier multipliers are ignored.',
    ]);
  });
  it('says when the draft is not a rule', () => {
    expect(earnExample({ pointsPerUnit: 'x', rounding: 'floor', applyTierMultiplier: false })).toEqual(['Enter a valid rule to see an example.']);
  });
  it('says why the rule earns nothing in the manager’s language, not English', () => {
    const de = createTranslator('de', 'de-DE');
    const [line] = earnExample({ pointsPerUnit: '20000', rounding: 'floor', applyTierMultiplier: false }, de.t);
    expect(line).toBe(de.t('earn.ruleInvalid', { max: 10_000 }));
    expect(line).toContain('10.000');
  });
});
