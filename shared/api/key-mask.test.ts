import { describe, expect, it } from 'vitest';
import { maskKey } from './key-mask.ts';

describe('maskKey', () => {
  it('keeps the first 8 and last 4 characters only', () => {
    expect(maskKey('fl_live_abcdefghijklmnop3f9a')).toBe('fl_live_…3f9a');
  });
  it('never reveals most of a short key', () => {
    const masked = maskKey('abcdef');
    expect(masked).not.toContain('abc');
    expect(masked.startsWith('…')).toBe(true);
  });
});
