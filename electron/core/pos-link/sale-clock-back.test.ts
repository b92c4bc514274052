/**
 * The till's clock set back across the start of a business day (ids restarting every business
 * day): the POS replaying a sale it already sent is that sale, never a new one awarded a second
 * time. Real app core with a movable clock, real sandbox over HTTP, real journal file.
 */
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { request, posLinkTillHooks } from './testing/pos-http.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('a replay after the clock went back a business day', () => {
  let shift = DAY_MS;
  const link = posLinkTillHooks({
    settings: { txnIdScope: 'business-day' },
    clock: { now: () => Date.now() + shift },
  });
  const t = link.t;

  it('is the sale already sent (200, same body), and the cashier cannot award it a second time', async () => {
    const id = `K${Date.now().toString(36)}`;
    const first = await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '19.99', currency: 'USD' });
    expect(first.status).toBe(201);
    expect(await link.kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await link.kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const balance = link.kit.sandbox().balance(DEMO.goldMember);

    shift = 0; // the clock is corrected back by a day; the POS replays the PUT it never saw answered
    const replay = await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '19.99', currency: 'USD' });
    expect(replay).toMatchObject({ status: 200, body: { state: 'awarded' } });
    expect(await link.kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    const again = await link.kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember });
    expect({ again: again.ok ? 'awarded again' : 'refused', gain: link.kit.sandbox().balance(DEMO.goldMember) - balance }).toEqual({ again: 'refused', gain: 0 });
  });
});
