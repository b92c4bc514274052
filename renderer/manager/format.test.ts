import { describe, expect, it } from 'vitest';
import { businessDateAt, dayEndExclusiveMs, dayStartMs, formatDuration, formatMinor, formatPoints, toDateInput } from './format.ts';

describe('dates', () => {
  it('reads a calendar date as local midnight and the next day as the exclusive end', () => {
    expect(dayStartMs('2026-03-12')).toBe(new Date(2026, 2, 12).getTime());
    expect(dayEndExclusiveMs('2026-03-12')).toBe(new Date(2026, 2, 13).getTime());
    expect(dayEndExclusiveMs('2026-12-31')).toBe(new Date(2027, 0, 1).getTime());
  });

  it('refuses dates that do not exist', () => {
    expect(dayStartMs('2026-02-30')).toBeNull();
    expect(dayStartMs('12/03/2026')).toBeNull();
    expect(dayStartMs('')).toBeNull();
  });

  it('formats a local date for <input type=date>', () => {
    expect(toDateInput(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('puts the small hours in the previous business day', () => {
    expect(businessDateAt(new Date(2026, 2, 12, 2, 30), '04:00')).toBe('2026-03-11');
    expect(businessDateAt(new Date(2026, 2, 12, 4, 0), '04:00')).toBe('2026-03-12');
    expect(businessDateAt(new Date(2026, 2, 1, 0, 10), '04:00')).toBe('2026-02-28');
    expect(businessDateAt(new Date(2026, 2, 12, 0, 0), '00:00')).toBe('2026-03-12');
  });
});

describe('numbers', () => {
  it('signs points with a real minus sign', () => {
    expect(formatPoints(120)).toMatch(/^\+120$/);
    expect(formatPoints(-40)).toBe('\u221240');
    expect(formatPoints(0)).toBe('0');
  });

  it('shows minor units with two decimals', () => {
    expect(formatMinor(1999)).toMatch(/^19[.,]99$/);
    expect(formatMinor(null)).toBe('—');
  });

  it('says durations in seconds, minutes, hours', () => {
    expect(formatDuration(400)).toBe('1 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(150_000)).toBe('3 min');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
  });
});
