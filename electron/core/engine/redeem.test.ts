/** The redeem matrix: honor only on proof, never while unsure, never twice. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import type { FetchFn } from '../api/http.ts';
import { closedPortUrl } from '../api/test-support.ts';
import { TIMINGS, settle, startHarness } from './test-support/harness.ts';
import type { Harness } from './test-support/harness.ts';

const G = DEMO.spareCouponMember;
const [C1 = '', C2 = '', C3 = '', C4 = '', C5 = ''] = DEMO.spareCoupons;
let h: Harness;
afterEach(async () => h?.close());

const redeems = (hh: Harness): number => hh.sandbox.audit().filter((a) => a.method === 'POST' && a.path.includes('/redeem')).length;

describe('redeem', () => {
  it('200 → honor; the same coupon again → do not honor, already redeemed by this till', async () => {
    h = await startHarness();
    const v = await h.engine.redeem({ couponId: C1, memberId: G });
    expect(v).toMatchObject({ verdict: 'honor', redeemedByThisTillAt: null });
    expect(v.row?.state).toBe('confirmed');
    const again = await h.engine.redeem({ couponId: C1, memberId: G });
    expect(again.verdict).toBe('do-not-honor');
    expect(again.reason).toMatch(/^Already redeemed by this till at \d\d:\d\d/);
    expect(again.redeemedByThisTillAt).toBe(h.journal.attempts(v.row!.id)[0]!.startedAt);
    expect(redeems(h)).toBe(1);
  });

  it('404 without an unknown attempt of ours → do not honor', async () => {
    h = await startHarness();
    const v = await h.engine.redeem({ couponId: DEMO.redeemedCoupon, memberId: DEMO.memberWithCoupons });
    expect(v).toMatchObject({ verdict: 'do-not-honor', redeemedByThisTillAt: null });
    expect(v.reason).toMatch(/refused this coupon/);
    expect(v.reason).not.toMatch(/HTTP|404/);
    // The server's own words stay on the row for the manager.
    expect(v.row?.lastError).toContain('not found or not redeemable');
    expect(v.row?.state).toBe('rejected');
  });

  it('unknown → the coupon list shows it redeemed → honor, redeemed by this till', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    const v = await h.engine.redeem({ couponId: C2, memberId: G });
    expect(v.verdict).toBe('checking');
    expect(v.reason).toMatch(/^NOT YET/);
    expect(h.engine.couponVerdict(C2).verdict).toBe('checking');
    await settle(h.engine, h.journal, v.row!.id);
    const poll = h.engine.couponVerdict(C2);
    expect(poll.verdict).toBe('honor');
    expect(poll.reason).toMatch(/^Redeemed by this till at/);
    expect(poll.redeemedByThisTillAt).toBe(h.journal.attempts(v.row!.id)[0]!.startedAt);
    expect(redeems(h)).toBe(1);
  });

  it('unknown → the coupon list shows it still active → resent once → honor', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'error5xx', count: 1 });
    const v = await h.engine.redeem({ couponId: C3, memberId: G });
    expect(v.verdict).toBe('checking');
    const row = await settle(h.engine, h.journal, v.row!.id);
    expect(row.state).toBe('confirmed');
    expect(h.engine.couponVerdict(C3).verdict).toBe('honor');
    expect(redeems(h)).toBe(2);
  });

  it('a re-scan while checking looks now: shown redeemed → honor (once)', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    expect((await h.engine.redeem({ couponId: C4, memberId: G })).verdict).toBe('checking');
    const rescan = await h.engine.redeem({ couponId: C4, memberId: G });
    expect(rescan.verdict).toBe('honor');
    expect(rescan.redeemedByThisTillAt).not.toBeNull();
    expect((await h.engine.redeem({ couponId: C4, memberId: G })).verdict).toBe('do-not-honor');
    expect(redeems(h)).toBe(1);
  });

  it('404 after our own unknown attempt, coupon shown redeemed → honor (the 404 was us)', async () => {
    // The coupon list lags once: it still says "active" although our first attempt redeemed it.
    let lied = false;
    const fetchFn: FetchFn = async (input, init) => {
      const res = await fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!lied && url.endsWith(`/members/${G}/coupons`)) {
        lied = true;
        const body = (await res.json()) as { coupons: { id: string; status: string }[] };
        for (const c of body.coupons) if (c.id === C5) c.status = 'active';
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      return res;
    };
    h = await startHarness({ client: { fetch: fetchFn } });
    h.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    const v = await h.engine.redeem({ couponId: C5, memberId: G });
    expect(v.verdict).toBe('checking');
    const row = await settle(h.engine, h.journal, v.row!.id);
    expect(row.state).toBe('confirmed');
    expect(h.journal.attempts(row.id).map((a) => a.reason)).toEqual(['reset', 'coupon-active', 'redeemed-by-earlier-attempt']);
    const poll = h.engine.couponVerdict(C5);
    expect(poll).toMatchObject({ verdict: 'honor', redeemedByThisTillAt: h.journal.attempts(row.id)[0]!.startedAt });
    expect(redeems(h)).toBe(2);
  });

  it('offline: cannot be checked → do not honor, nothing recorded or queued', async () => {
    h = await startHarness();
    const off = h.engineWith({ client: h.client({ baseUrl: await closedPortUrl() }), breakerThreshold: 1 });
    const first = await off.redeem({ couponId: 'cp_grace_01', memberId: G });
    expect(first.verdict).toBe('do-not-honor');
    expect(first.reason).toContain('scan the coupon again');
    expect(first.row?.state).toBe('queued');
    const second = await off.redeem({ couponId: 'cp_grace_02', memberId: G });
    expect(second).toMatchObject({ verdict: 'do-not-honor', row: null });
    expect(second.reason).toMatch(/cannot be checked/);
    // Never sent later on its own: the customer has gone.
    await off.drainOnce();
    expect(h.journal.get(first.row!.id)?.state).toBe('queued');
    // A re-scan once online tries again.
    const online = h.engineWith();
    expect((await online.redeem({ couponId: 'cp_grace_01', memberId: G })).verdict).toBe('honor');
  });

  it('an unproven redeem past the window is parked; a later re-scan retries it', async () => {
    let now = Date.now();
    h = await startHarness({ config: { now: () => now, redeemWindowMs: 60_000 } });
    h.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'rateLimit', retryAfter: '1', count: 1 });
    const v = await h.engine.redeem({ couponId: C1, memberId: G });
    expect(v).toMatchObject({ verdict: 'do-not-honor' });
    expect(v.reason).toMatch(/slow down/);
    now += 120_000;
    await h.engine.recover();
    const parked = h.journal.get(v.row!.id)!;
    expect(parked).toMatchObject({ state: 'needs-attention', reasonCode: 'redeem-not-sent' });
    expect(h.engine.couponVerdict(C1).verdict).toBe('do-not-honor');
    expect((await h.engine.redeem({ couponId: C1, memberId: G })).verdict).toBe('honor');
    expect(TIMINGS.requestTimeoutMs).toBeLessThan(1000);
  });
});
