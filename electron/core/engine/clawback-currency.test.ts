/**
 * A return in a dinar store (3 decimals) takes back its share whatever the sale's size: the
 * clawback reads the amounts in the store's currency, so a sale the till accepted is never refused
 * as "too large" at its return. Real app core, real sandbox over HTTP, real journal file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';
import { request, openPosLink } from '../pos-link/testing/pos-http.ts';
import type { PosTarget } from '../pos-link/testing/pos-http.ts';

describe('returns of large sales in Kuwaiti dinars', () => {
  let kit: TillKit;
  const t: PosTarget = { port: 0, token: '' };
  beforeAll(async () => {
    kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000, currency: 'KWD' } });
    await openPosLink(kit, t);
  });
  afterAll(() => kit.close());

  it('a typed return of half a 200,000.000 KWD sale takes back half its points', async () => {
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'KB1', saleTotal: '200000.000' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const award = kit.core.journal.journal().getByDedupKey(`award:${DEMO.storeId}:KB1`);
    expect(award).toMatchObject({ saleTotal: 200_000_000 });
    const back = await kit.call('saleReturn', { posTxnId: 'KB1', returnId: 'R1', mode: 'proportional', returnedAmount: '100000.000' });
    expect(back).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(kit.core.journal.journal().getByDedupKey(`clawback:${DEMO.storeId}:KB1:R1`)).toMatchObject({ amount: -Math.floor((award?.amount ?? 0) / 2) });
  });

  it('a POS return of half a 200,000.000 KWD sale takes back half its points', async () => {
    expect((await request(t, 'PUT', '/pos/v1/sales/KB2', { total: '200000.000', currency: 'KWD' })).status).toBe(201);
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('posSaleAward', { posTxnId: 'KB2', memberId: DEMO.goldMember })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const points = (await kit.core.posLink.service.status('KB2'))?.points ?? 0;
    const back = await request(t, 'POST', '/pos/v1/sales/KB2/returns/R1', { total: '100000.000' });
    expect(back).toMatchObject({ status: 200, body: { outcome: 'reversed', pointsReversed: Math.floor(points / 2) } });
  });
});
