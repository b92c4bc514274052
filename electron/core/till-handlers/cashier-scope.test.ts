/**
 * What a cashier-level caller (a locked till, or a page that calls the bridge directly) can read
 * and redeem, through the real door with a real sandbox, journal and engine: only the rows its own
 * writes produced, without the manager's notes; only coupons on a card shown in this session; and
 * nothing of the API's replies beyond the fields the till declares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeContract } from '../../../shared/ipc/contract.ts';
import type { FetchFn } from '../api/http.ts';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';
import { testRow } from '../../../shared/journal/testing/test-row.ts';

let n = 0;
const txn = (): string => `C${Date.now().toString(36)}${++n}`;
const redeemPosts = (kit: TillKit): number => kit.sandbox().audit().filter((a) => a.method === 'POST' && a.path.includes('/redeem')).length;

describe('journal:detail for a cashier (finding 3)', () => {
  let kit: TillKit;
  beforeAll(async () => {
    kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 } });
  });
  afterAll(() => kit.close());

  const SECRET_NOTE = 'Refund agreed with the area manager, ref 7731';

  it("a locked till cannot read a manager's adjustment note, by any row id", async () => {
    await kit.unlock();
    const adj = await kit.call('adjustmentSubmit', { memberId: DEMO.goldMember, points: 12, reasonCode: 'GOODWILL', note: SECRET_NOTE, ref: 'scope-note-1' });
    expect(adj).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const adjId = adj.ok ? adj.value.row!.id : 0;
    await kit.pin.lock();

    // The attack: row ids are sequential, so walk them all.
    const maxId = adjId + 5;
    for (let id = 1; id <= maxId; id++) {
      const r = await kit.call('journalDetail', { id });
      expect(r, `row ${id}`).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(JSON.stringify(r)).not.toContain('7731');
    }
    // The manager's own view is behind the PIN.
    expect(await kit.call('journalRow', { id: adjId })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await kit.unlock();
    expect(await kit.call('journalRow', { id: adjId })).toMatchObject({ ok: true, value: { row: { id: adjId, kind: 'adjustment' } } });
  });

  it('follows the rows its own writes produced, without notes, resolution or history', async () => {
    await kit.unlock();
    await kit.call('memberCard', { memberId: DEMO.spareCouponMember });
    const sale = await kit.call('awardSubmit', { memberId: DEMO.spareCouponMember, posTxnId: txn(), saleTotal: '40.00' });
    expect(sale).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const posTxnId = sale.ok ? sale.value.row!.posTxnId! : '';
    const couponId = DEMO.spareCoupons[4];
    expect(await kit.call('couponRedeem', { couponId, memberId: DEMO.spareCouponMember, linkedPosTxnId: posTxnId })).toMatchObject({ ok: true, value: { verdict: 'honor' } });
    const ret = await kit.call('saleReturn', { posTxnId, returnId: 'R1', mode: 'proportional', returnedAmount: '40.00' });
    const clawbackId = ret.ok ? ret.value.row!.id : 0;
    // A manager's decision on that return is a note in the clawback's history.
    const decision = 'Customer keeps the coupon, decided by the duty manager 4410';
    expect(await kit.call('exceptionResolve', { clawbackId, note: decision })).toMatchObject({ ok: true });
    await kit.pin.lock();

    const detail = await kit.call('journalDetail', { id: clawbackId });
    expect(detail).toMatchObject({ ok: true, value: { row: { id: clawbackId, kind: 'clawback', state: 'confirmed' }, attempts: [{ n: 1, kind: 'send' }] } });
    if (!detail.ok) return;
    expect(Object.keys(detail.value).sort()).toEqual(['attempts', 'row']);
    for (const key of ['note', 'resolution', 'resolvedBy']) expect(detail.value.row).not.toHaveProperty(key);
    expect(JSON.stringify(detail)).not.toContain('4410');
    // The sale look-up (any sale, for returns) answers rows without notes too.
    const lookup = await kit.call('saleLookup', { posTxnId });
    expect(lookup).toMatchObject({ ok: true, value: { found: true } });
    if (lookup.ok) for (const row of [lookup.value.award!, ...lookup.value.clawbacks, ...lookup.value.redemptions]) expect(row).not.toHaveProperty('note');
  });

  it('answers a row it did not produce exactly as a row that does not exist', async () => {
    const missing = await kit.call('journalDetail', { id: 999_999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('not made on this screen') as unknown } });
  });

  it('omits notes and resolutions by schema, whatever the implementation returns', () => {
    const row = { note: 'manager note', resolution: 'closed by the manager', resolvedBy: 'manager@T1' };
    const cashierDetail = invokeContract.journalDetail.response;
    const parsed = cashierDetail.safeParse({ row: testRow(row), attempts: [], history: [{ detail: 'x' }] });
    expect(parsed.success).toBe(true);
    expect(JSON.stringify(parsed.data)).not.toMatch(/manager note|closed by the manager|history/);
    const outcome = invokeContract.awardSubmit.response.safeParse({ status: 'confirmed', message: '', localized: { messageId: 'write.outcome.confirmed' }, points: 1, balance: 1, stale: false, row: testRow(row) });
    expect(JSON.stringify(outcome.data)).not.toMatch(/manager note|closed by the manager/);
  });
});

describe('coupon:redeem needs the card of the member it names (finding 4)', () => {
  let kit: TillKit;
  beforeAll(async () => {
    kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 } });
  });
  afterAll(() => kit.close());

  it("refuses one member's coupon redeemed for a member whose card was never shown", async () => {
    const before = redeemPosts(kit);
    // No card shown at all: the page names the coupon's owner.
    expect(await kit.call('couponRedeem', { couponId: DEMO.spareCoupons[0], memberId: DEMO.spareCouponMember })).toMatchObject({ ok: false, error: { code: 'CARD_NOT_SHOWN' } });
    // Another member's card is up: the page names that member for Grace's coupon.
    await kit.call('memberCard', { memberId: DEMO.memberWithCoupons });
    const crossed = await kit.call('couponRedeem', { couponId: DEMO.spareCoupons[0], memberId: DEMO.memberWithCoupons });
    expect(crossed).toMatchObject({ ok: false, error: { code: 'CARD_NOT_SHOWN', message: expect.stringContaining('not on the card shown') as unknown } });
    // A bare scan of Grace's coupon with only Ava's card shown.
    expect(await kit.call('couponRedeem', { couponId: DEMO.spareCoupons[0] })).toMatchObject({ ok: false, error: { code: 'CARD_NOT_SHOWN' } });
    expect(redeemPosts(kit)).toBe(before); // nothing reached SocialHub
  });

  it('redeems once the owner’s card was shown and lists the coupon', async () => {
    await kit.call('memberCard', { memberId: DEMO.spareCouponMember });
    expect(await kit.call('couponRedeem', { couponId: DEMO.spareCoupons[0], memberId: DEMO.spareCouponMember })).toMatchObject({ ok: true, value: { verdict: 'honor' } });
  });

  it('refuses when the card is older than the freshness window', async () => {
    let offset = 0;
    const aged = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000, cardFreshnessMinutes: 5 }, clock: { now: () => Date.now() + offset } });
    try {
      await aged.call('memberCard', { memberId: DEMO.spareCouponMember });
      offset = 6 * 60_000;
      const r = await aged.call('couponRedeem', { couponId: DEMO.spareCoupons[1], memberId: DEMO.spareCouponMember });
      expect(r).toMatchObject({ ok: false, error: { code: 'CARD_NOT_SHOWN', message: expect.stringContaining('more than 5 minutes old') as unknown } });
      expect(redeemPosts(aged)).toBe(0);
    } finally {
      await aged.close();
    }
  });
});

describe('IPC replies carry only declared fields (finding 7)', () => {
  let kit: TillKit;
  let injected = 0;
  /** A hostile (or simply richer) API: every JSON object in every reply gains personal data. */
  const hostileFetch: FetchFn = async (input, init) => {
    const res = await fetch(input, init);
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json')) return res;
    const add = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(add);
      if (v !== null && typeof v === 'object') {
        injected++;
        return { ...Object.fromEntries(Object.entries(v).map(([k, x]) => [k, add(x)])), email: 'ava.chen@example.com', dob: '1990-04-02' };
      }
      return v;
    };
    const body = JSON.stringify(add(await res.json()));
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
  beforeAll(async () => {
    kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 }, fetch: hostileFetch });
  });
  afterAll(() => kit.close());

  it("a member's email and date of birth from the API do not reach the renderer", async () => {
    const card = await kit.call('memberCard', { memberId: DEMO.memberWithCoupons });
    expect(card).toMatchObject({ ok: true, value: { member: { ok: true, value: { id: DEMO.memberWithCoupons } }, coupons: { ok: true } } });
    expect(injected).toBeGreaterThan(0); // the replies did carry them
    const json = JSON.stringify(card);
    expect(json).not.toContain('example.com');
    expect(json).not.toContain('1990-04-02');
    expect(json).not.toMatch(/"email"|"dob"/);
    await kit.unlock();
    const stores = await kit.call('storesList', { limit: 2, offset: 0 });
    expect(stores).toMatchObject({ ok: true });
    expect(JSON.stringify(stores)).not.toMatch(/"email"|"dob"/);
  });

  it('no IPC response schema lets unknown keys through', () => {
    const loose: string[] = [];
    for (const [key, channel] of Object.entries(invokeContract)) walk(channel.response, key, loose, new Set());
    expect(loose).toEqual([]);
  });
});

/** Every object schema reachable from `schema` whose unknown keys are kept (looseObject, passthrough, catchall). */
function walk(schema: unknown, where: string, loose: string[], seen: Set<unknown>): void {
  if (schema === null || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (def === undefined) return;
  if (def.type === 'object') {
    const catchall = (def.catchall as { _zod?: { def?: { type?: string } } } | undefined)?._zod?.def?.type;
    if (catchall !== undefined && catchall !== 'never') loose.push(where);
    for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) walk(v, `${where}.${k}`, loose, seen);
    return;
  }
  for (const [k, v] of Object.entries(def)) {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}.${k}[${i}]`, loose, seen));
    else walk(v, where, loose, seen);
  }
}
