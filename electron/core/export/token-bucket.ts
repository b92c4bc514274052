/**
 * Client-side pacing for the ERP jobs: a token bucket (`burst` requests at once, refilled at
 * `ratePerSecond`), so a long export stays under the per-key rate limit instead of leaning on
 * 429s. A 429 that still happens is waited out by `paginate` (Retry-After).
 */
import type { SocialHubClient } from '../api/index.ts';

export interface TokenBucketOptions {
  ratePerSecond: number;
  burst: number;
  /** Monotonic ms. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface TokenBucket {
  /** Resolves when a request may go. Callers are served in order. */
  take(signal?: AbortSignal): Promise<void>;
  readonly settings: { ratePerSecond: number; burst: number };
}

export const RATE_PER_SECOND_DEFAULT = 10;
export const BURST_DEFAULT = 10;

export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { ratePerSecond, burst } = options;
  if (!(Number.isFinite(ratePerSecond) && ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be > 0 (got ${ratePerSecond})`);
  if (!(Number.isInteger(burst) && burst >= 1)) throw new RangeError(`burst must be a whole number ≥ 1 (got ${burst})`);
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  let tokens = burst;
  let updatedAt = now();
  // Serialise waiters so a burst of callers cannot all see the same refilled token.
  let chain: Promise<void> = Promise.resolve();

  const takeOne = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      signal?.throwIfAborted();
      const t = now();
      tokens = Math.min(burst, tokens + ((t - updatedAt) / 1000) * ratePerSecond);
      updatedAt = t;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - tokens) / ratePerSecond) * 1000), signal);
    }
  };

  return {
    settings: { ratePerSecond, burst },
    take(signal) {
      const turn = chain.then(() => takeOne(signal));
      chain = turn.catch(() => undefined);
      return turn;
    },
  };
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type ReadClient = Pick<SocialHubClient, 'listStores' | 'listMembers' | 'getPoints'>;

/** The read calls of `client`, each waiting for a token first; `onRequest` counts them. */
export function pacedReadClient(client: ReadClient, bucket: TokenBucket, onRequest?: () => void): ReadClient {
  const gate = async (): Promise<void> => {
    await bucket.take();
    onRequest?.();
  };
  return {
    listStores: async (page) => {
      await gate();
      return client.listStores(page);
    },
    listMembers: async (params) => {
      await gate();
      return client.listMembers(params);
    },
    getPoints: async (memberId, page) => {
      await gate();
      return client.getPoints(memberId, page);
    },
  };
}
