/**
 * Coupons across tills and processes, against the real sandbox: a redeem is this till's only on
 * proof, is never sent in the background, and HONOR is shown once — or the row is in front of
 * the manager and the cashier is told not to honor it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import type { FetchFn } from '../api/http.ts';
import type { CrashPoint } from './index.ts';
import { TIMINGS, eventually } from './testing/harness.ts';
import { drainUntil, startTills } from './testing/tills.ts';
import type { Tills } from './testing/tills.ts';

const G = DEMO.spareCouponMember;
const [C1 = '', C2 = '', C3 = ''] = DEMO.spareCoupons;
/** Longer than any till's attempt window (request + settle + clock-skew allowance). */
const WALK_MS = 30_000;
let w: Tills;
afterEach(async () => w?.close());

const redeemPosts = (t: Tills): { status: number; faults?: string[] }[] =>
  t.sandbox.audit().filter((a) => a.method === 'POST' && a.path.includes('/redeem'));
const applied = (t: Tills, couponId: string): number =>
  t.sandbox.audit().filter((a) => a.method === 'POST' && a.path.includes(`/coupons/${couponId}/redeem`) && (a.status === 200 || a.faults?.includes('applyThenDrop'))).length;

/** Drops only the named till's coupon-list `redeemedAt` (an API that does not give it). */
function withoutRedeemedAt(): FetchFn {
  return async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/coupons')) return res;
    const body = (await res.json()) as { coupons: Record<string, unknown>[] };
    for (const c of body.coupons) delete c.redeemedAt;
    return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
  };
}

