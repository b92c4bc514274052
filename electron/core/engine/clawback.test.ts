/** Returns: proportional and explicit clawbacks, the cap (pending counted), refusals, duplicates, coupon flags. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { COUPON_RETURN_FLAG } from './index.ts';
import { settle, startHarness } from './testing/harness.ts';
import type { Harness } from './testing/harness.ts';

const M = DEMO.newMember;
let h: Harness;
afterEach(async () => h?.close());

async function sale(hh: Harness, posTxnId: string, points = 100, saleTotalMinor = 5000): Promise<void> {
  const out = await hh.engine.award({ memberId: M, posTxnId, points, saleTotalMinor });
  expect(out.status).toBe('confirmed');
}

describe('clawback', () => {
  it('partial returns take back the returned share; the last one is capped at what is left', async () => {
    h = await startHarness();
    await sale(h, 's1'); // 100 points for 50.00
    const r1 = await h.engine.clawback({ posTxnId: 's1', returnId: 'R1', returnedAmountMinor: 2000 });
    expect(r1).toMatchObject({ status: 'confirmed', points: -40 });
    expect(r1.row?.description).toBe('Return · store st_nyc_01 · till T1 · txn s1 · return R1');
    expect(r1.row?.parentId).toBe(h.engine.saleSummary('s1').award?.id);
    const r2 = await h.engine.clawback({ posTxnId: 's1', returnId: 'R2', mode: 'points', points: 90 });
    expect(r2).toMatchObject({ status: 'confirmed', points: -60 });
    expect(r2.message).toContain('Capped at the 60 points left');
    const r3 = await h.engine.clawback({ posTxnId: 's1', returnId: 'R3', returnedAmountMinor: 100 });
    expect(r3).toMatchObject({ status: 'rejected', row: null });
    expect(r3.message).toContain('already been taken back');
    expect(await h.engine.clawback({ posTxnId: 's1', returnId: 'R1', returnedAmountMinor: 2000 })).toMatchObject({ status: 'duplicate', points: -40 });
    expect(h.sandbox.balance(M)).toBe(0);
    expect(h.engine.saleSummary('s1')).toMatchObject({ awarded: 100, clawedBack: 100, pendingClawback: 0, reversible: 0 });
  });

  it('clawbacks not yet confirmed count against the cap', async () => {
    h = await startHarness();
    await sale(h, 's2');
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const pending = await h.engine.clawback({ posTxnId: 's2', returnId: 'R1', mode: 'points', points: 80 });
    expect(pending.status).toBe('checking');
    expect(h.engine.saleSummary('s2')).toMatchObject({ clawedBack: 0, pendingClawback: 80, reversible: 20 });
    const capped = await h.engine.clawback({ posTxnId: 's2', returnId: 'R2', returnedAmountMinor: 5000 });
    expect(capped.points).toBe(-20);
    // Sent at once, or (if the link is still backing off after the drop) by the drainer.
    expect(['confirmed', 'queued']).toContain(capped.status);
    await settle(h.engine, h.journal, pending.row!.id);
    await settle(h.engine, h.journal, capped.row!.id);
    expect(h.engine.saleSummary('s2')).toMatchObject({ clawedBack: 100, pendingClawback: 0, reversible: 0 });
    expect(h.sandbox.balance(M)).toBe(0);
    expect(h.copies(pending.row!)).toBe(1);
  });

  it('refuses a sale that is not in the journal or was never confirmed', async () => {
    h = await startHarness();
    const none = await h.engine.clawback({ posTxnId: 'nope', returnId: 'R1', returnedAmountMinor: 100 });
    expect(none).toMatchObject({ status: 'rejected', row: null });
    expect(none.message).toContain("not in this till's journal");
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'rateLimit', retryAfter: '30', count: 1 });
    expect((await h.engine.award({ memberId: M, posTxnId: 's3', points: 10, saleTotalMinor: 1000 })).status).toBe('queued');
    const early = await h.engine.clawback({ posTxnId: 's3', returnId: 'R1', returnedAmountMinor: 100 });
    expect(early).toMatchObject({ status: 'rejected', row: null });
    expect(early.message).toContain('not confirmed (Waiting to send)');
    expect(h.engine.saleSummary('s3').blocker).toContain('not confirmed');
  });

  it('needs the sale total for a proportional return; explicit points work without it', async () => {
    h = await startHarness();
    expect((await h.engine.award({ memberId: M, posTxnId: 's4', points: 50 })).status).toBe('confirmed');
    const prop = await h.engine.clawback({ posTxnId: 's4', returnId: 'R1', returnedAmountMinor: 100 });
    expect(prop.message).toContain('enter the points instead');
    expect(await h.engine.clawback({ posTxnId: 's4', returnId: 'R1', points: 5 })).toMatchObject({ status: 'confirmed', points: -5 });
    const tiny = await h.engine.award({ memberId: M, posTxnId: 's5', points: 1, saleTotalMinor: 10000 });
    expect(tiny.status).toBe('confirmed');
    expect((await h.engine.clawback({ posTxnId: 's5', returnId: 'R1', returnedAmountMinor: 1 })).message).toContain('takes back 0 points');
  });

  it('flags a return of a sale on which a coupon was redeemed', async () => {
    h = await startHarness();
    const coupon = DEMO.spareCoupons[0];
    const member = DEMO.spareCouponMember;
    expect((await h.engine.redeem({ couponId: coupon, memberId: member, linkedPosTxnId: 's6' })).verdict).toBe('honor');
    expect((await h.engine.award({ memberId: member, posTxnId: 's6', points: 40, saleTotalMinor: 2000 })).status).toBe('confirmed');
    const summary = h.engine.saleSummary('s6');
    expect(summary.redemptions.map((r) => r.couponId)).toEqual([coupon]);
    const out = await h.engine.clawback({ posTxnId: 's6', returnId: 'R1', returnedAmountMinor: 2000 });
    expect(out.status).toBe('confirmed');
    expect(out.message).toContain('a manager has been flagged');
    expect(out.row?.note).toMatch(new RegExp(`^${COUPON_RETURN_FLAG} coupon ${coupon}`));
    expect(h.journal.events(out.row!.id).some((e) => e.type === 'note' && e.actor === 'till-engine')).toBe(true);
  });

  it('business-day scope: the return names the sale’s day, in key and marker', async () => {
    h = await startHarness({ config: { txnIdScope: 'business-day', businessDate: () => '2026-11-25' } });
    await h.engine.award({ memberId: M, posTxnId: '9', points: 10, saleTotalMinor: 1000, businessDate: '2026-11-24' });
    expect((await h.engine.clawback({ posTxnId: '9', returnId: 'R1', returnedAmountMinor: 500 })).status).toBe('rejected');
    const out = await h.engine.clawback({ posTxnId: '9', returnId: 'R1', returnedAmountMinor: 500, businessDate: '2026-11-24' });
    expect(out).toMatchObject({ status: 'confirmed', points: -5 });
    expect(out.row?.dedupKey).toBe('clawback:st_nyc_01:2026-11-24:9:R1');
    expect(out.row?.description).toBe('Return · store st_nyc_01 · till T1 · day 2026-11-24 · txn 9 · return R1');
  });
});
