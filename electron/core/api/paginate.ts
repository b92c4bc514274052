/**
 * Offset pagination for the reconciliation jobs (stores, roster, a member's ledger). Waits out
 * 429s on the same page; any other failure ends the walk with a typed error rather than a
 * silently short list.
 */
import { PAGE_LIMIT_MAX } from '../../../shared/api/schemas.ts';
import type { LedgerTransaction, RosterMember, Store } from '../../../shared/api/schemas.ts';
import type { SocialHubClient } from './client.ts';
import type { ApiFailure, ApiResult } from './failure.ts';

export interface Page<T> {
  items: T[];
  offset: number;
  total: number;
}

export type FetchPage<T> = (limit: number, offset: number) => Promise<ApiResult<{ items: T[]; total: number }>>;

export interface PaginateOptions<T> {
  /** Clamped to 1..PAGE_LIMIT_MAX. */
  pageSize?: number;
  startOffset?: number;
  signal?: AbortSignal;
  /** Consecutive 429s tolerated on one page before giving up. */
  maxRateLimitWaits?: number;
  /** Used when a 429 has no usable Retry-After: doubles per consecutive wait, capped. */
  defaultRetryMs?: number;
  maxRetryMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Fraction of jitter added on top of the wait, so several tills do not retry in lockstep. */
  random?: () => number;
  onPage?: (page: Page<T>) => void;
}

export class PaginationError extends Error {
  override name = 'PaginationError';
  readonly failure: ApiFailure;
  readonly offset: number;
  constructor(failure: ApiFailure, offset: number, message = `${failure.message} (page at offset ${offset})`) {
    super(message);
    this.failure = failure;
    this.offset = offset;
  }
}

export const MAX_RATE_LIMIT_WAITS_DEFAULT = 10;

export async function* paginate<T>(fetchPage: FetchPage<T>, options: PaginateOptions<T> = {}): AsyncGenerator<Page<T>, void, undefined> {
  const pageSize = Math.max(1, Math.min(PAGE_LIMIT_MAX, Math.floor(options.pageSize ?? PAGE_LIMIT_MAX)));
  const maxWaits = options.maxRateLimitWaits ?? MAX_RATE_LIMIT_WAITS_DEFAULT;
  const defaultRetryMs = options.defaultRetryMs ?? 1000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const { signal } = options;

  let offset = Math.max(0, Math.floor(options.startOffset ?? 0));
  let waits = 0;
  for (;;) {
    signal?.throwIfAborted();
    const result = await fetchPage(pageSize, offset);
    if (!result.ok) {
      const { failure } = result;
      if (failure.reason !== 'rate-limited') throw new PaginationError(failure, offset);
      if (waits >= maxWaits) {
        throw new PaginationError(failure, offset, `${failure.message} (still rate-limited after ${waits} waits at offset ${offset})`);
      }
      const base = failure.retryAfterMs ?? Math.min(maxRetryMs, defaultRetryMs * 2 ** waits);
      waits += 1;
      // Retry-After is a lower bound; jitter only ever adds.
      await sleep(base + Math.round(base * 0.1 * random()), signal);
      continue;
    }
    waits = 0;
    const { items, total } = result.value;
    const page: Page<T> = { items, offset, total };
    options.onPage?.(page);
    yield page;
    offset += items.length;
    // An empty page ends the walk even if `total` claims more, or a shrinking list would loop forever.
    if (items.length === 0 || offset >= total) return;
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const mapPage = <P, T>(result: ApiResult<P>, pick: (value: P) => { items: T[]; total: number }): ApiResult<{ items: T[]; total: number }> =>
  result.ok ? { ...result, value: pick(result.value) } : result;

export function paginateStores(client: Pick<SocialHubClient, 'listStores'>, options?: PaginateOptions<Store>): AsyncGenerator<Page<Store>, void, undefined> {
  return paginate(async (limit, offset) => mapPage(await client.listStores({ limit, offset }), (v) => ({ items: v.stores, total: v.total })), options);
}

/** The roster, e.g. `{ status: 'active' }` as the integration guide does; no filter when omitted. */
export function paginateMembers(
  client: Pick<SocialHubClient, 'listMembers'>,
  filter: { status?: string } = {},
  options?: PaginateOptions<RosterMember>,
): AsyncGenerator<Page<RosterMember>, void, undefined> {
  return paginate(
    async (limit, offset) =>
      mapPage(await client.listMembers({ ...filter, limit, offset }), (v) => ({ items: v.members, total: v.total })),
    options,
  );
}

/**
 * A member's ledger, newest first. The ledger can grow while we walk it (new entries shift
 * later pages), so a caller looking for a marker should tolerate seeing an entry twice.
 */
export function paginateLedger(
  client: Pick<SocialHubClient, 'getPoints'>,
  memberId: string,
  options?: PaginateOptions<LedgerTransaction>,
): AsyncGenerator<Page<LedgerTransaction>, void, undefined> {
  return paginate(
    async (limit, offset) =>
      mapPage(await client.getPoints(memberId, { limit, offset }), (v) => ({ items: v.transactions, total: v.total })),
    options,
  );
}
