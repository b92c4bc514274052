/**
 * A POS sale keeps the business day it arrived on, and amounts count in the store's own currency
 * (3 decimals for dinars): the real app core with a movable clock, the real sandbox over HTTP,
 * a real journal file (found by the hostile review of the POS link).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';
import { request, posLinkTill } from './testing/pos-http.ts';
import type { PosTarget } from './testing/pos-http.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('transaction ids that restart every business day, POS sending no businessDate', () => {
  let kit: TillKit;
  let shift = 0;
  const t: PosTarget = { port: 0, token: '' };
  const posts = (): number => kit.sandbox().audit().filter((a) => a.method === 'POST').length;
  beforeAll(async () => {
    kit = await posLinkTill(t, {
      settings: { txnIdScope: 'business-day' },
      clock: { now: () => Date.now() + shift },
    });
  });
  afterAll(() => kit.close());

  it('pins the business day the sale arrived on, and keys its award by it', async () => {
    const id = `C${Date.now().toString(36)}`;
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '19.99', currency: 'USD' })).status).toBe(201);
    const day = (await kit.core.engine.get()).businessDate();
    expect(kit.core.journal.journal().posSale(id)).toMatchObject({ saleDate: day });
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(kit.core.journal.journal().getByDedupKey(`award:${DEMO.storeId}:${day}:${id}`)).toMatchObject({ businessDate: day, state: 'confirmed' });
  });

  it('an awarded sale stays awarded the next day, and is never awarded a second time', async () => {
    const id = `D${Date.now().toString(36)}`;
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '19.99', currency: 'USD' })).status).toBe(201);
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const before = posts();

    shift += DAY_MS; // the business day turns over; the POS replays its status read and moves on to the next sale
    const status = await request(t, 'GET', `/pos/v1/sales/${id}`);
    expect((await request(t, 'PUT', `/pos/v1/sales/N${id}`, { total: '5.00', currency: 'USD' })).status).toBe(201);
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    const again = await kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember });
    const after = await request(t, 'GET', `/pos/v1/sales/${id}`);
    expect({
      stateNextDay: status.body.state,
      stateAfterNextSale: after.body.state,
      secondAward: again.ok ? (again.value as { status: string }).status : 'refused',
      postsSent: posts() - before,
    }).toEqual({ stateNextDay: 'awarded', stateAfterNextSale: 'awarded', secondAward: 'refused', postsSent: 0 });
  });

  it('the next day, the cashier cannot award an already awarded sale a second time (it is not back on screen)', async () => {
    const id = `E${Date.now().toString(36)}`;
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '19.99', currency: 'USD' })).status).toBe(201);
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const before = posts();
    const balance = kit.sandbox().balance(DEMO.goldMember);

    shift += DAY_MS; // no new sale from the POS yet
    const onScreen = await kit.call('posSaleCurrent');
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    const again = await kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember });
    expect({
      onScreen: onScreen.ok ? ((onScreen.value as { sale: { state: string } } | null)?.sale.state ?? null) : 'error',
      secondAward: again.ok ? (again.value as { status: string }).status : 'refused',
      postsSent: posts() - before,
      balanceGain: kit.sandbox().balance(DEMO.goldMember) - balance,
    }).toEqual({ onScreen: null, secondAward: 'refused', postsSent: 0, balanceGain: 0 });
  });

  it('the next day, a return and a cancel of the sale use the day it was awarded on', async () => {
    const id = `F${Date.now().toString(36)}`;
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '100.00', currency: 'USD' })).status).toBe(201);
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const points = kit.core.journal.journal().posSale(id) === undefined ? 0 : ((await kit.core.posLink.service.status(id))?.points ?? 0);
    const balance = kit.sandbox().balance(DEMO.goldMember);

    shift += DAY_MS;
    const back = await request(t, 'POST', `/pos/v1/sales/${id}/returns/R1`, { total: '50.00' });
    expect(back).toMatchObject({ status: 200, body: { outcome: 'reversed', pointsReversed: Math.floor(points / 2) } });
    expect(await request(t, 'POST', `/pos/v1/sales/${id}/cancel`, {})).toMatchObject({ status: 200, body: { state: 'cancelled', pointsReversed: points } });
    expect(kit.sandbox().balance(DEMO.goldMember)).toBe(balance - points);
  });

  it('the same id sent undated on a later business day is that day\'s new sale', async () => {
    const id = `G${Date.now().toString(36)}`;
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '19.99', currency: 'USD' })).status).toBe(201);
    const first = kit.core.journal.journal().posSale(id);
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '19.99', currency: 'USD' })).status).toBe(200);
    shift += DAY_MS;
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '7.00', currency: 'USD' })).status).toBe(201);
    expect(kit.core.journal.journal().posSale(id)).toMatchObject({ totalMinor: 700, saleDate: (await kit.core.engine.get()).businessDate() });
    expect(kit.core.journal.journal().posSale(id)?.saleDate).not.toBe(first?.saleDate);
  });
});

describe('a store in Kuwaiti dinars (3 decimals)', () => {
  let kit: TillKit;
  const t: PosTarget = { port: 0, token: '' };
  beforeAll(async () => {
    kit = await posLinkTill(t, { settings: { currency: 'KWD' } });
  });
  afterAll(() => kit.close());

  it('accepts a total in fils ("12.345 KWD")', async () => {
    const r = await request(t, 'PUT', '/pos/v1/sales/K1', { total: '12.345', currency: 'KWD', lines: [{ sku: 'A', qty: 1, amount: '10.005', earns: true }] });
    expect(r).toMatchObject({ status: 201, body: { total: '12.345', earnBase: '10.005' } });
    expect(kit.core.journal.journal().posSale('K1')).toMatchObject({ totalMinor: 12345, earnBaseMinor: 10005 });
  });

  it('refuses yen with decimals ("19.99 JPY") with a clear 400', async () => {
    const r = await request(t, 'PUT', '/pos/v1/sales/K2', { total: '19.99', currency: 'JPY' });
    expect(r).toMatchObject({ status: 400, body: { code: 'bad-request', message: expect.stringContaining('no decimals in JPY') as unknown } });
  });

  it('refuses 4 decimals in dinars, naming the field', async () => {
    const r = await request(t, 'PUT', '/pos/v1/sales/K3', { total: '12.3456', currency: 'KWD' });
    expect(r).toMatchObject({ status: 400, body: { code: 'bad-request', message: expect.stringContaining('total') as unknown } });
    expect(kit.core.journal.journal().posSale('K3')).toBeUndefined();
  });

  it('typed entry at the till reads the total in dinars: "12.345" previews and awards on 12.345 KWD', async () => {
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    const preview = await kit.call('awardPreview', { memberId: DEMO.goldMember, saleTotal: '12.345' });
    expect(preview).toMatchObject({ ok: true, value: { saleTotalMinor: 12345 } });
    const points = preview.ok ? (preview.value as { points: number }).points : 0;
    expect(points).toBeGreaterThanOrEqual(12);
    const typed = await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'KT1', saleTotal: '12.345' });
    expect(typed).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(kit.core.journal.journal().getByDedupKey(`award:${DEMO.storeId}:KT1`)).toMatchObject({ amount: points, saleTotal: 12345 });
    // Four decimals are not dinars: refused with the amount's own reason.
    expect(await kit.call('awardPreview', { memberId: DEMO.goldMember, saleTotal: '12.3456' })).toMatchObject({ ok: false, error: { code: 'AMOUNT_INVALID' } });
  });
});

describe('a store in yen (no decimals)', () => {
  let kit: TillKit;
  beforeAll(async () => {
    kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000, currency: 'JPY' } });
    await kit.unlock();
  });
  afterAll(() => kit.close());

  it('typed entry at the till reads the total in yen: "1980" is 1980 yen, "19.80" is refused', async () => {
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('awardPreview', { memberId: DEMO.goldMember, saleTotal: '19.80' })).toMatchObject({ ok: false, error: { code: 'AMOUNT_INVALID', message: expect.stringContaining('no decimals in JPY') as unknown } });
    const typed = await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'YT1', saleTotal: '1980' });
    expect(typed).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(kit.core.journal.journal().getByDedupKey(`award:${DEMO.storeId}:YT1`)).toMatchObject({ saleTotal: 1980 });
    // A typed return in yen takes back the yen share of the award.
    const award = kit.core.journal.journal().getByDedupKey(`award:${DEMO.storeId}:YT1`);
    const back = await kit.call('saleReturn', { posTxnId: 'YT1', returnId: 'R1', mode: 'proportional', returnedAmount: '990' });
    expect(back).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(kit.core.journal.journal().getByDedupKey(`clawback:${DEMO.storeId}:YT1:R1`)).toMatchObject({ amount: -Math.floor((award?.amount ?? 0) / 2) });
  });
});
