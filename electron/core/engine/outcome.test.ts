import { describe, expect, it } from 'vitest';
import { clockTime } from './outcome.ts';

describe('clockTime', () => {
  it('gives the clock for today and the ISO date before it otherwise (local time)', () => {
    const now = new Date(2026, 10, 25, 15, 0).getTime();
    expect(clockTime(new Date(2026, 10, 25, 9, 5).getTime(), now)).toBe('09:05');
    expect(clockTime(new Date(2026, 10, 24, 23, 59).getTime(), now)).toBe('2026-11-24 23:59');
    expect(clockTime(new Date(2025, 0, 2, 14, 2).getTime(), now)).toBe('2025-01-02 14:02');
  });
});