describe('another till’s redeem is never counted as ours', () => {
  it('till 1 dies before SocialHub applies it, the customer redeems at till 2: till 1 sends it to the manager, never HONOR', async () => {
    w = await startTills();
    const [t1, t2] = w.tills as [NonNullable<(typeof w.tills)[0]>, NonNullable<(typeof w.tills)[0]>];
    w.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'dropBeforeApply', count: 1 });
    const first = await t1.engine.redeem({ couponId: C1, memberId: G });
    expect(first.verdict).toBe('checking');
    w.advance(WALK_MS);
    expect(await t2.engine.redeem({ couponId: C1, memberId: G })).toMatchObject({ verdict: 'honor', reason: 'Redeemed — give the discount.' });

    await drainUntil(t1, first.row!.id, ['needs-attention', 'confirmed', 'rejected']);
    const row = t1.journal.get(first.row!.id)!;
    expect(row).toMatchObject({ state: 'needs-attention', reasonCode: 'redeem-not-proven-ours', honorShownAt: null });
    expect(row.lastError).toMatch(/outside this till's attempts.*another till/);
    const poll = t1.engine.couponVerdict(C1);
    expect(poll).toMatchObject({ verdict: 'do-not-honor', redeemedByThisTillAt: null });
    expect(poll.reason).toMatch(/can't confirm it was this till.*manager will check/);
    // The customer back at till 1: still no HONOR, and nothing sent again.
    expect((await t1.engine.redeem({ couponId: C1, memberId: G })).verdict).toBe('do-not-honor');
    expect(applied(w, C1)).toBe(1);
    expect(redeemPosts(w)).toHaveLength(2);
  });

  it('the same, but the customer re-scans at till 1 while it is still checking: the re-scan reads back and says do not honor', async () => {
    w = await startTills();
    const [t1, t2] = w.tills as [NonNullable<(typeof w.tills)[0]>, NonNullable<(typeof w.tills)[0]>];
    w.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'dropBeforeApply', count: 1 });
    const first = await t1.engine.redeem({ couponId: C2, memberId: G });
    expect(first.verdict).toBe('checking');
    w.advance(WALK_MS);
    expect((await t2.engine.redeem({ couponId: C2, memberId: G })).verdict).toBe('honor');
    const rescan = await t1.engine.redeem({ couponId: C2, memberId: G });
    expect(rescan.verdict).toBe('do-not-honor');
    expect(rescan.reason).toMatch(/can't confirm it was this till/);
    expect(rescan.row).toMatchObject({ state: 'needs-attention', reasonCode: 'redeem-not-proven-ours' });
    expect(applied(w, C2)).toBe(1);
  });

  it('till 1 proven not applied, then redeemed at till 2: the re-scan at till 1 gets a 404 and goes to the manager, not to rejected', async () => {
    w = await startTills();
    const [t1, t2] = w.tills as [NonNullable<(typeof w.tills)[0]>, NonNullable<(typeof w.tills)[0]>];
    w.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'error5xx', count: 1 });
    const first = await t1.engine.redeem({ couponId: C3, memberId: G });
    expect(first.verdict).toBe('checking');
    w.advance(TIMINGS.settleMs + 100);
    await drainUntil(t1, first.row!.id, ['queued']);
    w.advance(WALK_MS);
    expect((await t2.engine.redeem({ couponId: C3, memberId: G })).verdict).toBe('honor');
    const back = await t1.engine.redeem({ couponId: C3, memberId: G });
    expect(back.verdict).toBe('do-not-honor');
    expect(back.row).toMatchObject({ state: 'needs-attention', reasonCode: 'redeem-not-proven-ours' });
    expect(back.row?.lastError).toMatch(/refused the coupon after an earlier attempt.*another till/);
    expect(redeemPosts(w).map((a) => a.status)).toEqual([503, 200, 404]);
  });

  it('a coupon list without redeemedAt proves nothing: even our own lost success goes to the manager', async () => {
    w = await startTills({ count: 1, fetch: () => withoutRedeemedAt() });
    const [t1] = w.tills as [NonNullable<(typeof w.tills)[0]>];
    w.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    const first = await t1.engine.redeem({ couponId: C1, memberId: G });
    expect(first.verdict).toBe('checking');
    const rescan = await t1.engine.redeem({ couponId: C1, memberId: G });
    expect(rescan.verdict).toBe('do-not-honor');
    expect(rescan.row).toMatchObject({ state: 'needs-attention', reasonCode: 'redeem-not-proven-ours' });
    expect(rescan.row?.lastError).toMatch(/not when/);
  });

  it('a SocialHub clock beyond the skew allowance: our own lost success is not proven ours either', async () => {
    let skewed = 0;
    w = await startTills({ count: 1, sandbox: { now: () => Date.now() + skewed } });
    skewed = 60_000;
    const [t1] = w.tills as [NonNullable<(typeof w.tills)[0]>];
    w.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    const first = await t1.engine.redeem({ couponId: C2, memberId: G });
    expect(first.verdict).toBe('checking');
    const rescan = await t1.engine.redeem({ couponId: C2, memberId: G });
    expect(rescan.row).toMatchObject({ state: 'needs-attention', reasonCode: 'redeem-not-proven-ours' });
    expect(rescan.verdict).toBe('do-not-honor');
  });
});

