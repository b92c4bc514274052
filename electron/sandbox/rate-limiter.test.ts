import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenBucketLimiter } from './rate-limiter.ts';
import { startSandbox, type SandboxHandle } from './server.ts';
import { adminClient, apiClient, errorOf } from './testing/client.ts';

describe('TokenBucketLimiter (fake clock)', () => {
  it('allows a burst of capacity, then refills at the configured rate', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 0.5 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('k').ok)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(limiter.take('other').ok).toBe(true);
    now = 1_000;
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now = 2_000;
    expect(limiter.take('k').ok).toBe(true);
  });

  it('Retry-After is a whole number of seconds and at least 1', () => {
    const now = 0;
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 1000 }, () => now);
    limiter.take('k');
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('rejects nonsense settings', () => {
    expect(() => new TokenBucketLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow(/capacity/);
    expect(() => new TokenBucketLimiter({ capacity: 1, refillPerSecond: 0 })).toThrow(/refillPerSecond/);
  });
});

describe('rate limit over HTTP', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    sb = await startSandbox({ quiet: true, rateLimit: { capacity: 3, refillPerSecond: 5 } });
  });
  afterAll(() => sb.close());
  beforeEach(() => sb.reset());

  it('429 with Retry-After once the bucket is empty, per key, then recovers', async () => {
    const api = apiClient(sb);
    for (let i = 0; i < 3; i++) expect((await api.get('/stores')).status).toBe(200);
    // Refill continues while we ask, so keep asking until the bucket is really empty.
    let limited: Response | undefined;
    for (let i = 0; i < 50 && !limited; i++) {
      const res = await api.get('/stores');
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expect(limited!.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await errorOf(limited!)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(sb.audit().at(-1)).toMatchObject({ status: 429, keyId: 'key_demo_write' });
    // Another key has its own bucket.
    expect((await apiClient(sb, sb.keys.read).get('/stores')).status).toBe(200);
    await vi.waitFor(async () => expect((await api.get('/stores')).status).toBe(200), { timeout: 3_000, interval: 100 });
  });

  it('is configurable in-process and over admin HTTP; reset restores the start-up setting', async () => {
    const api = apiClient(sb);
    sb.setRateLimit({ capacity: 1, refillPerSecond: 0.01 });
    expect((await api.get('/stores')).status).toBe(200);
    const limited = await api.get('/stores');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(99);

    const admin = adminClient(sb);
    const put = await admin('PUT', '/rate-limit', { capacity: 50, refillPerSecond: 10 });
    expect(await put.json()).toEqual({ capacity: 50, refillPerSecond: 10 });
    expect((await api.get('/stores')).status).toBe(200);
    expect(await (await admin('GET', '/rate-limit')).json()).toEqual({ capacity: 50, refillPerSecond: 10 });
    expect((await admin('PUT', '/rate-limit', { capacity: -1, refillPerSecond: 10 })).status).toBe(400);
    sb.reset();
    expect(await (await admin('GET', '/rate-limit')).json()).toEqual({ capacity: 3, refillPerSecond: 5 });
  });
});
