/** The redeem matrix: honor only on proof, never while unsure, never twice. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import type { FetchFn } from '../api/http.ts';
import type { JournalRow } from '../journal/index.ts';
import { closedPortUrl } from '../api/testing/loopback-servers.ts';
import { TIMINGS, settle, startHarness } from './testing/harness.ts';
import type { Harness } from './testing/harness.ts';

const G = DEMO.spareCouponMember;
const [C1 = '', C2 = '', C3 = '', C4 = '', C5 = ''] = DEMO.spareCoupons;
let h: Harness;
afterEach(async () => h?.close());

/** Drives the drainer until the row reaches one of `states` (a queued redeem is never final). */
async function drainUntil(hh: Harness, id: number, states: string[], ms = 8000): Promise<JournalRow> {
  const until = Date.now() + ms;
  for (;;) {
    const row = hh.journal.get(id)!;
    if (states.includes(row.state)) return row;
    if (Date.now() > until) throw new Error(`row ${id} still ${row.state} (${row.lastError ?? ''})`);
    await hh.engine.drainOnce();
    await new Promise((r) => setTimeout(r, 20));
  }
}

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

  it('unknown → the coupon list shows it redeemed within our attempt → manager until the cashier poll shows HONOR once', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    const v = await h.engine.redeem({ couponId: C2, memberId: G });
    expect(v.verdict).toBe('checking');
    expect(v.reason).toMatch(/^NOT YET/);
    expect(h.engine.couponVerdict(C2).verdict).toBe('checking');
    // Proven ours by the background check, with nobody shown HONOR yet: in front of the manager.
    const checked = await settle(h.engine, h.journal, v.row!.id);
    expect(checked).toMatchObject({ state: 'needs-attention', reasonCode: 'redeem-honor-not-shown', honorShownAt: null });
    const poll = h.engine.couponVerdict(C2);
    expect(poll.verdict).toBe('honor');
    expect(poll.reason).toMatch(/^Redeemed by this till at/);
    expect(poll.redeemedByThisTillAt).toBe(h.journal.attempts(v.row!.id)[0]!.startedAt);
    expect(poll.row).toMatchObject({ state: 'confirmed' });
    expect(poll.row?.honorShownAt).not.toBeNull();
    expect(h.engine.couponVerdict(C2).reason).toMatch(/^Already redeemed by this till at \d\d:\d\d/);
    expect(redeems(h)).toBe(1);
  });

  it('unknown → the coupon list shows it still active → never resent in the background; the next scan sends it → honor', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'error5xx', count: 1 });
    const v = await h.engine.redeem({ couponId: C3, memberId: G });
    expect(v.verdict).toBe('checking');
    const row = await drainUntil(h, v.row!.id, ['queued']);
    // The drainer and recovery only read back: nothing is sent with nobody at the till.
    await h.engine.recover({ timeoutMs: 500 });
    await h.engine.drainOnce();
    expect(h.journal.get(row.id)?.state).toBe('queued');
    expect(redeems(h)).toBe(1);
    const poll = h.engine.couponVerdict(C3);
    expect(poll.verdict).toBe('do-not-honor');
    expect(poll.reason).toMatch(/did not go through.*scan the coupon again/);
    const again = await h.engine.redeem({ couponId: C3, memberId: G });
    expect(again).toMatchObject({ verdict: 'honor', reason: 'Redeemed — give the discount.' });
    expect(again.row?.honorShownAt).not.toBeNull();
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

  it('404 after our own unknown attempt, redeemedAt within that attempt → honor at the re-scan (the 404 was us)', async () => {
    // The coupon list lags once: it still says "active" although our first attempt redeemed it.
    let lied = false;
    const fetchFn: FetchFn = async (input, init) => {
      const res = await fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!lied && url.endsWith(`/members/${G}/coupons`)) {
        lied = true;
        const body = (await res.json()) as { coupons: { id: string; status: string; redeemedAt: string | null }[] };
        for (const c of body.coupons) if (c.id === C5) Object.assign(c, { status: 'active', redeemedAt: null });
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      return res;
    };
    h = await startHarness({ client: { fetch: fetchFn } });
    h.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    const v = await h.engine.redeem({ couponId: C5, memberId: G });
    expect(v.verdict).toBe('checking');
    await drainUntil(h, v.row!.id, ['queued']);
    expect(redeems(h)).toBe(1);
    const rescan = await h.engine.redeem({ couponId: C5, memberId: G });
    const row = h.journal.get(v.row!.id)!;
    expect(row.state).toBe('confirmed');
    expect(h.journal.attempts(row.id).map((a) => a.reason)).toEqual(['reset', 'coupon-active', 'redeemed-by-earlier-attempt']);
    expect(rescan).toMatchObject({ verdict: 'honor', redeemedByThisTillAt: h.journal.attempts(row.id)[0]!.startedAt });
    expect(h.engine.couponVerdict(C5).verdict).toBe('do-not-honor');
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
