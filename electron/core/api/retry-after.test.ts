import { describe, expect, it } from 'vitest';
import { parseHttpDate } from './http-date.ts';
import { parseRetryAfter, RETRY_AFTER_MAX_MS_DEFAULT } from './retry-after.ts';

const NOW = Date.UTC(2025, 10, 25, 12, 0, 0); // Tue, 25 Nov 2025 12:00:00 GMT

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });

  it('reads an HTTP-date relative to the response Date header, not our skewed clock', () => {
    // Our clock is 1 h ahead of the server's; the server asks for 30 s after its own "now".
    const skewedNow = NOW + 3_600_000;
    const ms = parseRetryAfter('Tue, 25 Nov 2025 12:00:30 GMT', { dateHeader: 'Tue, 25 Nov 2025 12:00:00 GMT', nowMs: skewedNow });
    expect(ms).toBe(30_000);
  });

  it('falls back to our clock when there is no usable Date header', () => {
    expect(parseRetryAfter('Tue, 25 Nov 2025 12:00:10 GMT', { nowMs: NOW })).toBe(10_000);
    expect(parseRetryAfter('Tue, 25 Nov 2025 12:00:10 GMT', { nowMs: NOW, dateHeader: 'yesterday' })).toBe(10_000);
  });

  it('treats a date in the past as "retry now"', () => {
    expect(parseRetryAfter('Tue, 25 Nov 2025 11:00:00 GMT', { nowMs: NOW })).toBe(0);
  });

  it.each(['-5', 'abc', '', '1.5', '5s', '0x10', '+5', 'Tue, 25 Nov 2025 12:00:10', '2025-11-25T12:00:10Z'])(
    'treats %j as absent (caller uses its default backoff)',
    (value) => {
      expect(parseRetryAfter(value, { nowMs: NOW })).toBeUndefined();
    },
  );

  it('treats a missing header as absent', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('clamps absurd values to the maximum (300 s by default, configurable)', () => {
    expect(parseRetryAfter('86400')).toBe(RETRY_AFTER_MAX_MS_DEFAULT);
    expect(RETRY_AFTER_MAX_MS_DEFAULT).toBe(300_000);
    expect(parseRetryAfter('86400', { maxMs: 60_000 })).toBe(60_000);
    expect(parseRetryAfter('9'.repeat(400))).toBe(RETRY_AFTER_MAX_MS_DEFAULT);
    expect(parseRetryAfter('Fri, 25 Dec 2099 00:00:00 GMT', { nowMs: NOW })).toBe(RETRY_AFTER_MAX_MS_DEFAULT);
  });
});

describe('parseHttpDate', () => {
  const expected = Date.UTC(1994, 10, 6, 8, 49, 37);
  it('accepts the three RFC 9110 formats', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(expected);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(expected);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(expected);
  });

  it('reads a two-digit year more than 50 years ahead as the past century', () => {
    expect(new Date(parseHttpDate('Monday, 01-Jan-30 00:00:00 GMT', NOW)!).getUTCFullYear()).toBe(2030);
    expect(new Date(parseHttpDate('Friday, 01-Jan-99 00:00:00 GMT', NOW)!).getUTCFullYear()).toBe(1999);
  });

  it.each(['1', '-5', 'Sun, 31 Feb 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 25:00:00 GMT', 'sun, 06 nov 1994 08:49:37 gmt'])(
    'rejects %j',
    (value) => {
      expect(parseHttpDate(value)).toBeUndefined();
    },
  );
});
