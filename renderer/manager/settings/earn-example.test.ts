import { describe, expect, it } from 'vitest';
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
});
