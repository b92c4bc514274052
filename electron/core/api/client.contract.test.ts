/**
 * Contract tests: the client against the real embedded sandbox over loopback HTTP. Every
 * endpoint, every error status, and each fault mode classified the way exactly-once needs.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, startSandbox } from '../../sandbox/server.ts';
import type { SandboxHandle } from '../../sandbox/server.ts';
import type { SocialHubClient, SocialHubClientOptions } from './client.ts';
import { createSocialHubClient } from './client.ts';
import type { ApiCallRecord, ApiFailure, ApiResult } from './failure.ts';
import { paginateLedger, paginateMembers, paginateStores } from './paginate.ts';
import { HOSTILE_IDS } from './testing/loopback-servers.ts';

let sandbox: SandboxHandle;
let write: SocialHubClient;
let read: SocialHubClient;
let other: SocialHubClient;

const client = (apiKey: string, extra: Partial<SocialHubClientOptions> = {}): SocialHubClient =>
  createSocialHubClient({ baseUrl: sandbox.url, apiKey, timeoutMs: 3000, ...extra });

beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true });
  write = client(sandbox.keys.write);
  read = client(sandbox.keys.read);
  other = client(sandbox.keys.otherTenant);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.failure.message}`);
  return result.value;
}

function failureOf(result: ApiResult<unknown>): ApiFailure {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  for (const key of Object.values(sandbox.keys)) expect(result.failure.message).not.toContain(key);
  return result.failure;
}

/** A per-test marker, as the exactly-once engine will embed one in each description. */
let seq = 0;
const marker = (): string => `In-store purchase · store ${DEMO.storeId} · txn CT-${process.pid}-${++seq}`;
const hasMarker = (memberId: string, description: string): number =>
  sandbox.ledger(memberId).filter((t) => t.description === description).length;

/**
 * After a client timeout the sandbox keeps working on the request (as a real server would) and
 * audits it when done; wait for that so it cannot bleed into the next test.
 */
