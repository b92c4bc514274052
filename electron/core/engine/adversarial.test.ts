/**
 * Attacks on the seams between coupon ownership, late-apply/refusal handling and journal keying,
 * against the real sandbox over HTTP with real journal files.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import type { FetchFn } from '../api/http.ts';
import { copyFileSync } from 'node:fs';
import { createSocialHubClient } from '../api/index.ts';
import { openJournal } from '../journal/index.ts';
import { createEngine } from './index.ts';
import { TIMINGS, startHarness } from './testing/harness.ts';
import { drainUntil, startTills } from './testing/tills.ts';
import type { Tills } from './testing/tills.ts';

const M = DEMO.newMember;
let t: Tills | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A fetch that refuses connections while `down.value` is set (the till is offline). */
function switchable(down: { value: boolean }): FetchFn {
  return (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    if (down.value) throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    return fetch(input, init);
  });
}

/** Awards until the till stops trying to send (its link is down): the next award is only recorded. */
async function goOffline(till: NonNullable<Tills['tills'][0]>, prefix: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await till.engine.award({ memberId: M, posTxnId: `${prefix}${i}`, points: 1 });
    if (r.row?.state === 'queued' && r.row.attemptCount === 0) return;
  }
  throw new Error('the till never went offline');
}

const entries = (tt: Tills, member: string, txn: string): string[] =>
  tt.sandbox
    .ledger(member)
    .map((e) => e.description)
    .filter((d) => d.includes(`txn ${txn}`));

describe('till-agnostic markers do not cross stores', () => {
  it("another store's entry for the same txn is not taken as this sale's lost success", async () => {
    t = await startTills({ count: 2 });
    const [a, b] = t.tills as [NonNullable<Tills['tills'][0]>, NonNullable<Tills['tills'][1]>];
    b.restart({ storeId: 'st_bos_02' });
    const first = await a.engine.award({ memberId: M, posTxnId: 'x1', points: 10 });
    expect(first.status).toBe('confirmed');
    // Store 2's request dies before SocialHub applies it: verify must not find store 1's entry.
    t.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'dropBeforeApply', count: 1 });
    const second = await b.engine.award({ memberId: M, posTxnId: 'x1', points: 10 });
    expect(second.row).toBeDefined();
    t.advance(2000);
    await drainUntil(b, second.row!.id, ['confirmed', 'needs-attention'], 15_000);
    const row = b.journal.get(second.row!.id)!;
    expect(row.state).toBe('confirmed');
    expect(entries(t, M, 'x1').filter((d) => d.includes('store st_bos_02'))).toHaveLength(1);
    expect(entries(t, M, 'x1').filter((d) => d.includes('store st_nyc_01'))).toHaveLength(1);
  });
});

describe('a mistyped card while offline (old queued row → ledger check first)', () => {
  it('the corrected sale is still awarded once, and the wrong-card row never blocks it', async () => {
    const down = { value: false };
    t = await startTills({ count: 1, fetch: () => switchable(down) });
    const [a] = t.tills as [NonNullable<Tills['tills'][0]>];
    down.value = true;
    // Takes the link down (connection refused), so the next award is only recorded.
    await goOffline(a, 'o0');
    const wrong = await a.engine.award({ memberId: 'mb_mistyped', posTxnId: 'o1', points: 25 });
    expect(wrong.row!.attemptCount).toBe(0);
    // The till stays offline past the settle delay, then comes back.
    t.advance(5000);
    down.value = false;
    await drainUntil(a, wrong.row!.id, ['rejected', 'needs-attention', 'confirmed'], 20_000);
    expect(a.journal.get(wrong.row!.id)).toMatchObject({ state: 'rejected' });
    const right = await a.engine.award({ memberId: M, posTxnId: 'o1', points: 25 });
    if (right.row!.state !== 'confirmed') await drainUntil(a, right.row!.id, ['confirmed', 'needs-attention'], 15_000);
    expect(right.row!.id).not.toBe(wrong.row!.id);
    expect(entries(t, M, 'o1')).toHaveLength(1);
  });
});


