/** Recovery after a crash mid-request, and the manager's verify / resend / resolve. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import type { CrashPoint } from './index.ts';
import { settle, startHarness } from './testing/harness.ts';
import type { Harness } from './testing/harness.ts';

const M = DEMO.newMember;
let h: Harness;
afterEach(async () => h?.close());

const posts = (hh: Harness): number => hh.sandbox.audit().filter((a) => a.method === 'POST').length;

/** An engine whose process "dies" (throws out of everything) at one crash point. */
function dying(hh: Harness, at: CrashPoint) {
  return hh.engineWith({
    leaseMs: 1000,
    crashPoint: (p) => {
      if (p === at) throw new Error(`died at ${p}`);
    },
  });
}

describe('recover', () => {
  it('a row left in sending after the server applied it is verified, never resent', async () => {
    h = await startHarness();
    await expect(dying(h, 'after-apply').award({ memberId: M, posTxnId: 'rc1', points: 9 })).rejects.toThrow('died at after-apply');
    const row = h.journal.getByDedupKey('award:st_nyc_01:rc1')!;
    expect(row.state).toBe('sending');
    const report = await h.engineWith().recover();
    expect(report).toMatchObject({ examined: 1, abandoned: 0, confirmed: 1 }); // its lease was still live at the start
    expect(posts(h)).toBe(1);
    expect(h.copies(row)).toBe(1);
    expect(h.journal.attempts(row.id).map((a) => a.reason)).toEqual(['abandoned', 'marker-found']);
  });

  it('a row left in sending that never left the till is verified absent, then sent once', async () => {
    h = await startHarness();
    await expect(dying(h, 'before-send').award({ memberId: M, posTxnId: 'rc2', points: 9 })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 1100)); // the dead worker's lease runs out
    const report = await h.engineWith().recover();
    expect(report).toMatchObject({ examined: 1, abandoned: 1, confirmed: 1, pending: 0 });
    const row = h.journal.getByDedupKey('award:st_nyc_01:rc2')!;
    expect(posts(h)).toBe(1);
    expect(h.copies(row)).toBe(1);
  });
});

describe('manager actions', () => {
  it('verifyNow confirms an unknown outcome without waiting for the settle delay', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: 'm1', points: 5 });
    expect(out.row?.state).toBe('unknown');
    const early = await h.engine.resend(out.row!.id);
    expect(early.ok).toBe(false);
    expect(early.message).toContain('verify it first');
    const v = await h.engine.verifyNow(out.row!.id);
    expect(v).toMatchObject({ ok: true, row: { state: 'confirmed' } });
    expect(await h.engine.verifyNow(out.row!.id)).toMatchObject({ ok: false, message: 'Nothing to verify: the row is Done.' });
  });

  it('verifyNow before the settle delay does not take absence as proof', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'error5xx', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: 'm2', points: 5 });
    const v = await h.engine.verifyNow(out.row!.id);
    expect(v.row?.state).toBe('unknown');
    expect(posts(h)).toBe(1);
  });

  it('a duplicate on the ledger cannot be resent; the manager resolves it with a reason', async () => {
    h = await startHarness({ sandbox: { ledgerLagMs: 2500 } });
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: 'm3', points: 5 });
    const row = await settle(h.engine, h.journal, out.row!.id, 15_000);
    expect(row.state).toBe('needs-attention');
    const unsafe = await h.engine.resend(row.id);
    expect(unsafe.ok).toBe(false);
    expect(unsafe.message).toContain('Verify it first');
    expect((await h.engine.verifyNow(row.id)).row?.state).toBe('needs-attention');
    expect(h.engine.resolve(row.id, 'ok', 'Sam')).toMatchObject({ ok: false });
    const done = h.engine.resolve(row.id, 'Compensating adjustment made in reconciliation', 'Sam');
    expect(done).toMatchObject({ ok: true, row: { state: 'resolved', resolvedBy: 'Sam' } });
  });

  it('resend sends a row proven unapplied; resolve closes a queued one without sending it', async () => {
    const changed: number[] = [];
    h = await startHarness({ config: { onChange: (ids) => changed.push(...ids) } });
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'rateLimit', retryAfter: '30', count: 1 });
    const a = await h.engine.award({ memberId: M, posTxnId: 'm4', points: 5 });
    const b = await h.engine.award({ memberId: M, posTxnId: 'm5', points: 5 });
    expect([a.status, b.status]).toEqual(['queued', 'queued']);
    expect(changed).toContain(a.row!.id);
    h.journal.transition(a.row!.id, { from: ['queued'], to: 'needs-attention', actor: 'test', patch: { reasonCode: 'manual' } });
    const resent = await h.engineWith().resend(a.row!.id); // another process: no rate-limit pause remembered
    expect(resent).toMatchObject({ ok: true, row: { state: 'confirmed' } });
    const closed = h.engine.resolve(b.row!.id, 'Sale voided at the POS', 'Sam');
    expect(closed).toMatchObject({ ok: true, row: { state: 'resolved' } });
    expect(h.journal.events(b.row!.id).map((e) => e.toState)).toEqual(['queued', 'needs-attention', 'resolved']); // the rate-limit pause kept it from being sent
    expect(h.engine.status()).toMatchObject({ storeId: 'st_nyc_01', tillId: 'T1', queue: { unfinished: 0 } });
  });
});
