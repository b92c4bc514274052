/**
 * The member card through the real door: real sandbox over HTTP, real journal (API activity),
 * called with `registry.call` exactly as ipcMain and the web host call it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';

let kit: TillKit;
beforeAll(async () => {
  kit = await createTillKit();
});
afterAll(() => kit.close());
beforeEach(() => kit.sandbox().clearFaults());

describe('member:card', () => {
  it('fetches member, balance with recent lines, tier and coupons', async () => {
    const card = await kit.call('memberCard', { memberId: DEMO.memberWithCoupons });
    expect(card).toMatchObject({
      ok: true,
      value: {
        memberId: DEMO.memberWithCoupons,
        member: { ok: true, value: { id: DEMO.memberWithCoupons, name: DEMO.memberWithCouponsName } },
        points: { ok: true, value: { balance: kit.sandbox().balance(DEMO.memberWithCoupons) } },
        tier: { ok: true, value: { tier: { name: 'Silver', multiplier: 1.25 } } },
        coupons: { ok: true },
      },
    });
    if (!card.ok) return;
    expect(card.value.points.ok && card.value.points.value.recent.length).toBe(5);
    expect(card.value.coupons.ok && card.value.coupons.value.map((c) => c.id)).toEqual(expect.arrayContaining([...DEMO.activeCoupons]));
  });

  it('reports each part on its own when one request fails', async () => {
    kit.sandbox().addFault({ route: 'GET /members/:id/tier', kind: 'error5xx', status: 503 });
    const card = await kit.call('memberCard', { memberId: DEMO.goldMember });
    expect(card).toMatchObject({
      ok: true,
      value: { member: { ok: true }, points: { ok: true }, coupons: { ok: true }, tier: { ok: false, code: 'service_unavailable' } },
    });
  });

  it('answers not_found parts for an unknown member', async () => {
    const card = await kit.call('memberCard', { memberId: 'mb_nobody_here' });
    expect(card).toMatchObject({ ok: true, value: { member: { ok: false, code: 'not_found' }, points: { ok: false }, tier: { ok: false }, coupons: { ok: false } } });
  });

  it('refuses a hostile id at the door: nothing reaches SocialHub', async () => {
    const before = kit.sandbox().audit().length;
    for (const memberId of ['../stores', 'mb_1?limit=500', 'a/b', '', 'x'.repeat(65), 42]) {
      expect(await kit.call('memberCard', { memberId })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    expect(await kit.call('memberCard', { memberId: DEMO.memberWithCoupons, extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(kit.sandbox().audit().length).toBe(before);
  });

  it('costs one round trip, not four (sandbox at 80 ms latency)', async () => {
    kit.sandbox().addFault({ route: '*', kind: 'latency', ms: 80 });
    const timings: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const card = await kit.call('memberCard', { memberId: DEMO.memberWithCoupons });
      timings.push(performance.now() - t0);
      expect(card.ok && card.value.coupons.ok).toBe(true);
    }
    const best = Math.min(...timings);
    console.log(`member card at 80 ms latency: ${timings.map((t) => t.toFixed(0)).join(' / ')} ms`);
    expect(best).toBeGreaterThanOrEqual(80);
    expect(best).toBeLessThanOrEqual(80 + 50);
  });

  it('records every call in the API activity, keys masked', async () => {
    await kit.call('memberCard', { memberId: DEMO.platinumMember });
    await kit.unlock();
    const list = await kit.call('apiActivityList', { limit: 4 });
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect(list.value.calls.map((c) => c.endpoint).sort()).toEqual(['GET /members/{id}', 'GET /members/{id}/coupons', 'GET /members/{id}/points', 'GET /members/{id}/tier']);
    expect(list.value.calls.every((c) => c.keyMask.startsWith('fl_test_…') && c.path.includes(DEMO.platinumMember))).toBe(true);
    expect(JSON.stringify(list)).not.toContain(kit.sandbox().keys.read.slice(8));
  });
});
