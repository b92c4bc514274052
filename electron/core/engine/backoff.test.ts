/** Pure timing pieces: backoff with full jitter, Retry-After as a floor, the pacer, the breaker. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ApiResult } from '../api/index.ts';
import { fullJitter, retryDelayMs } from './backoff.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { Pacer } from './pacer.ts';

const S = { baseMs: 100, capMs: 5000, retryAfterMaxMs: 60_000 };

const failure = (over: Partial<Extract<ApiResult<unknown>, { ok: false }>['failure']>): ApiResult<unknown> => ({
  ok: false,
  failure: { classification: 'not-applied', reason: 'connection-refused', message: 'x', endpoint: 'POST /x', latencyMs: 1, ...over },
});

describe('backoff', () => {
  it('full jitter stays within [0, min(cap, base·2^n)]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80 }), fc.double({ min: 0, max: 0.999_999, noNaN: true }), (n, r) => {
        const d = fullJitter(n, S, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(S.capMs, S.baseMs * 2 ** Math.min(n, 30)));
      }),
    );
  });

  it('a 429 waits at least its Retry-After (clamped), plus a little jitter; without one, the default', () => {
    expect(retryDelayMs({ reason: 'rate-limited', retryAfterMs: 2000 }, 0, S, () => 0)).toBe(2000);
    expect(retryDelayMs({ reason: 'rate-limited', retryAfterMs: 2000 }, 0, S, () => 0.999)).toBeLessThanOrEqual(2100);
    expect(retryDelayMs({ reason: 'rate-limited', retryAfterMs: 86_400_000 }, 0, S, () => 0)).toBe(60_000);
    expect(retryDelayMs({ reason: 'rate-limited' }, 3, S, () => 0.5)).toBe(400);
    expect(retryDelayMs({ reason: 'connection-refused' }, 10, S, () => 0.999)).toBeLessThanOrEqual(5000);
  });
});

describe('pacer', () => {
  it('never lets more than burst + rate·t requests start by time t', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 300 }), (gaps) => {
        let now = 0;
        const p = new Pacer({ perSecond: 50, burst: 10 }, () => now);
        const starts: number[] = [];
        for (const g of gaps) {
          now += g;
          starts.push(now + p.reserve());
        }
        starts.sort((a, b) => a - b);
        const t0 = 0;
        starts.forEach((t, i) => expect(i + 1).toBeLessThanOrEqual(5 + ((t - t0) * 50 * 0.95) / 1000 + 1));
      }),
    );
  });

  it('tryReserve refuses (and reserves nothing) beyond the allowed wait', () => {
    let now = 0;
    const p = new Pacer({ perSecond: 10, burst: 2 }, () => now);
    expect(p.tryReserve(0)).toBe(0);
    expect(p.tryReserve(0)).toBeNull();
    expect(p.tryReserve(200)).toBeGreaterThan(0);
    now += 10_000;
    expect(p.tryReserve(0)).toBe(0);
  });
});

describe('connectivity', () => {
  it('opens after N network failures, probes, closes on an answer; a refused key blocks until lifted', () => {
    let now = 0;
    const events: [boolean, string | null][] = [];
    const c = new CircuitBreaker({ threshold: 3, probeIntervalMs: 1000, now: () => now, onChange: (o, d) => events.push([o, d]) });
    c.observe(failure({}), 50);
    expect(c.gate()).toBe('backoff');
    now += 60;
    expect(c.gate()).toBe('ok');
    c.observe(failure({ reason: 'timeout', classification: 'unknown-outcome' }));
    c.observe(failure({ reason: 'http', classification: 'unknown-outcome', status: 503 }));
    expect(c.gate()).toBe('offline');
    expect(events.at(-1)?.[0]).toBe(false);
    expect(c.probeDue()).toBe(false);
    now += 1000;
    expect(c.probeDue()).toBe(true);
    c.probed(failure({}));
    expect(c.online).toBe(false);
    now += 1000;
    c.probed({ ok: true, value: {}, status: 200, latencyMs: 1 });
    expect(c.online).toBe(true);
    c.observe(failure({ reason: 'http', status: 401 }));
    expect(c.gate()).toBe('blocked');
    expect(events.at(-1)?.[0]).toBe(false);
    c.unblock();
    expect(c.gate()).toBe('ok');
    // 400/404 answers mean reachable: they reset the count.
    c.observe(failure({ reason: 'connection-refused' }));
    c.observe(failure({ reason: 'http', status: 404 }));
    c.observe(failure({ reason: 'connection-refused' }));
    c.observe(failure({ reason: 'connection-refused' }));
    expect(c.online).toBe(true);
  });

  it('a 429 pauses sending until its delay is over', () => {
    let now = 0;
    const c = new CircuitBreaker({ threshold: 3, probeIntervalMs: 1000, now: () => now });
    c.observe(failure({ reason: 'rate-limited', status: 429, retryAfterMs: 2000 }), 2000);
    expect(c.gate()).toBe('rate-limited');
    expect(c.rateLimitedUntil).toBe(2000);
    now = 2000;
    expect(c.gate()).toBe('ok');
  });
});
