/**
 * A POS sale is awarded exactly once, whatever the POS replays and however it races the cashier:
 * the real app core, the real sandbox over HTTP and a real journal file (found by the hostile
 * review of the POS link).
 */
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { request, NO_RATE_LIMIT, posLinkTillHooks } from './testing/pos-http.ts';

const link = posLinkTillHooks({ posLinkRateLimit: NO_RATE_LIMIT });
const t = link.t;

let n = 0;
const txn = (): string => `X${Date.now().toString(36)}${++n}`;
const put = (id: string, body: unknown = { total: '19.99', currency: 'USD' }) => request(t, 'PUT', `/pos/v1/sales/${id}`, body);
const posts = (): number => link.kit.sandbox().audit().filter((a) => a.method === 'POST').length;
const journal = () => link.kit.core.journal.journal();

async function showCard(memberId: string = DEMO.goldMember): Promise<void> {
  expect(await link.kit.call('memberCard', { memberId })).toMatchObject({ ok: true });
}
async function award(id: string, memberId: string = DEMO.goldMember): Promise<number> {
  await showCard(memberId);
  expect(await link.kit.call('posSaleAward', { posTxnId: id, memberId })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
  return journal().getByDedupKey(`award:${DEMO.storeId}:${id}`)?.amount ?? 0;
}

describe('replays and conflicts', () => {
  it('a replay with keys in another order is the same sale', async () => {
    const id = txn();
    const first = await put(id, { total: '19.99', currency: 'USD', lines: [{ sku: 'A', qty: 1, amount: '19.99', earns: true }] });
    expect(first.status).toBe(201);
    const again = await put(id, '{"lines":[{"earns":true,"amount":"19.99","qty":1,"sku":"A"}],"currency":"USD","total":"19.99"}');
    expect(again).toMatchObject({ status: 200, body: first.body });
  });

  it('a replay writing the same amount differently ("19.9" then "19.90") is the same sale, not a conflict', async () => {
    const id = txn();
    const first = await put(id, { total: '19.9', currency: 'USD', lines: [{ sku: 'A', qty: 1, amount: '19.9', earns: true }] });
    expect(first).toMatchObject({ status: 201, body: { total: '19.90' } });
    expect(await put(id, { total: '19.90', currency: 'USD', lines: [{ sku: 'A', qty: 1, amount: '19.90', earns: true }] })).toMatchObject({ status: 200, body: first.body });
    // A real difference is still one: the amounts are compared as minor units, not ignored.
    const other = await put(id, { total: '19.91', currency: 'USD', lines: [{ sku: 'A', qty: 1, amount: '19.9', earns: true }] });
    expect(other).toMatchObject({ status: 409, body: { code: 'conflict', differences: [{ field: 'total', stored: '19.90', sent: '19.91' }] } });
  });

  it('the same transaction id with a businessDate added is a 409 naming the difference, not a second sale', async () => {
    // Store keyed "forever" (the default): the transaction id alone names the sale.
    const id = txn();
    expect((await put(id, { total: '19.99', currency: 'USD' })).status).toBe(201);
    const added = await put(id, { total: '19.99', currency: 'USD', businessDate: '2026-12-01' });
    expect(added).toMatchObject({ status: 409, body: { code: 'conflict', differences: [{ field: 'businessDate', stored: null, sent: '2026-12-01' }] } });
    const other = await put(id, { total: '99.99', currency: 'USD', businessDate: '2026-12-01' });
    expect(other).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect((other.body.differences as { field: string }[]).map((d) => d.field)).toEqual(['businessDate', 'total']);
    expect(journal().posSalesBetween(0, Number.MAX_SAFE_INTEGER).filter((r) => r.posTxnId === id)).toHaveLength(1);
  });

  it('the same transaction id with its businessDate changed is a 409 too', async () => {
    const id = txn();
    expect((await put(id, { total: '19.99', currency: 'USD', businessDate: '2026-12-01' })).status).toBe(201);
    const changed = await put(id, { total: '19.99', currency: 'USD', businessDate: '2026-12-02' });
    expect(changed).toMatchObject({ status: 409, body: { code: 'conflict', differences: [{ field: 'businessDate', stored: '2026-12-01', sent: '2026-12-02' }] } });
    expect(journal().posSalesBetween(0, Number.MAX_SAFE_INTEGER).filter((r) => r.posTxnId === id)).toHaveLength(1);
  });

  it("a sale in a currency other than the store's is refused, not awarded as if it were the store's", async () => {
    // USD store; a buggy POS sends yen. 1999 JPY is about 13 USD, but it would earn like 1999.00 USD.
    const id = txn();
    const r = await put(id, { total: '1999', currency: 'JPY' });
    expect(r).toMatchObject({ status: 400, body: { code: 'bad-request' } });
    expect(journal().posSale(id)).toBeUndefined();
  });

  it('refuses yen with decimals ("19.99 JPY") with a 400 that says why, and records nothing', async () => {
    const id = txn();
    const r = await put(id, { total: '19.99', currency: 'JPY' });
    expect(r).toMatchObject({ status: 400, body: { code: 'bad-request', message: expect.stringContaining('no decimals in JPY') as unknown } });
    expect(journal().posSale(id)).toBeUndefined();
  });

  it('refuses a 3-decimal amount in dollars', async () => {
    const id = txn();
    expect(await put(id, { total: '19.999', currency: 'USD' })).toMatchObject({ status: 400, body: { code: 'bad-request', message: expect.stringContaining('at most 2 decimal places') as unknown } });
    expect(journal().posSale(id)).toBeUndefined();
  });
});

describe('races between the POS and the cashier', () => {
  it.each(['cancel first', 'award first'] as const)('cancel racing the award (%s): a cancelled sale never keeps its points', async (order) => {
    const id = txn();
    await put(id);
    await showCard();
    const balance = link.kit.sandbox().balance(DEMO.goldMember);
    const calls = posts();
    const svc = link.kit.core.posLink.service;
    const [c, a] =
      order === 'cancel first'
        ? await (async () => {
            const cp = svc.cancel(id);
            const ap = svc.award(id, DEMO.goldMember);
            return Promise.allSettled([cp, ap]);
          })()
        : await (async () => {
            const ap = svc.award(id, DEMO.goldMember);
            const cp = svc.cancel(id);
            return Promise.allSettled([cp, ap]);
          })();
    const status = await request(t, 'GET', `/pos/v1/sales/${id}`);
    if (status.body.state === 'cancelled') {
      // Cancelled: whatever was awarded must have been taken back in full.
      expect({ state: status.body.state, balance: link.kit.sandbox().balance(DEMO.goldMember), award: a.status }).toEqual({ state: 'cancelled', balance, award: 'rejected' });
      expect(posts()).toBe(calls);
    } else {
      // Not cancelled: the cancel must have been refused, so the POS knows to retry.
      expect({ state: status.body.state, cancel: c.status, award: a.status }).toEqual({ state: 'awarded', cancel: 'rejected', award: 'fulfilled' });
      // The retried cancel after the award takes every point back.
      expect(await request(t, 'POST', `/pos/v1/sales/${id}/cancel`, {})).toMatchObject({ status: 200, body: { state: 'cancelled' } });
      expect(link.kit.sandbox().balance(DEMO.goldMember)).toBe(balance);
    }
  });

  it('an award after a cancel is refused with nothing recorded and nothing sent', async () => {
    const id = txn();
    await put(id);
    await showCard();
    const calls = posts();
    expect(await request(t, 'POST', `/pos/v1/sales/${id}/cancel`, {})).toMatchObject({ status: 200, body: { state: 'cancelled' } });
    expect(await link.kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(journal().getByDedupKey(`award:${DEMO.storeId}:${id}`)).toBeUndefined();
    expect(posts()).toBe(calls);
  });

  it('the cashier cannot award an awarded sale again: refused, no second POST', async () => {
    const id = txn();
    await put(id);
    await award(id);
    const calls = posts();
    expect(await link.kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(posts()).toBe(calls);
    // Finished: it is not the sale on the cashier's screen any more.
    expect(await link.kit.call('posSaleCurrent')).toMatchObject({ ok: true, value: null });
  });

  it('two returns with the same returnId at once take the points back once', async () => {
    const id = txn();
    await put(id, { total: '100.00', currency: 'USD' });
    const points = await award(id);
    const balance = link.kit.sandbox().balance(DEMO.goldMember);
    const [r1, r2] = await Promise.all([
      request(t, 'POST', `/pos/v1/sales/${id}/returns/R1`, { total: '50.00' }),
      request(t, 'POST', `/pos/v1/sales/${id}/returns/R1`, { total: '50.00' }),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(link.kit.sandbox().balance(DEMO.goldMember)).toBe(balance - Math.floor(points / 2));
    expect(journal().count({ kinds: ['clawback'], search: id })).toBe(1);
  });

  it('two different returns at once that together exceed the sale take back at most what was awarded', async () => {
    const id = txn();
    await put(id, { total: '100.00', currency: 'USD' });
    const points = await award(id);
    const balance = link.kit.sandbox().balance(DEMO.goldMember);
    const replies = await Promise.all([
      request(t, 'POST', `/pos/v1/sales/${id}/returns/R1`, { total: '60.00' }),
      request(t, 'POST', `/pos/v1/sales/${id}/returns/R2`, { total: '60.00' }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const reversed = replies.reduce((sum, r) => sum + (r.body.pointsReversed as number), 0);
    expect(reversed).toBe(points);
    expect(link.kit.sandbox().balance(DEMO.goldMember)).toBe(balance - points);
    expect((await request(t, 'GET', `/pos/v1/sales/${id}`)).body).toMatchObject({ pointsReversed: points });
  });

  it('cancel racing a return never takes back more than was awarded', async () => {
    const id = txn();
    await put(id, { total: '100.00', currency: 'USD' });
    const points = await award(id);
    const balance = link.kit.sandbox().balance(DEMO.goldMember);
    await Promise.all([request(t, 'POST', `/pos/v1/sales/${id}/cancel`, {}), request(t, 'POST', `/pos/v1/sales/${id}/returns/R1`, { total: '60.00' })]);
    expect(link.kit.sandbox().balance(DEMO.goldMember)).toBe(balance - points);
    expect((await request(t, 'GET', `/pos/v1/sales/${id}`)).body).toMatchObject({ state: 'cancelled', pointsReversed: points });
  });

  it('a return larger than the sale is capped at the award; another return then reverses nothing', async () => {
    const id = txn();
    await put(id, { total: '19.99', currency: 'USD' });
    const points = await award(id);
    const balance = link.kit.sandbox().balance(DEMO.goldMember);
    const big = await request(t, 'POST', `/pos/v1/sales/${id}/returns/BIG`, { total: '9999.99' });
    expect(big).toMatchObject({ status: 200, body: { pointsReversed: points } });
    expect(await request(t, 'POST', `/pos/v1/sales/${id}/returns/MORE`, { total: '1.00' })).toMatchObject({ status: 200, body: { pointsReversed: 0 } });
    expect(link.kit.sandbox().balance(DEMO.goldMember)).toBe(balance - points);
  });

  it('a new sale racing the award of the one before leaves the earlier one awarded, with one POST', async () => {
    const a = txn();
    await put(a);
    await showCard();
    const calls = posts();
    const svc = link.kit.core.posLink.service;
    const p1 = svc.putSale(txn(), { total: '5.00', currency: 'USD' });
    const p2 = svc.award(a, DEMO.goldMember);
    await Promise.allSettled([p1, p2]);
    expect(posts()).toBe(calls + 1);
    expect((await request(t, 'GET', `/pos/v1/sales/${a}`)).body).toMatchObject({ state: 'awarded' });
  });
});
