import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatIso, formatLatency } from './format.ts';

describe('times', () => {
  it('shows "—" for a missing or unreadable time', () => {
    expect(formatDateTime(null, 'en-US')).toBe('—');
    expect(formatDateTime(Number.NaN, 'en-US')).toBe('—');
    expect(formatIso(null, 'en-US')).toBe('—');
    expect(formatIso('not a date', 'en-US')).toBe('—');
    expect(formatIso('2026-03-12T14:02:11Z', 'en-US')).toBe(formatDateTime(Date.UTC(2026, 2, 12, 14, 2, 11), 'en-US'));
  });
});

describe('locales', () => {
  it('follows the locale it is given: digits, grouping and unit words', () => {
    expect(formatCount(12345, 'de-DE')).toBe('12.345');
    expect(formatCount(12345, 'en-US')).toBe('12,345');
    expect(formatLatency(1234, 'en-US')).toBe('1,234 ms');
    expect(formatLatency(null, 'de-DE')).toBe('—');
    expect(formatDateTime(Date.UTC(2026, 2, 12, 14, 2, 11), 'de-DE')).not.toBe(formatDateTime(Date.UTC(2026, 2, 12, 14, 2, 11), 'en-US'));
  });
});
