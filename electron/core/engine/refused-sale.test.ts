/**
 * A sale SocialHub refused for certain (404: a mistyped member) against the real sandbox: the
 * same sale entered again with the right card is sent, and a manager can re-queue the refused
 * row under the corrected member with a reason. A refusal after an unknown attempt never is.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { settle, startHarness } from './testing/harness.ts';
import type { Harness } from './testing/harness.ts';

const M = DEMO.newMember;
let h: Harness;
afterEach(async () => h?.close());

const posts = (hh: Harness): number => hh.sandbox.audit().filter((a) => a.method === 'POST' && a.path.includes('/points')).length;

describe('a refused sale (item 6)', () => {
  it('re-entered with the right card: the corrected entry is sent; the same wrong card again is a duplicate', async () => {
    h = await startHarness();
    const wrong = await h.engine.award({ memberId: 'mb_mistyped', posTxnId: 'f1', points: 25 });
    expect(wrong.status).toBe('rejected');
    expect(await h.engine.award({ memberId: 'mb_mistyped', posTxnId: 'f1', points: 25 })).toMatchObject({ status: 'duplicate' });
    expect(posts(h)).toBe(1);

    const right = await h.engine.award({ memberId: M, posTxnId: 'f1', points: 25 });
    expect(right.status).toBe('confirmed');
    expect(right.row!.id).not.toBe(wrong.row!.id);
    expect(h.copies(right.row!)).toBe(1);
    expect(h.engine.saleSummary('f1').award?.id).toBe(right.row!.id);
    const old = h.journal.get(wrong.row!.id)!;
    expect(old).toMatchObject({ state: 'rejected', memberId: 'mb_mistyped', description: wrong.row!.description });
    expect(old.dedupKey).toBe(`${right.row!.dedupKey} retired ${old.id}`);
    expect(h.journal.events(old.id).some((e) => e.type === 'note' && e.detail?.includes('entered again'))).toBe(true);
    // Now the corrected sale stands: entering it again is a duplicate of it.
    expect(await h.engine.award({ memberId: M, posTxnId: 'f1', points: 25 })).toMatchObject({ status: 'duplicate', row: { id: right.row!.id } });
    expect(posts(h)).toBe(2);
  });

  it('a manager re-queues a refused sale under the corrected member, with a reason on both rows', async () => {
    h = await startHarness();
    const wrong = await h.engine.award({ memberId: 'mb_mistyped', posTxnId: 'f2', points: 15, saleTotalMinor: 1500 });
    expect(wrong.status).toBe('rejected');
    expect((await h.engine.requeueCorrected(wrong.row!.id, { memberId: M, reason: 'no', by: 'Dana' })).ok).toBe(false);
    expect((await h.engine.requeueCorrected(wrong.row!.id, { memberId: 'mb_mistyped', reason: 'card was mistyped', by: 'Dana' })).message).toContain('corrected member');
    const r = await h.engine.requeueCorrected(wrong.row!.id, { memberId: M, reason: 'card was mistyped', by: 'Dana' });
    expect(r.ok).toBe(true);
    expect(r.row).toMatchObject({ kind: 'award', memberId: M, posTxnId: 'f2', amount: 15, saleTotal: 1500, state: 'confirmed' });
    expect(r.row!.note).toContain('Re-queued by Dana');
    expect(h.journal.get(wrong.row!.id)!.note).toContain(`as row ${r.row!.id}: card was mistyped`);
    expect(h.copies(r.row!)).toBe(1);
    const again = await h.engine.requeueCorrected(wrong.row!.id, { memberId: M, reason: 'card was mistyped', by: 'Dana' });
    expect(again.ok).toBe(false);
    expect(posts(h)).toBe(2);
  });

  it('a refusal after an unknown attempt is never retired nor re-queued', async () => {
    h = await startHarness();
    // The first attempt's outcome is unknown and every ledger check says 404: a manager decides.
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'dropBeforeApply', count: 1 });
    const out = await h.engine.award({ memberId: 'mb_mistyped', posTxnId: 'f3', points: 5 });
    expect(out.status).toBe('checking');
    const row = await settle(h.engine, h.journal, out.row!.id, 15_000);
    expect(row.state).toBe('needs-attention');
    expect((await h.engine.requeueCorrected(row.id, { memberId: M, reason: 'card was mistyped', by: 'Dana' })).ok).toBe(false);
    expect(await h.engine.award({ memberId: M, posTxnId: 'f3', points: 5 })).toMatchObject({ status: 'duplicate', row: { id: row.id } });
    expect(posts(h)).toBe(1);
  });
});
