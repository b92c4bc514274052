import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatDuration, formatIso, formatLatency, formatPoints } from './format.ts';

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
    expect(formatDuration(400)).toBe('1 sec');
    expect(formatDuration(42_000)).toBe('42 sec');
    expect(formatDuration(150_000)).toBe('3 min');
    expect(formatDuration(3_900_000)).toBe('1 hr 5 min');
  });
});

describe('locales', () => {
  it('follows the locale it is given: digits, grouping and unit words', () => {
    expect(formatCount(12345, 'de-DE')).toBe('12.345');
    expect(formatCount(12345, 'en-US')).toBe('12,345');
    expect(formatPoints(-1200, 'de-DE')).toBe('\u22121.200');
    expect(formatLatency(1234, 'en-US')).toBe('1,234 ms');
    expect(formatLatency(null, 'de-DE')).toBe('—');
    expect(formatDuration(42_000, 'de-DE')).toBe('42 Sek.');
    expect(formatDateTime(Date.UTC(2026, 2, 12, 14, 2, 11), 'de-DE')).not.toBe(formatDateTime(Date.UTC(2026, 2, 12, 14, 2, 11), 'en-US'));
  });
});
