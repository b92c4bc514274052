/**
 * Retry timing: capped exponential backoff with full jitter (AWS "Exponential Backoff And
 * Jitter"), and Retry-After as a lower bound for 429s. Pure.
 */
import type { ApiFailure } from '../api/index.ts';

export interface BackoffSettings {
  baseMs: number;
  capMs: number;
}

/** Full jitter: uniform in [0, min(cap, base · 2^attempt)]. `attempt` is 0 for the first retry. */
export function fullJitter(attempt: number, settings: BackoffSettings, random: () => number): number {
  const exp = Math.min(settings.capMs, settings.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.floor(random() * exp);
}

/**
 * How long to wait before the next try after a not-applied failure. A 429 waits at least its
 * (clamped) Retry-After plus a little jitter, so several tills do not come back in lockstep;
 * a 429 without a usable Retry-After (absent, garbage, negative) uses the default backoff.
 */
export function retryDelayMs(
  failure: Pick<ApiFailure, 'reason' | 'retryAfterMs'>,
  attempt: number,
  settings: BackoffSettings & { retryAfterMaxMs: number },
  random: () => number,
): number {
  if (failure.reason === 'rate-limited' && failure.retryAfterMs !== undefined) {
    const floor = Math.min(Math.max(0, failure.retryAfterMs), settings.retryAfterMaxMs);
    return floor + Math.floor(random() * Math.min(settings.baseMs, floor * 0.1 + 1));
  }
  return fullJitter(attempt, settings, random);
}
