import { describe, expect, it } from 'vitest';
import type { ApiFailure, ApiResult } from './failure.ts';
import type { FetchPage, Page } from './paginate.ts';
import { paginate, paginateLedger, PaginationError } from './paginate.ts';
import type { SocialHubClient } from './client.ts';

type Items = { items: number[]; total: number };
const ok = (items: number[], total: number): ApiResult<Items> => ({ ok: true, value: { items, total }, status: 200, latencyMs: 1 });
const failure = (reason: ApiFailure['reason'], extra: Partial<ApiFailure> = {}): ApiResult<Items> => ({
  ok: false,
  failure: { classification: 'not-applied', reason, message: `GET /x: ${reason}`, endpoint: 'GET /x', latencyMs: 1, ...extra },
});

/** A list of `total` numbers served by offset, recording each call. */
function list(total: number, script: (call: number) => ApiResult<Items> | undefined = () => undefined) {
  const calls: [number, number][] = [];
  const fetchPage: FetchPage<number> = (limit, offset) => {
    calls.push([limit, offset]);
    const scripted = script(calls.length);
    if (scripted) return Promise.resolve(scripted);
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
    return Promise.resolve(ok(items, total));
  };
  return { calls, fetchPage };
}

async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const noSleep = { sleep: () => Promise.resolve(), random: () => 0 };

describe('paginate', () => {
  it('walks 450 items at 200 per page and stops exactly at total', async () => {
    const { calls, fetchPage } = list(450);
    const pages = await collect(paginate(fetchPage, { pageSize: 200 }));
    expect(calls).toEqual([[200, 0], [200, 200], [200, 400]]);
    expect(pages.map((p) => [p.offset, p.items.length, p.total])).toEqual([[0, 200, 450], [200, 200, 450], [400, 50, 450]]);
    expect(pages.flatMap((p) => p.items)).toEqual(Array.from({ length: 450 }, (_, i) => i));
  });

  it('clamps the page size to 200 and honours startOffset', async () => {
    const { calls, fetchPage } = list(500);
    await collect(paginate(fetchPage, { pageSize: 1000, startOffset: 250 }));
    expect(calls).toEqual([[200, 250], [200, 450]]);
  });

  it('makes one call for an empty list, and stops on an empty page even if total says more', async () => {
    const empty = list(0);
    expect(await collect(paginate(empty.fetchPage))).toEqual([{ items: [], offset: 0, total: 0 }]);
    const lying = list(10, (n) => (n === 2 ? ok([], 99) : n === 1 ? ok([1, 2], 99) : undefined));
    await collect(paginate(lying.fetchPage));
    expect(lying.calls).toHaveLength(2);
  });

  it('waits out a 429 for its Retry-After, then retries the same page', async () => {
    const sleeps: number[] = [];
    const { calls, fetchPage } = list(300, (n) => (n === 2 ? failure('rate-limited', { status: 429, retryAfterMs: 1500 }) : undefined));
    const pages = await collect(paginate(fetchPage, { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 0 }));
    expect(sleeps).toEqual([1500]);
    expect(calls.map(([, offset]) => offset)).toEqual([0, 200, 200]);
    expect(pages.flatMap((p) => p.items)).toHaveLength(300);
  });

  it('adds jitter on top of Retry-After, never below it', async () => {
    const sleeps: number[] = [];
    const { fetchPage } = list(10, (n) => (n === 1 ? failure('rate-limited', { retryAfterMs: 1000 }) : undefined));
    await collect(paginate(fetchPage, { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 0.999 }));
    expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
    expect(sleeps[0]).toBeLessThanOrEqual(1100);
  });

  it('backs off exponentially when a 429 carries no usable Retry-After', async () => {
    const sleeps: number[] = [];
    const { fetchPage } = list(10, (n) => (n <= 3 ? failure('rate-limited') : undefined));
    await collect(paginate(fetchPage, { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 0, defaultRetryMs: 100 }));
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('gives up after maxRateLimitWaits consecutive 429s with a typed error', async () => {
    const { calls, fetchPage } = list(10, () => failure('rate-limited', { retryAfterMs: 5 }));
    const error = await collect(paginate(fetchPage, { ...noSleep, maxRateLimitWaits: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).failure.reason).toBe('rate-limited');
    expect(calls).toHaveLength(3);
  });

  it('throws a PaginationError carrying the failure and offset on any other failure', async () => {
    const { fetchPage } = list(500, (n) => (n === 2 ? failure('http', { status: 401, classification: 'not-applied' }) : undefined));
    const seen: number[] = [];
    const walk = async () => {
      for await (const page of paginate(fetchPage)) seen.push(page.offset);
    };
    const error = await walk().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ offset: 200, failure: { status: 401 } });
    expect((error as Error).message).toBe('GET /x: http (page at offset 200)');
    expect(seen).toEqual([0]);
  });

  it('stops when the signal aborts, including during a rate-limit wait', async () => {
    const controller = new AbortController();
    const { fetchPage } = list(10, () => failure('rate-limited', { retryAfterMs: 60_000 }));
    setTimeout(() => controller.abort(new Error('shutting down')), 20);
    const error = await collect(paginate(fetchPage, { signal: controller.signal })).catch((e: unknown) => e);
    expect(error).toEqual(new Error('shutting down'));

    const before = list(10);
    await expect(collect(paginate(before.fetchPage, { signal: AbortSignal.abort() }))).rejects.toThrow();
    expect(before.calls).toHaveLength(0);
  });

  it('reports each page to onPage', async () => {
    const { fetchPage } = list(5);
    const seen: number[] = [];
    await collect(paginate(fetchPage, { pageSize: 2, onPage: (p) => seen.push(p.offset) }));
    expect(seen).toEqual([0, 2, 4]);
  });
});

describe('adapters', () => {
  it('paginateLedger maps transactions and forwards the member id', async () => {
    const requested: [string, number, number][] = [];
    const client: Pick<SocialHubClient, 'getPoints'> = {
      getPoints: (memberId, { limit, offset }) => {
        requested.push([memberId, limit, offset]);
        const tx = { id: `t${offset}`, amount: 1, description: 'd', createdAt: '2025-01-01T00:00:00Z', balanceAfter: 1 };
        return Promise.resolve({ ok: true, status: 200, latencyMs: 1, value: { memberId, balance: 1, total: 2, transactions: [tx] } });
      },
    };
    const pages = await collect(paginateLedger(client, 'm_1', { pageSize: 1 }));
    expect(requested).toEqual([['m_1', 1, 0], ['m_1', 1, 1]]);
    expect(pages.map((p) => p.items[0]?.id)).toEqual(['t0', 't1']);
  });
});
