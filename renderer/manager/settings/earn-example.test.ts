import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { earnExample, exampleSales } from './earn-example.ts';

const en = createTranslator('en', 'en-US');

describe('earnExample', () => {
  it('shows sample sales with and without the tier multiplier', () => {
    const lines = earnExample({ pointsPerUnit: '10', rounding: 'floor', applyTierMultiplier: true }, en, 'USD');
    expect(lines[0]).toBe('A sale of $19.99 earns 199 points; 299 for a member whose tier multiplies by 1.5.');
    expect(lines).toHaveLength(2);
  });
  it('follows the rounding mode', () => {
    expect(earnExample({ pointsPerUnit: '1', rounding: 'ceil', applyTierMultiplier: false }, en, 'USD')).toEqual([
      'A sale of $19.99 earns 20 points.',
      'A sale of $4.50 earns 5 points.',
      'Tier multipliers are ignored.',
    ]);
  });
  it('says when the draft is not a rule', () => {
    expect(earnExample({ pointsPerUnit: 'x', rounding: 'floor', applyTierMultiplier: false }, en, 'USD')).toEqual(['Enter a valid rule to see an example.']);
  });
  it('says why the rule earns nothing in the manager’s language, not English', () => {
    const de = createTranslator('de', 'de-DE');
    const [line] = earnExample({ pointsPerUnit: '20000', rounding: 'floor', applyTierMultiplier: false }, de, 'EUR');
    expect(line).toBe(de.t('earn.ruleInvalid', { max: 10_000 }));
    expect(line).toContain('10.000');
  });
  it('samples sales a store in that currency makes, in its own minor units and the manager’s format', () => {
    expect(exampleSales('JPY')).toEqual([1980, 450]);
    expect(exampleSales('KWD')).toEqual([19990, 4500]);
    const yen = earnExample({ pointsPerUnit: '0.01', rounding: 'floor', applyTierMultiplier: false }, createTranslator('en', 'ja-JP'), 'JPY');
    expect(yen[0]).toMatch(/^A sale of [￥¥]1,980 earns 19 points\.$/);
    const dinar = earnExample({ pointsPerUnit: '1', rounding: 'floor', applyTierMultiplier: false }, createTranslator('en', 'en-KW'), 'KWD');
    expect(dinar[0]).toContain('19.990');
    expect(dinar[0]).toContain('19 points');
    const euro = earnExample({ pointsPerUnit: '1', rounding: 'round', applyTierMultiplier: false }, createTranslator('de', 'de-DE'), 'EUR');
    expect(euro[0]).toContain('19,99');
    expect(euro[0]).toContain('20 Punkte');
  });
});
