/**
 * A POS return of a sale whose lines do not all earn: the whole sale returned by total, or its
 * earning lines returned by lines, takes back every point; a line that did not earn at the sale
 * takes back none, however the return labels it. Real app core, real sandbox over HTTP, real journal file.
 */
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { request, posLinkTillHooks } from './testing/pos-http.ts';

describe('returns of a sale with lines that do not earn', () => {
  const link = posLinkTillHooks();
  const t = link.t;

  const awarded = async (id: string): Promise<number> => {
    const lines = [{ sku: 'COFFEE', qty: 1, amount: '100.00', earns: true }, { sku: 'GIFT', qty: 1, amount: '100.00', earns: false }];
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '200.00', currency: 'USD', lines })).status).toBe(201);
    expect(await link.kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await link.kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    return (await link.kit.core.posLink.service.status(id))?.points ?? 0;
  };

  it('returning the whole sale by total takes back every point', async () => {
    const points = await awarded('RS2');
    const back = await request(t, 'POST', '/pos/v1/sales/RS2/returns/R1', { total: '200.00' });
    expect(back).toMatchObject({ status: 200, body: { outcome: 'reversed', pointsReversed: points } });
  });

  it('returning the earning line by lines takes back every point', async () => {
    const points = await awarded('RS3');
    const back = await request(t, 'POST', '/pos/v1/sales/RS3/returns/R1', { lines: [{ sku: 'COFFEE', qty: 1, amount: '100.00', earns: true }] });
    expect(back).toMatchObject({ status: 200, body: { outcome: 'reversed', pointsReversed: points } });
  });

  it('returning only the line that does not earn, by lines, takes back nothing', async () => {
    await awarded('RS4');
    const back = await request(t, 'POST', '/pos/v1/sales/RS4/returns/R1', { lines: [{ sku: 'GIFT', qty: 1, amount: '100.00', earns: false }] });
    expect(back).toMatchObject({ status: 200, body: { outcome: 'nothing-to-reverse', pointsReversed: 0 } });
  });

  it("a returned line is judged by the sale's own earns flag: a gift card sent back as earning takes back nothing", async () => {
    await awarded('RS5');
    const back = await request(t, 'POST', '/pos/v1/sales/RS5/returns/R1', { lines: [{ sku: 'GIFT', qty: 1, amount: '100.00', earns: true }] });
    expect(back).toMatchObject({ status: 200, body: { outcome: 'nothing-to-reverse', pointsReversed: 0 } });
  });
});
