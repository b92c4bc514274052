/**
 * Online/offline tracking with a simple circuit breaker (closed → open → half-open probe), the
 * key-refused pause and the shared rate-limit pause. One per engine; every API result passes
 * through `observe`.
 */
import type { ApiFailure, ApiResult } from '../api/index.ts';

/** `backoff`: the last tries failed at the network level; wait a jittered moment before the next. */
export type SendGate = 'ok' | 'offline' | 'blocked' | 'rate-limited' | 'backoff';

export interface CircuitBreakerOptions {
  threshold: number;
  probeIntervalMs: number;
  now: () => number;
  onChange?: ((online: boolean, detail: string | null) => void) | undefined;
}

/** Reasons that mean "no usable answer from the server at all". */
const NETWORK_REASONS = new Set<ApiFailure['reason']>(['connection-refused', 'dns', 'network', 'timeout', 'reset']);

export class CircuitBreaker {
  readonly #opts: CircuitBreakerOptions;
  #online = true;
  #onlineSince: number | null;
  #detail: string | null = null;
  #failures = 0;
  #nextProbeAt = 0;
  #blocked: string | null = null;
  #rateLimitedUntil = 0;
  #backoffUntil = 0;

  constructor(opts: CircuitBreakerOptions) {
    this.#opts = opts;
    this.#onlineSince = opts.now();
  }

  get online(): boolean {
    return this.#online;
  }
  get onlineSince(): number | null {
    return this.#online ? this.#onlineSince : null;
  }
  get detail(): string | null {
    return this.#blocked ?? this.#detail;
  }
  /** Network-level failures in a row (drives the link's backoff). */
  get consecutiveFailures(): number {
    return this.#failures;
  }
  get blocked(): string | null {
    return this.#blocked;
  }
  get rateLimitedUntil(): number | null {
    return this.#rateLimitedUntil > this.#opts.now() ? this.#rateLimitedUntil : null;
  }
  /** When sending may resume after a 429 or a network-level failure (null = now). */
  get pausedUntil(): number | null {
    const until = Math.max(this.#rateLimitedUntil, this.#backoffUntil);
    return until > this.#opts.now() ? until : null;
  }

  /** May a write be sent right now? */
  gate(): SendGate {
    if (this.#blocked !== null) return 'blocked';
    if (!this.#online) return 'offline';
    if (this.#rateLimitedUntil > this.#opts.now()) return 'rate-limited';
    if (this.#backoffUntil > this.#opts.now()) return 'backoff';
    return 'ok';
  }

  probeDue(): boolean {
    return !this.#online && this.#blocked === null && this.#opts.now() >= this.#nextProbeAt;
  }

  /** Feeds one API result in. `retryDelayMs` is what a 429 asked for (already clamped). */
  observe(result: ApiResult<unknown>, retryDelayMs?: number): void {
    if (result.ok) return this.#reachable();
    const f = result.failure;
    if (f.reason === 'insecure-base-url') return this.#block(`Sending is paused: ${f.message}`);
    if (f.status === 401 || f.status === 403) {
      return this.#block(
        f.status === 401
          ? 'SocialHub refused this till’s API key (HTTP 401). Sending is paused and nothing is lost — a manager must re-enter the key.'
          : 'This till’s API key may not write (HTTP 403). Sending is paused and nothing is lost — a manager must enter a write key.',
      );
    }
    if (f.status === 429) {
      this.#rateLimitedUntil = Math.max(this.#rateLimitedUntil, this.#opts.now() + (retryDelayMs ?? 1000));
      return this.#reachable();
    }
    if ((f.status !== undefined && f.status >= 500) || (f.status === undefined && NETWORK_REASONS.has(f.reason))) {
      // A pause for the whole link, not the row: the oldest row stays first in line.
      this.#backoffUntil = Math.max(this.#backoffUntil, this.#opts.now() + (retryDelayMs ?? 0));
      return this.#failure(f.message);
    }
    if (f.status !== undefined) this.#reachable();
  }

  /** Result of an offline probe (any HTTP answer below 500 means reachable). */
  probed(result: ApiResult<unknown>): void {
    if (result.ok || (result.failure.status !== undefined && result.failure.status < 500)) {
      this.observe(result);
      if (!this.#online) this.#goOnline();
      return;
    }
    this.#nextProbeAt = this.#opts.now() + this.#opts.probeIntervalMs;
    this.#detail = `SocialHub is unreachable: ${result.failure.message}`;
  }

  /** Key re-provisioned. */
  unblock(): void {
    if (this.#blocked === null) return;
    this.#blocked = null;
    this.#emit();
  }

  #reachable(): void {
    this.#failures = 0;
    this.#backoffUntil = 0;
    if (!this.#online) this.#goOnline();
  }

  #failure(message: string): void {
    this.#failures++;
    if (this.#online && this.#failures >= this.#opts.threshold) {
      this.#online = false;
      this.#detail = `SocialHub is unreachable (${this.#failures} failures in a row): ${message}`;
      this.#nextProbeAt = this.#opts.now() + this.#opts.probeIntervalMs;
      this.#emit();
    }
  }

  #goOnline(): void {
    this.#online = true;
    this.#onlineSince = this.#opts.now();
    this.#detail = null;
    this.#failures = 0;
    this.#emit();
  }

  #block(message: string): void {
    if (this.#blocked === message) return;
    this.#blocked = message;
    this.#emit();
  }

  #emit(): void {
    try {
      this.#opts.onChange?.(this.#online && this.#blocked === null, this.detail);
    } catch {
      // An observer's bug must not change what the engine does.
    }
  }
}
