/**
 * The manager's share of sales with a member counts each sale by its own outcome, also where
 * transaction ids restart every business day and today's sale reuses yesterday's id. Real app
 * core with a movable clock, real sandbox over HTTP, real journal file.
 */
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { request, posLinkTillHooks } from './testing/pos-http.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('share of sales with a member, ids restarting every business day', () => {
  let shift = 0;
  const link = posLinkTillHooks({
    settings: { txnIdScope: 'business-day' },
    clock: { now: () => Date.now() + shift },
  });
  const t = link.t;

  it("yesterday's awarded sale counts as with a member after today's sale with its id went without one", async () => {
    const id = `S${Date.now().toString(36)}`;
    const from = Date.now() + shift - 1000;
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '19.99', currency: 'USD' })).status).toBe(201);
    expect(await link.kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await link.kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const to = Date.now() + shift + 1000;

    shift += DAY_MS; // next business day: the POS's ids start again, and this one goes without a member
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '5.00', currency: 'USD' })).status).toBe(201);
    expect((await request(t, 'PUT', `/pos/v1/sales/N${id}`, { total: '7.00', currency: 'USD' })).status).toBe(201);
    expect(await request(t, 'GET', `/pos/v1/sales/${id}`)).toMatchObject({ body: { state: 'no-member' } });

    const yesterday = await link.kit.call('posLinkShare', { from, to });
    expect(yesterday).toMatchObject({ ok: true, value: { sales: 1, withMember: 1, noMember: 0, missed: [] } });
  });
});
