import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatIso, formatPoints } from './format.ts';

describe('times', () => {
  it('shows "—" for a missing or unreadable time', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(Number.NaN)).toBe('—');
    expect(formatIso(null)).toBe('—');
    expect(formatIso('not a date')).toBe('—');
    expect(formatIso('2026-03-12T14:02:11Z')).toBe(formatDateTime(Date.UTC(2026, 2, 12, 14, 2, 11)));
  });
});

describe('numbers', () => {
  it('signs points with a real minus sign', () => {
    expect(formatPoints(120)).toMatch(/^\+120$/);
    expect(formatPoints(-40)).toBe('\u221240');
    expect(formatPoints(0)).toBe('0');
  });

  it('says durations in seconds, minutes, hours', () => {
    expect(formatDuration(400)).toBe('1 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(150_000)).toBe('3 min');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
  });
});
