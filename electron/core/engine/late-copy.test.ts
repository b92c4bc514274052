/**
 * Copies that land late or stay hidden, against the real sandbox over HTTP: a first attempt
 * applied after the till gave up on it, ledger lag longer than the duplicate-check window, a
 * refusal after an unknown attempt, a member every ledger read says does not exist, and a
 * resolved duplicate that must not block later returns. Each ends with SocialHub holding the
 * write once, or with the row in front of a manager.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { MEMBER_NOT_FOUND_READS, REASON_CODES } from './constants.ts';
import { settle, startHarness } from './testing/harness.ts';
import type { Harness } from './testing/harness.ts';

const M = DEMO.newMember;
const POINTS = 'POST /members/:id/points' as const;
let h: Harness;
afterEach(async () => h?.close());

const posts = (hh: Harness): number => hh.sandbox.audit().filter((a) => a.method === 'POST' && a.path.includes('/points')).length;
const reasons = (hh: Harness, id: number, kind: 'send' | 'verify'): (string | null)[] =>
  hh.journal
    .attempts(id)
    .filter((a) => a.kind === kind)
    .map((a) => a.reason);

describe('late apply (item 4)', () => {
  it('the first POST lands after the resend was confirmed by its own entry: still caught as a duplicate', async () => {
    // Applied 2.5 s after arriving, long after the 600 ms timeout and the 1.2 s no-resend window.
    h = await startHarness({ config: { duplicateCheckMaxMs: 8000 } });
    h.sandbox.addFault({ route: POINTS, kind: 'latency', ms: 2500, phase: 'beforeApply', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: 'late-1', points: 30 });
    expect(out.status).toBe('checking');
    const row = await settle(h.engine, h.journal, out.row!.id, 20_000);
    expect(posts(h)).toBe(2);
    expect(h.copies(row)).toBe(2);
    expect(row.state).toBe('needs-attention');
    expect(row.reasonCode).toBe(REASON_CODES.duplicateOnLedger);
    expect(row.lastError).toContain('30 points too many');
    // The resend's balance accounted for one copy: the late one was found by watching the ledger.
    expect(reasons(h, row.id, 'send')).toContain('applied-balance-accounted');
  });

  it('a resend whose own entry shows is watched until the window since the first attempt has passed, then confirmed', async () => {
    h = await startHarness({ config: { duplicateCheckMaxMs: 5000 } });
    h.sandbox.addFault({ route: POINTS, kind: 'error5xx', status: 502, count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: 'late-2', points: 30 });
    const row = await settle(h.engine, h.journal, out.row!.id, 20_000);
    expect(row.state).toBe('confirmed');
    expect(posts(h)).toBe(2);
    expect(h.copies(row)).toBe(1);
    const verifies = reasons(h, row.id, 'verify');
    expect(verifies).toContain('watching-for-late-copy');
    expect(verifies.at(-1)).toBe('marker-found-once');
    const first = h.journal.attempts(row.id)[0]!;
    expect(row.finishedAt! - first.startedAt).toBeGreaterThanOrEqual(5000);
  });

  it('ledger lag longer than the duplicate-check window: the resend’s balance shows the hidden copy at once', async () => {
    h = await startHarness({ sandbox: { ledgerLagMs: 10_000 } });
    h.sandbox.addFault({ route: POINTS, kind: 'applyThenDrop', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: 'lag-1', points: 30 });
    const row = await settle(h.engine, h.journal, out.row!.id, 15_000);
    expect(h.copies(row)).toBe(2);
    expect(row.state).toBe('needs-attention');
    expect(row.reasonCode).toBe(REASON_CODES.duplicateOnLedger);
    expect(reasons(h, row.id, 'send').at(-1)).toBe('applied-hidden-copy-by-balance');
    expect(row.serverTxnId).toMatch(/^txn_/);
  });

  it('ledger lag longer than the window with no hidden copy: confirmed on the balance, never silently', async () => {
    h = await startHarness({ sandbox: { ledgerLagMs: 10_000 } });
    h.sandbox.addFault({ route: POINTS, kind: 'error5xx', status: 503, count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: 'lag-2', points: 30 });
    const row = await settle(h.engine, h.journal, out.row!.id, 20_000);
    expect(h.copies(row)).toBe(1);
    expect(row.state).toBe('confirmed');
    expect(row.lastError).toContain('balance showed no second copy');
    expect(reasons(h, row.id, 'verify').at(-1)).toBe('balance-shows-one-copy');
  });

  it('ledger lag longer than the window and a balance that moved for other reasons: a manager decides', async () => {
    h = await startHarness({ sandbox: { ledgerLagMs: 10_000 } });
    h.sandbox.addFault({ route: POINTS, kind: 'error5xx', status: 503, count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: 'lag-3', points: 30 });
    // Another write for the member lands between the absence check and the resend.
    h.sandbox.addFault({ route: POINTS, kind: 'latency', ms: 300, phase: 'beforeApply', count: 1 });
    const other = h.client({ timeoutMs: 5000 }).postPoints(M, { amount: 7, description: 'Order #SO-1 fulfilled' });
    const row = await settle(h.engine, h.journal, out.row!.id, 20_000);
    await other;
    expect(h.copies(row)).toBe(1);
    expect(row.state).toBe('needs-attention');
    expect(row.reasonCode).toBe(REASON_CODES.duplicateCheckInconclusive);
  });
});

describe('a refusal after an unknown attempt (item 5)', () => {
  it('a full return applied with its reply lost, then refused on resend: manager, and the cap still holds', async () => {
    h = await startHarness();
    expect((await h.engine.award({ memberId: M, posTxnId: 'r5', points: 10, saleTotalMinor: 1000 })).status).toBe('confirmed');
    // The clawback lands but its reply is lost; the lagging ledger hides it from the check.
    h.sandbox.setLedgerLag(10_000);
    h.sandbox.addFault({ route: POINTS, kind: 'applyThenDrop', count: 1 });
    const first = await h.engine.clawback({ posTxnId: 'r5', returnId: 'R1', mode: 'points', points: 10 });
    expect(first.status).toBe('checking');
    const row = await settle(h.engine, h.journal, first.row!.id, 15_000);
    expect(posts(h)).toBe(3); // award, clawback, refused resend
    expect(row.state).toBe('needs-attention');
    expect(row.reasonCode).toBe(REASON_CODES.refusedAfterUnknown);
    expect(row.lastError).toMatch(/HTTP 400/);
    const second = await h.engine.clawback({ posTxnId: 'r5', returnId: 'R2', mode: 'points', points: 10 });
    expect(second).toMatchObject({ status: 'rejected', row: null });
    expect(second.message).toContain('already been taken back');
    expect(h.sandbox.balance(M)).toBe(0);
    expect(h.engine.saleSummary('r5')).toMatchObject({ pendingClawback: 10, reversible: 0 });
  });
});

describe('a member the server does not know (item 7)', () => {
  it('an unknown award whose ledger reads all say 404 goes to a manager after repeated 404s', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: POINTS, kind: 'applyThenDrop', count: 1 });
    const out = await h.engine.award({ memberId: 'mb_nobody', posTxnId: 'stuck-1', points: 10 });
    expect(out.status).toBe('checking');
    const row = await settle(h.engine, h.journal, out.row!.id, 15_000);
    expect(row.state).toBe('needs-attention');
    expect(row.reasonCode).toBe(REASON_CODES.memberNotFound);
    const reads = h.journal.attempts(row.id).filter((a) => a.kind === 'verify');
    expect(reads).toHaveLength(MEMBER_NOT_FOUND_READS);
    expect(reads.every((a) => a.httpStatus === 404)).toBe(true);
    expect(posts(h)).toBe(1);
  });
});

describe('a resolved duplicate (item 12)', () => {
  it('does not block later returns of the sale', async () => {
    h = await startHarness({ sandbox: { ledgerLagMs: 2500 } });
    h.sandbox.addFault({ route: POINTS, kind: 'applyThenDrop', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: 'd12', points: 40, saleTotalMinor: 4000 });
    const dup = await settle(h.engine, h.journal, out.row!.id, 15_000);
    expect(dup.reasonCode).toBe(REASON_CODES.duplicateOnLedger);
    expect(h.engine.resolve(dup.id, 'Extra copy taken back by adjustment', 'manager').ok).toBe(true);
    expect(h.engine.saleSummary('d12')).toMatchObject({ awarded: 40, reversible: 40, blocker: null });
    h.sandbox.setLedgerLag(0);
    const r1 = await h.engine.clawback({ posTxnId: 'd12', returnId: 'R1', returnedAmountMinor: 1000 });
    expect(r1).toMatchObject({ status: 'confirmed', points: -10 });
    const r2 = await h.engine.clawback({ posTxnId: 'd12', returnId: 'R2', returnedAmountMinor: 3000 });
    expect(r2).toMatchObject({ status: 'confirmed', points: -30 });
    expect(h.engine.saleSummary('d12')).toMatchObject({ clawedBack: 40, reversible: 0 });
  });
});