async function untilAudited(pathSuffix: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!sandbox.audit().some((e) => e.path.endsWith(pathSuffix))) {
    if (Date.now() > deadline) throw new Error(`sandbox never finished ${pathSuffix}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('every endpoint, happy path', () => {
  it('GET /stores and /stores/{id}', async () => {
    const page = valueOf(await write.listStores({ limit: 200, offset: 0 }));
    expect(page.stores.map((s) => s.id)).toEqual(expect.arrayContaining([...DEMO.storeIds]));
    expect(page.total).toBe(page.stores.length);
    const store = valueOf(await write.getStore(DEMO.storeId));
    expect(store.id).toBe(DEMO.storeId);
    expect(valueOf(await write.getStore(DEMO.inactiveStoreId)).status).toBe('inactive');
  });

  it('GET /members (with and without a status filter) and /members/{id}', async () => {
    const all = valueOf(await read.listMembers({ limit: 50, offset: 0 }));
    const active = valueOf(await read.listMembers({ status: 'active', limit: 50, offset: 0 }));
    expect(all.members).toHaveLength(50);
    expect(active.members.every((m) => m.status === 'active')).toBe(true);
    expect(active.total).toBeLessThan(all.total);
    const ava = valueOf(await read.getMember(DEMO.memberWithCoupons));
    expect(ava).toMatchObject({ id: DEMO.memberWithCoupons, name: DEMO.memberWithCouponsName });
  });

  it('GET /members/{id}/points agrees with the sandbox ledger', async () => {
    const page = valueOf(await read.getPoints(DEMO.goldMember, { limit: 200, offset: 0 }));
    const ledger = sandbox.ledger(DEMO.goldMember);
    expect(page.total).toBe(ledger.length);
    expect(page.total).toBeGreaterThan(200);
    expect(page.transactions).toHaveLength(200);
    expect(page.transactions[0]).toEqual(ledger[0]);
    expect(page.balance).toBe(sandbox.balance(DEMO.goldMember));
  });

  it('POST /members/{id}/points applies once and returns the new balance', async () => {
    const before = sandbox.balance(DEMO.memberWithCoupons);
    const description = marker();
    const result = valueOf(await write.postPoints(DEMO.memberWithCoupons, { amount: 42, description }));
    expect(result.balance).toBe(before + 42);
    expect(sandbox.ledger(DEMO.memberWithCoupons)[0]).toMatchObject({ id: result.transactionId, amount: 42, description });
    // A compensating adjustment (a return) is a negative amount.
    const back = valueOf(await write.postPoints(DEMO.memberWithCoupons, { amount: -42, description: `Return · ${description}` }));
    expect(back.balance).toBe(before);
  });

  it('GET /members/{id}/tier, including the top tier with no next', async () => {
    const ava = valueOf(await read.getTier(DEMO.memberWithCoupons));
    expect(ava.tier.name).toBe('Silver');
    expect(ava.next?.name).toBe('Gold');
    expect(valueOf(await read.getTier(DEMO.platinumMember)).next).toBeNull();
  });

  it('GET /members/{id}/coupons and POST /coupons/{id}/redeem (200 honoured, then 404 not honoured)', async () => {
    const coupons = valueOf(await read.getCoupons(DEMO.memberWithCoupons)).coupons;
    expect(coupons.filter((c) => c.status === 'active').map((c) => c.id).sort()).toEqual([...DEMO.activeCoupons].sort());
    const [couponId] = DEMO.spareCoupons;
    expect(valueOf(await write.redeemCoupon(couponId))).toMatchObject({ id: couponId, status: 'redeemed' });
    const again = failureOf(await write.redeemCoupon(couponId));
    expect(again).toMatchObject({ classification: 'not-applied', reason: 'http', status: 404, code: 'not_found' });
    expect(failureOf(await write.redeemCoupon(DEMO.redeemedCoupon)).status).toBe(404);
    expect(failureOf(await write.redeemCoupon(DEMO.expiredCoupon)).status).toBe(404);
  });
});

describe('error statuses', () => {
  it('another tenant’s member, store and coupon are a plain 404 (not-applied), both ways', async () => {
    const { otherTenant } = DEMO;
    for (const result of [
      await write.getMember(otherTenant.memberId),
      await write.getStore(otherTenant.storeId),
      await write.getPoints(otherTenant.memberId, { limit: 10, offset: 0 }),
      await write.postPoints(otherTenant.memberId, { amount: 5, description: marker() }),
      await write.redeemCoupon(otherTenant.couponId),
      await other.getMember(DEMO.memberWithCoupons),
      await other.postPoints(DEMO.memberWithCoupons, { amount: 5, description: marker() }),
      await other.redeemCoupon(DEMO.spareCoupons[1]),
    ]) {
      expect(failureOf(result)).toMatchObject({ classification: 'not-applied', reason: 'http', status: 404, code: 'not_found' });
    }
    expect(valueOf(await other.getMember(otherTenant.memberId)).id).toBe(otherTenant.memberId);
    expect(valueOf(await read.getCoupons(DEMO.spareCouponMember)).coupons.find((c) => c.id === DEMO.spareCoupons[1])?.status).toBe('active');
  });

  it('403 for a read-only key on both writes, and nothing is applied', async () => {
    const description = marker();
    const award = failureOf(await read.postPoints(DEMO.memberWithCoupons, { amount: 5, description }));
    expect(award).toMatchObject({ classification: 'not-applied', reason: 'http', status: 403, code: 'forbidden', endpoint: 'POST /members/{id}/points' });
    expect(failureOf(await read.redeemCoupon(DEMO.spareCoupons[2]))).toMatchObject({ status: 403, classification: 'not-applied' });
    expect(hasMarker(DEMO.memberWithCoupons, description)).toBe(0);
  });

  it('401 for an unknown key, with the key masked', async () => {
    const unknownKey = 'fl_test_00000000000000000000000000000000';
    const f = failureOf(await client(unknownKey).getMember(DEMO.memberWithCoupons));
    expect(f).toMatchObject({ classification: 'not-applied', reason: 'http', status: 401, code: 'unauthorized' });
    expect(f.message).not.toContain(unknownKey);
  });

  it('400 for limit=500 (raw fetch: the client refuses to send it)', async () => {
    const res = await fetch(`${sandbox.url}/members?limit=500&offset=0`, { headers: { authorization: `Bearer ${sandbox.keys.read}` } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');

    const auditBefore = sandbox.audit().length;
    const f = failureOf(await read.listMembers({ limit: 500, offset: 0 }));
    expect(f).toMatchObject({ classification: 'not-applied', reason: 'invalid-input' });
    expect(sandbox.audit()).toHaveLength(auditBefore);
  });

  it('400 for a claw-back that would overdraw the balance (server-side rule)', async () => {
    const f = failureOf(await write.postPoints(DEMO.newMember, { amount: -5, description: marker() }));
    expect(f).toMatchObject({ classification: 'not-applied', reason: 'http', status: 400, code: 'insufficient_balance' });
  });

  it('429 from the real token bucket carries Retry-After as retryAfterMs', async () => {
    sandbox.setRateLimit({ capacity: 2, refillPerSecond: 0.5 });
    valueOf(await read.getMember(DEMO.newMember));
    valueOf(await read.getMember(DEMO.newMember));
    const f = failureOf(await read.getMember(DEMO.newMember));
    expect(f).toMatchObject({ classification: 'not-applied', reason: 'rate-limited', status: 429, code: 'rate_limited' });
    expect(f.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(f.retryAfterMs).toBeLessThanOrEqual(2000);
  });

  it('hostile ids never reach the sandbox', async () => {
    const before = sandbox.audit().length;
    for (const id of HOSTILE_IDS) {
      expect(failureOf(await write.postPoints(id as string, { amount: 1, description: marker() })).reason).toBe('invalid-input');
      expect(failureOf(await write.redeemCoupon(id as string)).reason).toBe('invalid-input');
      expect(failureOf(await write.getPoints(id as string, { limit: 1, offset: 0 })).reason).toBe('invalid-input');
    }
    expect(sandbox.audit()).toHaveLength(before);
  });
});

describe('fault modes', () => {
  const POINTS_ROUTE = 'POST /members/:id/points' as const;

  it('applyThenDrop → unknown-outcome, and the ledger shows it applied exactly once', async () => {
    sandbox.addFault({ route: POINTS_ROUTE, kind: 'applyThenDrop', count: 1 });
    const description = marker();
    const f = failureOf(await write.postPoints(DEMO.memberWithCoupons, { amount: 7, description }));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'reset', endpoint: 'POST /members/{id}/points' });
    expect(hasMarker(DEMO.memberWithCoupons, description)).toBe(1);
    // Reconciliation reads the ledger back through the client and finds the marker.
    const page = valueOf(await read.getPoints(DEMO.memberWithCoupons, { limit: 50, offset: 0 }));
    expect(page.transactions.filter((t) => t.description === description)).toHaveLength(1);
  });

  it('applyThenDrop on redeem → unknown-outcome, and the coupon is redeemed', async () => {
    const couponId = DEMO.spareCoupons[3];
    sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    expect(failureOf(await write.redeemCoupon(couponId))).toMatchObject({ classification: 'unknown-outcome', reason: 'reset' });
    const coupons = valueOf(await read.getCoupons(DEMO.spareCouponMember)).coupons;
    expect(coupons.find((c) => c.id === couponId)?.status).toBe('redeemed');
  });

  it('dropBeforeApply → unknown-outcome (we cannot tell), and nothing was applied', async () => {
    sandbox.addFault({ route: POINTS_ROUTE, kind: 'dropBeforeApply', count: 1 });
    const description = marker();
    const f = failureOf(await write.postPoints(DEMO.memberWithCoupons, { amount: 7, description }));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'reset' });
    expect(hasMarker(DEMO.memberWithCoupons, description)).toBe(0);
  });

  it('error5xx → unknown-outcome with the status and code', async () => {
    sandbox.addFault({ route: POINTS_ROUTE, kind: 'error5xx', count: 1 });
    sandbox.addFault({ route: 'GET /members/:id', kind: 'error5xx', status: 502, count: 1 });
    const description = marker();
    const f = failureOf(await write.postPoints(DEMO.memberWithCoupons, { amount: 7, description }));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'http', status: 503, code: 'service_unavailable' });
    expect(f.message).toMatch(/may have been applied/);
    expect(failureOf(await write.getMember(DEMO.newMember))).toMatchObject({ classification: 'unknown-outcome', status: 502 });
  });

  it('hang → timeout within the bound → unknown-outcome, not applied', async () => {
    sandbox.addFault({ route: POINTS_ROUTE, kind: 'hang', count: 1 });
    const description = marker();
    const started = performance.now();
    const f = failureOf(await client(sandbox.keys.write, { timeoutMs: 300 }).postPoints(DEMO.memberWithCoupons, { amount: 7, description }));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'timeout' });
    expect(hasMarker(DEMO.memberWithCoupons, description)).toBe(0);
  });

  it('applied, but answered slower than the timeout → timeout, unknown-outcome, and applied', async () => {
    sandbox.addFault({ route: POINTS_ROUTE, kind: 'latency', ms: 1000, phase: 'afterApply', count: 1 });
    const description = marker();
    const f = failureOf(await client(sandbox.keys.write, { timeoutMs: 300 }).postPoints(DEMO.memberWithCoupons, { amount: 7, description }));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'timeout' });
    expect(hasMarker(DEMO.memberWithCoupons, description)).toBe(1);
    await untilAudited(`/members/${DEMO.memberWithCoupons}/points`);
  });

  it('a slow GET past the timeout is a timeout too', async () => {
    sandbox.addFault({ route: 'GET /members/:id/coupons', kind: 'latency', ms: 1000, count: 1 });
    const f = failureOf(await client(sandbox.keys.read, { timeoutMs: 300 }).getCoupons(DEMO.memberWithCoupons));
    expect(f).toMatchObject({ reason: 'timeout', endpoint: 'GET /members/{id}/coupons' });
    await untilAudited(`/members/${DEMO.memberWithCoupons}/coupons`);
  });

  it.each([
    ['7', 7000],
    ['86400', 300_000],
    ['-5', undefined],
    ['abc', undefined],
    [null, undefined],
  ])('forced 429 with Retry-After %j → not-applied, retryAfterMs %j', async (retryAfter, expected) => {
    sandbox.addFault({ route: POINTS_ROUTE, kind: 'rateLimit', retryAfter, count: 1 });
    const description = marker();
    const f = failureOf(await write.postPoints(DEMO.memberWithCoupons, { amount: 7, description }));
    expect(f).toMatchObject({ classification: 'not-applied', reason: 'rate-limited', status: 429 });
    expect(f.retryAfterMs).toBe(expected);
    expect(hasMarker(DEMO.memberWithCoupons, description)).toBe(0);
  });

  it('forced 429 with an HTTP-date Retry-After', async () => {
    sandbox.addFault({ route: 'GET /stores', kind: 'rateLimit', retryAfter: new Date(Date.now() + 5000).toUTCString(), count: 1 });
    const f = failureOf(await read.listStores({ limit: 10, offset: 0 }));
    expect(f.retryAfterMs).toBeGreaterThan(2000);
    expect(f.retryAfterMs).toBeLessThanOrEqual(6000);
  });
});

describe('pagination against the sandbox', () => {
  it('walks the ≥ 450-member roster at 200 per page and hits total exactly', async () => {
    const offsets: number[] = [];
    const ids: string[] = [];
    let total = -1;
    for await (const page of paginateMembers(read, {}, { pageSize: 200 })) {
      offsets.push(page.offset);
      ids.push(...page.items.map((m) => m.id));
      total = page.total;
    }
    expect(total).toBeGreaterThanOrEqual(450);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(offsets).toEqual(Array.from({ length: Math.ceil(total / 200) }, (_, i) => i * 200));
  });

  it('waits out an injected 429 and retries the same page', async () => {
    sandbox.addFault({ route: 'GET /members', kind: 'rateLimit', retryAfter: '2', count: 1 });
    const sleeps: number[] = [];
    let count = 0;
    let total = 0;
    for await (const page of paginateMembers(read, { status: 'active' }, { sleep: (ms) => (sleeps.push(ms), Promise.resolve()), random: () => 0 })) {
      count += page.items.length;
      total = page.total;
    }
    expect(sleeps).toEqual([2000]);
    expect(count).toBe(total);
  });

  it('walks a ledger longer than one page and all stores', async () => {
    let ledgerCount = 0;
    for await (const page of paginateLedger(read, DEMO.goldMember)) ledgerCount += page.items.length;
    expect(ledgerCount).toBe(sandbox.ledger(DEMO.goldMember).length);
    const stores: string[] = [];
    for await (const page of paginateStores(read, { pageSize: 3 })) stores.push(...page.items.map((s) => s.id));
    expect(stores).toEqual(expect.arrayContaining([...DEMO.storeIds]));
  });
});

describe('activity records match the server audit', () => {
  it('one record per call, same path, status and key mask', async () => {
    const calls: ApiCallRecord[] = [];
    const since = Date.now();
    const c = client(sandbox.keys.write, { onCall: (r) => calls.push(r) });
    await c.getMember(DEMO.memberWithCoupons);
    await c.listMembers({ status: 'active', limit: 5, offset: 10 });
    await c.getMember(DEMO.otherTenant.memberId);
    const audit = sandbox.audit().filter((e) => Date.parse(e.at) >= since);
    expect(calls.map((r) => [r.method, `/api/v2${r.path}`, r.status, r.keyMask])).toEqual(
      audit.map((e) => [e.method, e.path, e.status, e.keyMask]),
    );
    expect(JSON.stringify(calls)).not.toContain(sandbox.keys.write);
  });
});
