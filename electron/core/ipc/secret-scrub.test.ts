import { describe, expect, it } from 'vitest';
import { containsSecret } from './secret-scrub.ts';

const KEY = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';

describe('containsSecret', () => {
  it('finds a whole key, a slice of one, and none in a mask', () => {
    expect(containsSecret(JSON.stringify({ a: KEY }), [KEY])).toBe(true);
    expect(containsSecret(`prefix ${KEY.slice(5, 25)} suffix`, [KEY])).toBe(true);
    expect(containsSecret(JSON.stringify({ mask: 'fl_live_…Hj0K' }), [KEY])).toBe(false);
    expect(containsSecret('fl_live_ and Hj0K', [KEY])).toBe(false);
  });

  it('ignores empty and very short secrets, which would match everything', () => {
    expect(containsSecret('anything', ['', 'a'])).toBe(false);
  });
});