describe("a manager's resend of an old queued row", () => {
  it('reads the ledger first, like the drainer: a copy of the journal may have sent it', async () => {
    const down = { value: false };
    t = await startTills({ count: 1, fetch: () => switchable(down) });
    const [a] = t.tills as [NonNullable<Tills['tills'][0]>];
    down.value = true;
    await goOffline(a, 'r0');
    const queued = await a.engine.award({ memberId: M, posTxnId: 'r1', points: 30 });
    expect(queued.row).toMatchObject({ state: 'queued', attemptCount: 0 });
    // The original of this (copied) journal sent it meanwhile.
    const other = createSocialHubClient({ baseUrl: t.sandbox.url, apiKey: t.sandbox.keys.write, timeoutMs: TIMINGS.requestTimeoutMs });
    expect((await other.postPoints(M, { amount: 30, description: queued.row!.description })).ok).toBe(true);
    t.advance(5000);
    down.value = false;
    await a.engine.resend(queued.row!.id);
    await drainUntil(a, queued.row!.id, ['confirmed', 'needs-attention'], 15_000);
    expect(a.journal.get(queued.row!.id)!.state).toBe('confirmed');
    expect(entries(t, M, 'r1')).toHaveLength(1);
  });
});

describe('per-till POS ids: a refused sale re-queued from another till', () => {
  it('is re-queued as the till that rang it up, so its own re-entry there is a duplicate, not a second award', async () => {
    const h = await startHarness({ config: { idsUniquePer: 'till' } });
    try {
      const t2 = h.engineWith({ tillId: 'T2' });
      const wrong = await h.engine.award({ memberId: 'mb_mistyped', posTxnId: 'p1', points: 20 });
      expect(wrong.status).toBe('rejected');
      // A manager at till 2 (same journal) re-queues till 1's refused sale under the right card.
      const r = await t2.requeueCorrected(wrong.row!.id, { memberId: M, reason: 'card was mistyped', by: 'Dana' });
      // Then till 1's cashier re-enters the same sale with the right card.
      await h.engine.award({ memberId: M, posTxnId: 'p1', points: 20 });
      const onLedger = h.sandbox.ledger(M).filter((e) => e.description.includes('txn p1'));
      expect(onLedger).toHaveLength(1);
      expect(r).toMatchObject({ ok: true, row: { tillId: 'T1', state: 'confirmed' } });
    } finally {
      await h.close();
    }
  });
});

describe('a copied journal holding a queued redeem', () => {
  it('checks the coupon but never sends the redeem in the background', async () => {
    const h = await startHarness();
    let copy: ReturnType<typeof openJournal> | undefined;
    let engine: ReturnType<typeof createEngine> | undefined;
    try {
      const [G, C] = [DEMO.spareCouponMember, DEMO.spareCoupons[1] ?? ''];
      h.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'error5xx', count: 1 });
      const first = await h.engine.redeem({ couponId: C, memberId: G });
      expect(first.verdict).toBe('checking');
      await new Promise((r) => setTimeout(r, TIMINGS.settleMs + 200));
      await h.engine.recover({ timeoutMs: 1000 });
      expect(h.journal.get(first.row!.id)?.state).toBe('queued');
      await h.engine.stop();
      h.journal.checkpoint();
      const path = `${h.path}.copy`;
      copyFileSync(h.path, path);
      copy = openJournal({ path, machine: 'another-till' });
      expect(copy.identity.suspect).not.toBeNull();
      engine = createEngine({ journal: copy, client: h.client(), storeId: 'st_nyc_01', tillId: 'T1', txnIdScope: 'forever', owner: 'copy-1', ...TIMINGS });
      await engine.recover({ timeoutMs: 1000 });
      await engine.drainOnce();
      expect(copy.get(first.row!.id)?.state).toBe('queued');
      expect(h.sandbox.audit().filter((a) => a.method === 'POST' && a.path.includes('/redeem'))).toHaveLength(1);
    } finally {
      await engine?.stop();
      copy?.close();
      await h.close();
    }
  });
});

describe('till-agnostic markers do not cross business days', () => {
  it("till 2's lost sale is not confirmed by till 1's sale with the same txn on another day", async () => {
    t = await startTills({ count: 2, config: { txnIdScope: 'business-day' } });
    const [a, b] = t.tills as [NonNullable<Tills['tills'][0]>, NonNullable<Tills['tills'][1]>];
    expect((await a.engine.award({ memberId: M, posTxnId: 'd1', points: 10, businessDate: '2026-12-04' })).status).toBe('confirmed');
    t.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'dropBeforeApply', count: 1 });
    const lost = await b.engine.award({ memberId: M, posTxnId: 'd1', points: 10, businessDate: '2026-12-05' });
    t.advance(2000);
    await drainUntil(b, lost.row!.id, ['confirmed', 'needs-attention'], 15_000);
    expect(b.journal.get(lost.row!.id)!.state).toBe('confirmed');
    expect(entries(t, M, 'd1').filter((d) => d.includes('day 2026-12-05'))).toHaveLength(1);
    expect(entries(t, M, 'd1').filter((d) => d.includes('day 2026-12-04'))).toHaveLength(1);
  });
});
