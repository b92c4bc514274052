/** Per-key token bucket: `capacity` requests in a burst, refilled at `refillPerSecond`. */
import { z } from 'zod';

export const rateLimitSettingsSchema = z.strictObject({
  capacity: z.int().min(1).max(1_000_000),
  refillPerSecond: z.number().gt(0).max(1_000_000),
});
export type RateLimitSettings = z.infer<typeof rateLimitSettingsSchema>;

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { capacity: 200, refillPerSecond: 100 };

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBucketLimiter {
  private config: RateLimitSettings;
  private buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  /** `now` in milliseconds; injectable so the arithmetic can be tested without waiting. */
  constructor(settings: RateLimitSettings, now: () => number = () => performance.now()) {
    this.config = parseRateLimit(settings);
    this.now = now;
  }

  get settings(): RateLimitSettings {
    return { ...this.config };
  }

  /** New settings start every key with a full bucket. */
  configure(settings: RateLimitSettings): void {
    this.config = parseRateLimit(settings);
    this.buckets.clear();
  }

  reset(): void {
    this.buckets.clear();
  }

  take(key: string): TakeResult {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.config.capacity, updatedAt: now };
    bucket.tokens = Math.min(this.config.capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.config.refillPerSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    // Retry-After is whole seconds and never 0, or clients would spin.
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.config.refillPerSecond)) };
  }
}

export function parseRateLimit(input: unknown): RateLimitSettings {
  const result = rateLimitSettingsSchema.safeParse(input);
  if (!result.success) throw new Error(`Invalid rate limit: ${z.prettifyError(result.error)}`);
  return result.data;
}
