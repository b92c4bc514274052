/**
 * Client-side token bucket: when the tenant's rate limit is known the drainer paces itself just
 * under it, because one 429 costs a whole Retry-After second (the server speaks in seconds).
 * Tokens are reserved, so concurrent workers queue up instead of bursting together.
 */

/** Pace at this share of the configured rate: arrival jitter must not tip the server's bucket over. */
const SAFETY = 0.95;

export class Pacer {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(settings: { perSecond: number; burst?: number }, now: () => number) {
    if (!(settings.perSecond > 0) || !Number.isFinite(settings.perSecond)) throw new RangeError('rateLimit.perSecond must be a positive number');
    this.#rate = (settings.perSecond * SAFETY) / 1000;
    // Half the server's burst as headroom: requests that wait on a busy event loop or disk reach
    // the server bunched together, and the server's bucket must absorb that.
    this.#burst = Math.max(1, Math.floor((settings.burst ?? 1) / 2));
    this.#now = now;
    this.#tokens = this.#burst;
    this.#at = now();
  }

  /** Reserves one request slot and returns how long to wait before using it (0 = now). */
  reserve(): number {
    this.#refill();
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil(-this.#tokens / this.#rate);
  }

  /** Reserves a slot only if it is free within `maxWaitMs`; returns the wait, or null (nothing reserved). */
  tryReserve(maxWaitMs: number): number | null {
    this.#refill();
    const wait = this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) / this.#rate);
    if (wait > maxWaitMs) return null;
    this.#tokens -= 1;
    return wait;
  }

  #refill(): void {
    const t = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + Math.max(0, t - this.#at) * this.#rate);
    this.#at = t;
  }
}
