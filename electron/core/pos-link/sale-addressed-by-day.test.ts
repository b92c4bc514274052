/**
 * Where transaction ids restart every business day, the POS names a past day's sale with
 * `?businessDate=`: its status, a return the next day and a cancel reach that day's sale, never
 * today's sale with the same id. Real app core with a movable clock, real sandbox over HTTP, real
 * journal file.
 */
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { request, posLinkTillHooks } from './testing/pos-http.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe("a past day's sale named by its business date, its id reused today", () => {
  let shift = 0;
  const link = posLinkTillHooks({
    settings: { txnIdScope: 'business-day' },
    clock: { now: () => Date.now() + shift },
  });
  const t = link.t;

  const sell = async (id: string, total: string, memberId: string): Promise<{ day: string; points: number }> => {
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total, currency: 'USD' })).status).toBe(201);
    expect(await link.kit.call('memberCard', { memberId })).toMatchObject({ ok: true });
    expect(await link.kit.call('posSaleAward', { posTxnId: id, memberId })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const day = (await link.kit.core.engine.get()).businessDate();
    return { day, points: link.kit.core.journal.journal().getByDedupKey(`award:${DEMO.storeId}:${day}:${id}`)?.amount ?? 0 };
  };

  it("status, return and cancel with ?businessDate= reach that day's sale; without it, today's", async () => {
    const id = `B${Date.now().toString(36)}`;
    const first = await sell(id, '100.00', DEMO.goldMember);
    shift += DAY_MS;
    const second = await sell(id, '40.00', DEMO.platinumMember);
    const gold = link.kit.sandbox().balance(DEMO.goldMember);
    const platinum = link.kit.sandbox().balance(DEMO.platinumMember);

    expect(await request(t, 'GET', `/pos/v1/sales/${id}?businessDate=${first.day}`)).toMatchObject({ status: 200, body: { total: '100.00', points: first.points } });
    expect(await request(t, 'GET', `/pos/v1/sales/${id}`)).toMatchObject({ status: 200, body: { total: '40.00', points: second.points } });
    expect(await request(t, 'GET', `/pos/v1/sales/${id}?businessDate=2001-02-30`)).toMatchObject({ status: 400, body: { code: 'bad-request' } });

    const back = await request(t, 'POST', `/pos/v1/sales/${id}/returns/R1?businessDate=${first.day}`, { total: '50.00' });
    expect(back).toMatchObject({ status: 200, body: { outcome: 'reversed', pointsReversed: Math.floor(first.points / 2), sale: { total: '100.00' } } });
    expect(await request(t, 'POST', `/pos/v1/sales/${id}/cancel?businessDate=${first.day}`, {})).toMatchObject({ status: 200, body: { state: 'cancelled', total: '100.00' } });
    expect(await request(t, 'GET', `/pos/v1/sales/${id}`)).toMatchObject({ body: { state: 'awarded', total: '40.00', pointsReversed: 0 } });
    expect({ gold: link.kit.sandbox().balance(DEMO.goldMember) - gold, platinum: link.kit.sandbox().balance(DEMO.platinumMember) - platinum }).toEqual({ gold: -first.points, platinum: 0 });
  });

  it('a long-poll on a past day\'s sale answers with that sale when it changes', async () => {
    const id = `W${Date.now().toString(36)}`;
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '10.00', currency: 'USD' })).status).toBe(201);
    const day = (await link.kit.core.engine.get()).businessDate();
    shift += DAY_MS;
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '3.00', currency: 'USD' })).status).toBe(201);
    const version = (await request(t, 'GET', `/pos/v1/sales/${id}?businessDate=${day}`)).body.version as number;
    const waiting = request(t, 'GET', `/pos/v1/sales/${id}?businessDate=${day}&wait=30&since=${version}`);
    expect(await request(t, 'POST', `/pos/v1/sales/${id}/cancel?businessDate=${day}`, {})).toMatchObject({ status: 200, body: { state: 'cancelled', total: '10.00' } });
    expect(await waiting).toMatchObject({ status: 200, body: { state: 'cancelled', total: '10.00' } });
  });
});
