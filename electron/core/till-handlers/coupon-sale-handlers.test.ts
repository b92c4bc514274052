/**
 * Coupons, returns and the manager's coupon-return exceptions through the real door (real
 * sandbox, journal and engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';

let kit: TillKit;
beforeAll(async () => {
  kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 } });
});
afterAll(() => kit.close());

let n = 0;
const id = (prefix: string): string => `${prefix}${Date.now().toString(36)}${++n}`;

async function award(memberId: string, saleTotal: string): Promise<{ posTxnId: string; points: number }> {
  await kit.call('memberCard', { memberId });
  const posTxnId = id('S');
  const r = await kit.call('awardSubmit', { memberId, posTxnId, saleTotal });
  if (!r.ok || r.value.status !== 'confirmed') throw new Error(`award failed: ${JSON.stringify(r)}`);
  return { posTxnId, points: r.value.points };
}

describe('coupons', () => {
  it('needs a member: the one named, or the one whose card is up and lists the coupon', async () => {
    const couponId = DEMO.spareCoupons[0];
    expect(await kit.call('couponRedeem', { couponId })).toMatchObject({ ok: false, error: { code: 'CARD_NOT_SHOWN' } });
    await kit.call('memberCard', { memberId: DEMO.spareCouponMember });
    expect(await kit.call('couponRedeem', { couponId })).toMatchObject({ ok: true, value: { verdict: 'honor', couponId } });
  });

  it('honours once, then refuses with the earlier redemption', async () => {
    const couponId = DEMO.spareCoupons[1];
    expect(await kit.call('couponRedeem', { couponId, memberId: DEMO.spareCouponMember })).toMatchObject({ ok: true, value: { verdict: 'honor' } });
    const again = await kit.call('couponRedeem', { couponId, memberId: DEMO.spareCouponMember });
    expect(again).toMatchObject({ ok: true, value: { verdict: 'do-not-honor' } });
    expect(again.ok && again.value.redeemedByThisTillAt).toEqual(expect.any(Number));
    expect(await kit.call('couponVerdict', { couponId })).toMatchObject({ ok: true, value: { couponId } });
  });

  it('refuses an already-redeemed coupon and a hostile id', async () => {
    await kit.call('memberCard', { memberId: DEMO.memberWithCoupons });
    expect(await kit.call('couponRedeem', { couponId: DEMO.redeemedCoupon, memberId: DEMO.memberWithCoupons })).toMatchObject({ ok: true, value: { verdict: 'do-not-honor' } });
    const before = kit.sandbox().audit().length;
    expect(await kit.call('couponRedeem', { couponId: 'cp/../x', memberId: DEMO.memberWithCoupons })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(kit.sandbox().audit().length).toBe(before);
  });
});

describe('returns', () => {
  it('looks a sale up and takes back the returned share of its points', async () => {
    const sale = await award(DEMO.goldMember, '100.00'); // Gold ×1.5 → 150 points
    expect(sale.points).toBe(150);
    expect(await kit.call('saleLookup', { posTxnId: sale.posTxnId })).toMatchObject({ ok: true, value: { found: true, awarded: 150, reversible: 150, saleTotalMinor: 10_000, blocker: null } });
    const balance = kit.sandbox().balance(DEMO.goldMember);
    const r = await kit.call('saleReturn', { posTxnId: sale.posTxnId, returnId: 'R1', mode: 'proportional', returnedAmount: '25.00' });
    expect(r).toMatchObject({ ok: true, value: { status: 'confirmed', points: -37, row: { kind: 'clawback', returnId: 'R1' } } });
    expect(kit.sandbox().balance(DEMO.goldMember)).toBe(balance - 37);
    // The same return again is a duplicate, never a second clawback.
    expect(await kit.call('saleReturn', { posTxnId: sale.posTxnId, returnId: 'R1', mode: 'proportional', returnedAmount: '25.00' })).toMatchObject({ ok: true, value: { status: 'duplicate' } });
    expect(kit.sandbox().balance(DEMO.goldMember)).toBe(balance - 37);
  });

  it('caps explicit points at what is left, then has nothing to reverse', async () => {
    const sale = await award(DEMO.newMember, '10.00'); // Bronze ×1 → 10 points
    const r = await kit.call('saleReturn', { posTxnId: sale.posTxnId, returnId: 'R1', mode: 'points', points: 500 });
    expect(r.ok && r.value.status).toBe('confirmed');
    expect(r.ok && Math.abs(r.value.points)).toBe(10);
    expect(await kit.call('saleReturn', { posTxnId: sale.posTxnId, returnId: 'R2', mode: 'points', points: 1 })).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_REVERSE' } });
  });

  it('answers typed errors for unknown sales and missing amounts', async () => {
    expect(await kit.call('saleReturn', { posTxnId: 'NOPE1', returnId: 'R1', mode: 'points', points: 5 })).toMatchObject({ ok: false, error: { code: 'SALE_NOT_FOUND' } });
    expect(await kit.call('saleLookup', { posTxnId: 'NOPE1' })).toMatchObject({ ok: true, value: { found: false } });
    expect(await kit.call('saleReturn', { posTxnId: 'NOPE1', returnId: 'R1', mode: 'proportional' })).toMatchObject({ ok: false, error: { code: 'AMOUNT_INVALID' } });
    expect(await kit.call('saleReturn', { posTxnId: 'NOPE1', returnId: 'R1', mode: 'proportional', returnedAmount: '1.234' })).toMatchObject({ ok: false, error: { code: 'AMOUNT_INVALID' } });
    expect(await kit.call('saleReturn', { posTxnId: 'NOPE1', returnId: 'R1', mode: 'points' })).toMatchObject({ ok: false, error: { code: 'AMOUNT_INVALID' } });
  });
});

describe('coupon-return exceptions', () => {
  it('lists a return of a sale with a redeemed coupon; the decision is kept as a note', async () => {
    await kit.unlock();
    const sale = await award(DEMO.spareCouponMember, '40.00');
    const couponId = DEMO.spareCoupons[2];
    expect(await kit.call('couponRedeem', { couponId, memberId: DEMO.spareCouponMember, linkedPosTxnId: sale.posTxnId })).toMatchObject({ ok: true, value: { verdict: 'honor' } });
    const ret = await kit.call('saleReturn', { posTxnId: sale.posTxnId, returnId: 'R1', mode: 'proportional', returnedAmount: '40.00' });
    expect(ret.ok && ret.value.row?.kind).toBe('clawback');
    const clawbackId = ret.ok && ret.value.row !== null ? ret.value.row.id : 0;

    const list = await kit.call('exceptionsList');
    expect(list).toMatchObject({ ok: true, value: { items: [{ clawback: { id: clawbackId }, redemptions: [{ couponId }], decision: null }] } });

    expect(await kit.call('exceptionResolve', { clawbackId, note: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    const resolved = await kit.call('exceptionResolve', { clawbackId, note: 'Coupon value charged back to the customer.' });
    expect(resolved).toMatchObject({ ok: true, value: { items: [{ clawback: { id: clawbackId }, decision: { note: 'Coupon value charged back to the customer.', by: 'manager@T1' } }] } });
    // Nothing deleted or changed: the rows and their states stay as they were.
    expect(await kit.call('journalDetail', { id: clawbackId })).toMatchObject({ ok: true, value: { row: { state: 'confirmed' } } });
    expect(await kit.call('exceptionResolve', { clawbackId: sale.points, note: 'Not an exception at all.' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
