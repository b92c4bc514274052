import { describe, expect, it } from 'vitest';
import { decisionNote } from './decision.ts';

describe('decisionNote', () => {
  it('records the chosen outcome and the words', () => {
    expect(decisionNote('kept', '')).toBe('No action: member keeps the reward');
    expect(decisionNote('reinstated', ' gave coupon back in portal ')).toBe('Reinstated for the member. gave coupon back in portal');
  });
});
