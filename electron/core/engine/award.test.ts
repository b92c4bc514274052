/** Awards against the real sandbox: happy path, duplicates, refusals, unknown outcomes resolved by read-back. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import type { FetchFn } from '../api/http.ts';
import { TIMINGS, settle, startHarness } from './testing/harness.ts';
import type { Harness } from './testing/harness.ts';

const M = DEMO.newMember;
let h: Harness;
afterEach(async () => h?.close());

const posts = (hh: Harness, path = '/points'): number => hh.sandbox.audit().filter((a) => a.method === 'POST' && a.path.includes(path)).length;

describe('award', () => {
  it('records, sends once, confirms with the server transaction id and balance', async () => {
    h = await startHarness();
    const before = h.sandbox.balance(M);
    const out = await h.engine.award({ memberId: M, posTxnId: '1001', points: 120 });
    expect(out.status).toBe('confirmed');
    expect(out.balance).toBe(before + 120);
    expect(out.row?.serverTxnId).toMatch(/^txn_/);
    expect(out.row?.description).toBe('In-store purchase · store st_nyc_01 · till T1 · txn 1001');
    expect(h.copies(out.row!)).toBe(1);
    expect(out.message).toContain('Awarded 120 points');
  });

  it('a second award of the same sale is a duplicate and sends nothing', async () => {
    h = await startHarness();
    const first = await h.engine.award({ memberId: M, posTxnId: '1002', points: 50 });
    const again = await h.engine.award({ memberId: M, posTxnId: '1002', points: 60 });
    expect(again).toMatchObject({ status: 'duplicate', stale: false, points: 50, balance: first.balance });
    expect(again.message).toMatch(/already recorded at \d\d:\d\d/);
    expect(again.message).toContain('amount');
    expect(posts(h)).toBe(1);
    expect(h.copies(first.row!)).toBe(1);
  });

  it('404 (unknown member) is rejected with SocialHub’s reason', async () => {
    h = await startHarness();
    const out = await h.engine.award({ memberId: 'mb_nobody', posTxnId: '1003', points: 10 });
    expect(out.status).toBe('rejected');
    expect(out.message).toContain('Member mb_nobody not found');
    expect(out.row?.state).toBe('rejected');
  });

  it('400 (adjustment below zero) is rejected with SocialHub’s reason, not retried', async () => {
    h = await startHarness();
    const out = await h.engine.adjust({ memberId: M, points: -500, reasonCode: 'CORRECTION', note: 'test refusal', ref: 'a400' });
    expect(out.status).toBe('rejected');
    expect(out.message).toMatch(/HTTP 400.*below zero/);
    expect((await h.engine.drainOnce()).processed).toBe(0);
    expect(posts(h)).toBe(1);
  });

  it('applied then dropped: checking, then the ledger read-back confirms it — exactly one POST (A2)', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: '1004', points: 30 });
    expect(out.status).toBe('checking');
    expect(out.message).toContain('do not re-enter');
    const row = await settle(h.engine, h.journal, out.row!.id);
    expect(row.state).toBe('confirmed');
    expect(row.serverTxnId).toMatch(/^txn_/);
    expect(posts(h)).toBe(1);
    expect(h.copies(row)).toBe(1);
    expect(h.journal.attempts(row.id).map((a) => `${a.kind}:${a.classification}`)).toEqual(['send:unknown-outcome', 'verify:applied']);
  });

  it('a slower-than-timeout answer (applied) resolves the same way', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'latency', ms: 900, phase: 'afterApply', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: '1005', points: 30 });
    expect(out.status).toBe('checking');
    const row = await settle(h.engine, h.journal, out.row!.id);
    expect(row.state).toBe('confirmed');
    expect(posts(h)).toBe(1);
  });

  it('5xx (not applied here): verified absent after the settle delay, then resent once', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'error5xx', status: 502, count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: '1006', points: 30 });
    expect(out.status).toBe('checking');
    const row = await settle(h.engine, h.journal, out.row!.id);
    expect(row.state).toBe('confirmed');
    expect(posts(h)).toBe(2);
    expect(h.copies(row)).toBe(1);
  });

  it('a hung request times out into checking and is never resent before verification', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'hang', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: '1007', points: 30 });
    expect(out.status).toBe('checking');
    expect(out.row?.state).toBe('unknown');
    expect((await h.engine.drainOnce()).processed).toBe(0); // not due before the settle delay
    const row = await settle(h.engine, h.journal, out.row!.id);
    expect(row.state).toBe('confirmed');
    expect(h.copies(row)).toBe(1);
  });

  it('malformed 2xx is unknown, then verified (never confirmed from the bad body)', async () => {
    let mangled = 0;
    const fetchFn: FetchFn = async (input, init) => {
      const res = await fetch(input, init);
      if (init?.method === 'POST' && mangled++ === 0) return new Response('<html>ok</html>', { status: 200, headers: { 'content-type': 'text/html' } });
      return res;
    };
    h = await startHarness({ client: { fetch: fetchFn } });
    const out = await h.engine.award({ memberId: M, posTxnId: '1008', points: 30 });
    expect(out.status).toBe('checking');
    expect(h.journal.attempts(out.row!.id)[0]).toMatchObject({ httpStatus: 200, reason: 'malformed-response', classification: 'unknown-outcome' });
    const row = await settle(h.engine, h.journal, out.row!.id);
    expect(row.state).toBe('confirmed');
    expect(posts(h)).toBe(1);
  });

  it('ledger lag shorter than the settle delay: found on read-back, no resend (A3)', async () => {
    h = await startHarness({ sandbox: { ledgerLagMs: 400 } });
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: '1009', points: 30 });
    const row = await settle(h.engine, h.journal, out.row!.id);
    expect(row.state).toBe('confirmed');
    expect(posts(h)).toBe(1);
  });

  it('ledger lag longer than the settle delay: the resend duplicates and is caught → needs-attention (A3)', async () => {
    h = await startHarness({ sandbox: { ledgerLagMs: 2500 } });
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: '1010', points: 30 });
    const row = await settle(h.engine, h.journal, out.row!.id, 15_000);
    expect(posts(h)).toBe(2);
    expect(h.copies(row)).toBe(2);
    expect(row.state).toBe('needs-attention');
    expect(row.reasonCode).toBe('duplicate-on-ledger');
    expect(row.lastError).toContain('30 points too many');
  });

  it('needs points, or a sale total and an earning rule', async () => {
    h = await startHarness();
    await expect(h.engine.award({ memberId: M, posTxnId: '1011' })).rejects.toThrow(/Give the points/);
    await expect(h.engine.award({ memberId: M, posTxnId: 'bad id', points: 1 })).rejects.toThrow(/POS transaction id/);
    const e = h.engineWith({ earnRule: { pointsPerUnit: 10, rounding: 'floor', applyTierMultiplier: false } });
    const out = await e.award({ memberId: M, posTxnId: '1012', saleTotalMinor: 1999 });
    expect(out).toMatchObject({ status: 'confirmed', points: 199 });
    expect(out.row?.saleTotal).toBe(1999);
  });

  it('a sale total is read in the given currency: 1980 yen earns on 1980 units, not 19.80', async () => {
    h = await startHarness();
    const e = h.engineWith({ earnRule: { pointsPerUnit: 0.01, rounding: 'floor', applyTierMultiplier: false } });
    const yen = await e.award({ memberId: M, posTxnId: '1013', saleTotalMinor: 1980, currency: 'JPY' });
    expect(yen).toMatchObject({ status: 'confirmed', points: 19 });
    expect(yen.row?.saleTotal).toBe(1980);
    // The same minor units without a currency are dollars (19.80), as before: no points.
    await expect(e.award({ memberId: M, posTxnId: '1014', saleTotalMinor: 1980 })).rejects.toThrow(/earns no points/);
  });

  it('business-day scope: the date is in key and marker; an earlier day’s sale re-entered is a stale duplicate', async () => {
    let today = '2026-11-24';
    h = await startHarness({ config: { txnIdScope: 'business-day', businessDate: () => today } });
    const monday = await h.engine.award({ memberId: M, posTxnId: '7', points: 10 });
    expect(monday.row?.description).toBe('In-store purchase · store st_nyc_01 · till T1 · day 2026-11-24 · txn 7');
    today = '2026-11-25';
    const tuesday = await h.engine.award({ memberId: M, posTxnId: '7', points: 20 });
    expect(tuesday.status).toBe('confirmed'); // same POS id, new day: a different sale
    const again = await h.engine.award({ memberId: M, posTxnId: '7', points: 10, businessDate: '2026-11-24' });
    expect(again).toMatchObject({ status: 'duplicate', stale: true, points: 10 });
    expect(again.message).toContain('earlier business day (2026-11-24)');
    const sameDay = await h.engine.award({ memberId: M, posTxnId: '7', points: 20 });
    expect(sameDay).toMatchObject({ status: 'duplicate', stale: false });
    expect(posts(h)).toBe(2);
  });

  it('forever scope: an old duplicate is just a duplicate', async () => {
    let now = Date.now();
    h = await startHarness({ config: { now: () => now } });
    await h.engine.award({ memberId: M, posTxnId: '1013', points: 10 });
    now += 400 * 86_400_000;
    expect(await h.engine.award({ memberId: M, posTxnId: '1013', points: 10 })).toMatchObject({ status: 'duplicate', stale: false });
  });
});

describe('adjust', () => {
  it('is exactly-once per ref, through an unknown outcome too', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const out = await h.engine.adjust({ memberId: M, points: 75, reasonCode: 'GOODWILL', note: 'late delivery', ref: 'ref-1' });
    expect(out.status).toBe('checking');
    expect(out.row?.description).toBe('Manager adjustment · store st_nyc_01 · till T1 · adj ref-1 · reason GOODWILL');
    expect(out.row?.note).toBe('late delivery');
    expect((await h.engine.adjust({ memberId: M, points: 75, reasonCode: 'GOODWILL', note: 'again', ref: 'ref-1' })).status).toBe('duplicate');
    const row = await settle(h.engine, h.journal, out.row!.id);
    expect(row.state).toBe('confirmed');
    expect(h.copies(row)).toBe(1);
    expect(posts(h)).toBe(1);
    expect(TIMINGS.settleMs).toBeGreaterThanOrEqual(2 * TIMINGS.requestTimeoutMs);
  });

  it('refuses an adjustment without a ref, so nothing can mint a second one for a resent form', async () => {
    h = await startHarness();
    const before = h.sandbox.balance(M);
    const untyped = { memberId: M, points: 75, reasonCode: 'GOODWILL', note: 'late delivery' } as unknown as Parameters<typeof h.engine.adjust>[0];
    await expect(h.engine.adjust(untyped)).rejects.toMatchObject({ name: 'EngineInputError', localized: { messageId: 'engine.input.adjustRef' } });
    await expect(h.engine.adjust({ ...untyped, ref: '' })).rejects.toMatchObject({ name: 'EngineInputError', localized: { messageId: 'engine.input.badId' } });
    expect(h.journal.count()).toBe(0);
    expect(posts(h)).toBe(0);
    expect(h.sandbox.balance(M)).toBe(before);
  });
});