describe('a redeem is never sent in the background', () => {
  it('5xx: the drainer, recover() and a restarted process only read back; the customer’s next scan sends it', async () => {
    w = await startTills({ count: 1 });
    const [t1] = w.tills as [NonNullable<(typeof w.tills)[0]>];
    w.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'error5xx', count: 1 });
    const first = await t1.engine.redeem({ couponId: C1, memberId: G });
    expect(first.verdict).toBe('checking');
    w.advance(TIMINGS.settleMs + 100);
    await t1.engine.recover({ timeoutMs: 1000 });
    expect(t1.journal.get(first.row!.id)?.state).toBe('queued');
    const restarted = t1.restart();
    await restarted.recover({ timeoutMs: 1000 });
    await restarted.drainOnce();
    expect(t1.journal.get(first.row!.id)?.state).toBe('queued');
    expect(redeemPosts(w)).toHaveLength(1);
    // Past the redeem window it is parked for the manager; a scan still retries it.
    w.advance(200_000);
    await restarted.recover({ timeoutMs: 500 });
    expect(t1.journal.get(first.row!.id)).toMatchObject({ state: 'needs-attention', reasonCode: 'redeem-not-sent' });
    expect(redeemPosts(w)).toHaveLength(1);
    expect(await restarted.redeem({ couponId: C1, memberId: G })).toMatchObject({ verdict: 'honor' });
    expect(redeemPosts(w)).toHaveLength(2);
  });

  it('a process killed mid-request: restart recovery verifies and never resends', async () => {
    w = await startTills({ count: 1 });
    const [t1] = w.tills as [NonNullable<(typeof w.tills)[0]>];
    w.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'hang', ms: 200, count: 1 });
    const dying = t1.restart({
      crashPoint: (p: CrashPoint) => {
        if (p === 'mid-request') throw new Error('killed');
      },
    });
    await expect(dying.redeem({ couponId: C2, memberId: G })).rejects.toThrow('killed');
    const id = t1.journal.getByDedupKey(`redeem:${C2}`)!.id;
    expect(t1.journal.get(id)?.state).toBe('sending');
    w.advance(TIMINGS.leaseMs + TIMINGS.settleMs + 100);
    const restarted = t1.restart();
    await restarted.recover({ timeoutMs: 2000 });
    expect(t1.journal.get(id)?.state).toBe('queued');
    // The hung request is logged by the sandbox when it ends; nothing else may follow it.
    await eventually(() => redeemPosts(w).length > 0);
    await restarted.drainOnce();
    expect(redeemPosts(w)).toHaveLength(1);
    expect(applied(w, C2)).toBe(0);
  });
});

describe('HONOR is shown once, to a cashier', () => {
  it('lost success confirmed with nobody watching: manager; the first re-scan HONOR, later ones "already redeemed by this till"', async () => {
    w = await startTills({ count: 1 });
    const [t1] = w.tills as [NonNullable<(typeof w.tills)[0]>];
    w.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    const first = await t1.engine.redeem({ couponId: C3, memberId: G });
    expect(first.verdict).toBe('checking');
    w.advance(TIMINGS.settleMs + 100);
    await t1.engine.recover({ timeoutMs: 1000 });
    expect(t1.journal.get(first.row!.id)).toMatchObject({ state: 'needs-attention', reasonCode: 'redeem-honor-not-shown' });
    // Two processes on the till's journal answer the customer's scan at once: one HONOR.
    const other = t1.restart();
    const [a, b] = await Promise.all([w.tills[0]!.engine.redeem({ couponId: C3, memberId: G }), other.redeem({ couponId: C3, memberId: G })]);
    const verdicts = [a, b].map((v) => v.verdict).sort();
    expect(verdicts).toEqual(['do-not-honor', 'honor']);
    const honor = [a, b].find((v) => v.verdict === 'honor')!;
    expect(honor.reason).toMatch(/^Redeemed by this till at \d\d:\d\d — give the discount once\.$/);
    const later = await other.redeem({ couponId: C3, memberId: G });
    expect(later.verdict).toBe('do-not-honor');
    expect(later.reason).toMatch(/^Already redeemed by this till at \d\d:\d\d .*Do not give it again\.$/);
    expect(t1.journal.get(first.row!.id)).toMatchObject({ state: 'confirmed' });
    expect(t1.journal.events(first.row!.id).filter((e) => e.detail === 'HONOR shown to the cashier.')).toHaveLength(1);
    expect(redeemPosts(w)).toHaveLength(1);
  });

  it('another member’s card after an unknown attempt: the coupon is not on that list → manager, never rejected', async () => {
    w = await startTills({ count: 1 });
    const [t1] = w.tills as [NonNullable<(typeof w.tills)[0]>];
    w.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    const ava = DEMO.activeCoupons[0];
    const first = await t1.engine.redeem({ couponId: ava, memberId: G });
    expect(first.verdict).toBe('checking');
    const rescan = await t1.engine.redeem({ couponId: ava, memberId: G });
    expect(rescan.verdict).toBe('do-not-honor');
    expect(rescan.reason).toMatch(/not on the card shown.*manager will check/);
    expect(rescan.row).toMatchObject({ state: 'needs-attention', reasonCode: 'coupon-not-on-member' });
  });
});
