import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { apiCallSchema } from '../../../shared/journal/row.ts';
import type { Journal } from './journal.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { IllegalTransitionError, JournalBusyError, JournalConflictError, JournalInputError, JournalUnavailableError } from './journal-errors.ts';
import { T0, adjustment, award, clawback, redeem, testJournal } from './testing/fixtures.ts';
import type { FakeClock, TestJournal } from './testing/fixtures.ts';

let t: TestJournal;
let j: Journal;
let clock: FakeClock;
beforeEach(() => {
  t = testJournal();
  j = t.journal;
  clock = t.clock;
});
afterEach(() => t.dispose());

/** queued → sending under `owner`'s lease. */
function send(id: number, owner = 'w1'): void {
  const r = j.transition(id, { from: ['queued'], to: 'sending', owner, leaseMs: 30_000 });
  if (!r.ok) throw new Error(`send failed: ${r.reason}`);
}

describe('opening', () => {
  it('runs with WAL, synchronous=FULL, busy_timeout and foreign keys', () => {
    expect(j.info()).toMatchObject({ journalMode: 'wal', synchronous: 2, busyTimeoutMs: 5000, foreignKeys: true, schemaVersion: SCHEMA_VERSION });
    expect(j.integrityCheck()).toEqual(['ok']);
  });

  it('checkpoints on demand', () => {
    j.record(award('1'));
    const c = j.checkpoint();
    expect(c.walPages).toBeGreaterThan(0);
    expect(c.checkpointed).toBe(c.walPages);
  });
});

describe('record', () => {
  it('records a queued row, durably, with the derived dedup key and history', () => {
    const r = j.record(award('90871', { saleTotal: 12_345, businessDate: '2026-11-25' }));
    expect(r.created).toBe(true);
    expect(r.row).toMatchObject({
      dedupKey: 'award:st_1:2026-11-25:90871',
      state: 'queued',
      kind: 'award',
      amount: 100,
      saleTotal: 12_345,
      attemptCount: 0,
      maybeApplied: false,
      createdAt: T0,
      version: 1,
    });
    expect(j.events(r.row.id)).toMatchObject([{ type: 'recorded', toState: 'queued' }]);
    // Visible to a second connection the moment record() returns.
    const other = new DatabaseSync(t.path, { readOnly: true });
    expect(other.prepare('SELECT state FROM intents WHERE id = ?').get(r.row.id)).toEqual({ state: 'queued' });
    other.close();
  });

  it('returns the existing row for the same key, unchanged, and says what differs', () => {
    const first = j.record(award('1'));
    send(first.row.id);
    const again = j.record(award('1', { amount: 999, token: 'other token', description: 'x · other token' }));
    expect(again.created).toBe(false);
    expect(again.row.id).toBe(first.row.id);
    expect(again.row.state).toBe('sending');
    expect(again.row.amount).toBe(100);
    expect(again.differences).toEqual(['amount', 'token', 'description']);
    expect(j.record(award('1')).differences).toEqual([]);
    expect(j.count()).toBe(1);
  });

  it('keys every kind as documented', () => {
    const a = j.record(award('7')).row;
    expect(j.record(clawback('7', 'R1', -10, { parentId: a.id })).row.dedupKey).toBe('clawback:st_1:7:R1');
    expect(j.record(redeem('cp_1', { parentId: a.id, linkedPosTxnId: '7' })).row).toMatchObject({ dedupKey: 'redeem:cp_1', amount: 0, linkedPosTxnId: '7' });
    expect(j.record(adjustment('a1b2', -5, { note: 'goodwill' })).row).toMatchObject({ dedupKey: 'adjust:st_1:T1:a1b2', note: 'goodwill' });
    expect(j.getByDedupKey('redeem:cp_1')?.couponId).toBe('cp_1');
  });

  it('refuses invalid intents before anything is written', () => {
    expect(() => j.record(award('1', { amount: -5 }))).toThrow(JournalInputError);
    expect(() => j.record(clawback('1', 'R', 5))).toThrow(/amount/);
    expect(() => j.record(award('1', { description: 'no marker here' }))).toThrow(/token/);
    expect(() => j.record(award('a:b'))).toThrow(JournalInputError);
    expect(() => j.record({ ...award('1'), dedupKey: 'mine' } as never)).toThrow(/dedupKey/);
    expect(() => j.record(award('1', { memberId: 'bad id!' }))).toThrow(/memberId/);
    expect(j.count()).toBe(0);
  });

  it('refuses a token already used by another write', () => {
    j.record(award('1', { token: 'T-1', description: 'sale T-1' }));
    expect(() => j.record(award('2', { token: 'T-1', description: 'sale T-1' }))).toThrow(JournalConflictError);
  });

  it('checks parents: must exist, be an award, same member', () => {
    const a = j.record(award('1')).row;
    const r = j.record(redeem('cp_1')).row;
    expect(() => j.record(clawback('1', 'R1', -1, { parentId: 999 }))).toThrow(/does not exist/);
    expect(() => j.record(clawback('1', 'R1', -1, { parentId: r.id }))).toThrow(/must be an award/);
    expect(() => j.record(clawback('1', 'R1', -1, { parentId: a.id, memberId: 'm_2' }))).toThrow(/m_1/);
  });

  it('never lets clawbacks exceed their award, counting unfinished ones', () => {
    const a = j.record(award('1', { amount: 100 })).row;
    const c1 = j.record(clawback('1', 'R1', -60, { parentId: a.id })).row;
    expect(() => j.record(clawback('1', 'R2', -41, { parentId: a.id }))).toThrow(JournalConflictError);
    expect(j.clawbackSummary(a.id)).toEqual({ awarded: 100, confirmed: 0, pending: 60, remaining: 40 });
    send(c1.id);
    j.transition(c1.id, { from: ['sending'], to: 'confirmed', owner: 'w1' });
    const c2 = j.record(clawback('1', 'R2', -40, { parentId: a.id })).row;
    send(c2.id);
    j.transition(c2.id, { from: ['sending'], to: 'rejected', owner: 'w1' });
    expect(j.clawbackSummary(a.id)).toEqual({ awarded: 100, confirmed: 60, pending: 0, remaining: 40 });
    expect(j.children(a.id).map((r) => r.returnId)).toEqual(['R1', 'R2']);
    expect(j.clawbackSummary(c1.id)).toBeUndefined();
  });
});

describe('transition (compare-and-set)', () => {
  it('moves a write through sending → confirmed with one closed attempt', () => {
    const { row } = j.record(award('1'));
    const s = j.transition(row.id, { from: ['queued'], to: 'sending', owner: 'w1', leaseMs: 30_000 });
    expect(s).toMatchObject({ ok: true, row: { state: 'sending', leaseOwner: 'w1', leaseUntil: T0 + 30_000, attemptCount: 1, maybeApplied: true }, attempt: { n: 1, kind: 'send', finishedAt: null } });
    clock.advance(120);
    const c = j.transition(row.id, { from: ['sending'], to: 'confirmed', owner: 'w1', patch: { serverTxnId: 'txn_9', balance: 1100 }, outcome: { httpStatus: 200 } });
    expect(c).toMatchObject({ ok: true, row: { state: 'confirmed', serverTxnId: 'txn_9', balance: 1100, leaseOwner: null, leaseUntil: null, finishedAt: T0 + 120 } });
    expect(j.attempts(row.id)).toMatchObject([{ n: 1, httpStatus: 200, latencyMs: 120, classification: 'applied', finishedAt: T0 + 120 }]);
    expect(j.events(row.id).map((e) => `${e.fromState ?? ''}>${e.toState ?? ''}`)).toEqual(['>queued', 'queued>sending', 'sending>confirmed']);
  });

  it('fails without writing when the row is no longer in `from`', () => {
    const { row } = j.record(award('1'));
    send(row.id);
    const r = j.transition(row.id, { from: ['queued'], to: 'needs-attention', patch: { reasonCode: 'x' } });
    expect(r).toMatchObject({ ok: false, reason: 'state-changed', row: { state: 'sending' } });
    expect(j.get(row.id)?.version).toBe(row.version + 1);
    expect(j.transition(12345, { from: ['queued'], to: 'sending', owner: 'w', leaseMs: 1 })).toEqual({ ok: false, reason: 'not-found' });
  });

  it('throws on a move the table forbids, for any listed from-state', () => {
    const { row } = j.record(award('1'));
    expect(() => j.transition(row.id, { from: ['queued'], to: 'confirmed' })).toThrow(IllegalTransitionError);
    expect(() => j.transition(row.id, { from: ['queued', 'unknown'], to: 'sending', owner: 'w', leaseMs: 1 })).toThrow(/unknown to sending/);
    expect(() => j.transition(row.id, { from: ['confirmed'], to: 'queued' })).toThrow(IllegalTransitionError);
  });

  it('keeps final states final, even against raw SQL', () => {
    const { row } = j.record(award('1'));
    send(row.id);
    j.transition(row.id, { from: ['sending'], to: 'rejected', owner: 'w1', patch: { lastError: '400 invalid member' } });
    const raw = new DatabaseSync(t.path);
    expect(() => raw.prepare("UPDATE intents SET state = 'queued' WHERE id = ?").run(row.id)).toThrow(/illegal state transition/);
    expect(() => raw.prepare("UPDATE intents SET amount = 5 WHERE id = ?").run(row.id)).toThrow(/cannot be changed/);
    expect(() => raw.prepare("INSERT INTO intents (dedup_key, kind, store_id, till_id, member_id, amount, description, token, state, created_at, updated_at) VALUES ('k','award','s','t','m',1,'d','tk','confirmed',1,1)").run()).toThrow(/start queued/);
    raw.close();
    expect(j.get(row.id)?.state).toBe('rejected');
  });

  it('requires a reason for needs-attention and a manager with a written reason for resolved', () => {
    const { row } = j.record(award('1'));
    expect(() => j.transition(row.id, { from: ['queued'], to: 'needs-attention' })).toThrow(/reasonCode/);
    expect(j.transition(row.id, { from: ['queued'], to: 'needs-attention', patch: { reasonCode: 'member-merged' } }).ok).toBe(true);
    expect(() => j.transition(row.id, { from: ['needs-attention'], to: 'resolved', patch: { resolvedBy: 'ana' } })).toThrow(/written reason/);
    expect(() => j.transition(row.id, { from: ['needs-attention'], to: 'resolved', patch: { resolvedBy: 'ana', resolution: '   ' } })).toThrow(JournalInputError);
    expect(() => j.transition(row.id, { from: ['needs-attention'], to: 'queued', patch: { resolution: 'x' } })).toThrow(/resolved only/);
    const r = j.transition(row.id, { from: ['needs-attention'], to: 'resolved', actor: 'ana', patch: { resolvedBy: 'ana', resolution: 'Awarded by hand in the portal.' } });
    expect(r).toMatchObject({ ok: true, row: { state: 'resolved', resolvedBy: 'ana', resolution: 'Awarded by hand in the portal.', finishedAt: T0 } });
    expect(j.events(row.id).at(-1)).toMatchObject({ actor: 'ana', detail: 'Awarded by hand in the portal.' });
  });

  it('refuses a manager resend while the write may already be applied; allows it once verified not applied', () => {
    const { row } = j.record(award('1'));
    send(row.id);
    j.transition(row.id, { from: ['sending'], to: 'unknown', owner: 'w1', outcome: { reason: 'timeout' } });
    j.transition(row.id, { from: ['unknown'], to: 'needs-attention', patch: { reasonCode: 'ledger-unreachable' } });
    expect(j.transition(row.id, { from: ['needs-attention'], to: 'queued' })).toMatchObject({ ok: false, reason: 'unsafe-resend' });
    // Manager "verify now": ledger shows no marker → safe to resend.
    expect(j.transition(row.id, { from: ['needs-attention'], to: 'verifying', owner: 'm', leaseMs: 10_000 })).toMatchObject({ ok: true, attempt: { n: 2, kind: 'verify' } });
    expect(j.transition(row.id, { from: ['verifying'], to: 'queued', owner: 'm', outcome: { reason: 'marker-absent' } })).toMatchObject({ ok: true, row: { maybeApplied: false, verifyCount: 1, attemptCount: 1 } });
    expect(j.attempts(row.id).map((a) => [a.kind, a.classification, a.reason])).toEqual([
      ['send', 'unknown-outcome', 'timeout'],
      ['verify', 'not-applied', 'marker-absent'],
    ]);
  });

  it('patch: undefined keeps, null clears; nextAttemptAt resets on every move', () => {
    const { row } = j.record(award('1'));
    send(row.id);
    j.transition(row.id, { from: ['sending'], to: 'queued', owner: 'w1', patch: { lastError: '429', nextAttemptAt: T0 + 5000 } });
    expect(j.get(row.id)).toMatchObject({ lastError: '429', nextAttemptAt: T0 + 5000, maybeApplied: false });
    clock.advance(5000);
    send(row.id);
    expect(j.get(row.id)).toMatchObject({ lastError: '429', nextAttemptAt: null, attemptCount: 2 });
    j.transition(row.id, { from: ['sending'], to: 'confirmed', owner: 'w1', patch: { lastError: null } });
    expect(j.get(row.id)?.lastError).toBeNull();
  });
});

describe('leases', () => {
  it('claim is exclusive until the lease expires; the same owner extends', () => {
    const { row } = j.record(award('1'));
    expect(j.claim(row.id, 'a', 1000)?.leaseOwner).toBe('a');
    expect(j.claim(row.id, 'b', 1000)).toBeNull();
    clock.advance(500);
    expect(j.claim(row.id, 'a', 1000)?.leaseUntil).toBe(T0 + 1500);
    clock.advance(999);
    expect(j.claim(row.id, 'b', 1000)).toBeNull();
  });

  it('a lease expires at lease_until', () => {
    const { row } = j.record(award('1'));
    j.claim(row.id, 'a', 1000);
    clock.advance(999);
    expect(j.claim(row.id, 'b', 1000)).toBeNull();
    clock.advance(1);
    expect(j.claim(row.id, 'b', 1000)?.leaseOwner).toBe('b');
  });

  it('moves fail while someone else holds a live lease, and sending needs our own', () => {
    const { row } = j.record(award('1'));
    j.claim(row.id, 'a', 1000);
    expect(j.transition(row.id, { from: ['queued'], to: 'sending', owner: 'b', leaseMs: 1000 })).toMatchObject({ ok: false, reason: 'leased' });
    expect(j.transition(row.id, { from: ['queued'], to: 'needs-attention', patch: { reasonCode: 'x' } })).toMatchObject({ ok: false, reason: 'leased' });
    expect(() => j.transition(row.id, { from: ['queued'], to: 'sending' })).toThrow(/lease owner/);
    expect(j.transition(row.id, { from: ['queued'], to: 'sending', owner: 'a' })).toMatchObject({ ok: true });
    clock.advance(1000);
    // Our lease ran out mid-request: the outcome must not be written as if we still owned it…
    expect(j.transition(row.id, { from: ['sending'], to: 'confirmed', owner: 'a' })).toMatchObject({ ok: false, reason: 'lease-not-held' });
    // …unless we retake it atomically (nobody else took it).
    expect(j.transition(row.id, { from: ['sending'], to: 'confirmed', owner: 'a', leaseMs: 1000 })).toMatchObject({ ok: true });
  });

  it('release gives the lease back only to its owner', () => {
    const { row } = j.record(award('1'));
    j.claim(row.id, 'a', 1000);
    expect(j.release(row.id, 'b')).toBe(false);
    expect(j.release(row.id, 'a')).toBe(true);
    expect(j.claim(row.id, 'b', 1000)?.leaseOwner).toBe('b');
  });

  it('claim refuses final states and bad arguments', () => {
    const { row } = j.record(award('1'));
    expect(() => j.claim(row.id, 'a', 1000, ['confirmed' as never])).toThrow(JournalInputError);
    expect(() => j.claim(row.id, 'a', 0)).toThrow(/leaseMs/);
    expect(() => j.claim(row.id, '', 10)).toThrow(/owner/);
    expect(j.claim(row.id, 'a', 1000, ['needs-attention'])).toBeNull();
  });
});

describe('claimNextDue', () => {
  it('drains in creation order, skipping leased, not-yet-due and needs-attention rows', () => {
    const ids = ['1', '2', '3', '4', '5'].map((n) => j.record(award(n)).row.id);
    const [a, b, c, d, e] = ids as [number, number, number, number, number];
    j.claim(a, 'other', 10_000);
    send(b);
    j.transition(b, { from: ['sending'], to: 'queued', owner: 'w1', patch: { nextAttemptAt: T0 + 60_000 } });
    j.transition(c, { from: ['queued'], to: 'needs-attention', patch: { reasonCode: 'x' } });
    expect(j.claimNextDue('drainer', 5000)?.id).toBe(d);
    expect(j.claimNextDue('drainer', 5000)?.id).toBe(e);
    expect(j.claimNextDue('drainer', 5000)).toBeNull();
    clock.advance(60_000);
    expect(j.claimNextDue('drainer2', 5000)?.id).toBe(a); // other's lease expired
    expect(j.claimNextDue('drainer2', 5000)?.id).toBe(b); // now due
  });

  it('picks up a row abandoned in sending once its lease expires', () => {
    const { row } = j.record(award('1'));
    send(row.id, 'crashed');
    expect(j.claimNextDue('recoverer', 5000)).toBeNull();
    clock.advance(30_000);
    const got = j.claimNextDue('recoverer', 5000);
    expect(got).toMatchObject({ id: row.id, state: 'sending', leaseOwner: 'recoverer' });
    expect(j.transition(row.id, { from: ['sending'], to: 'unknown', owner: 'recoverer', outcome: { reason: 'abandoned' } })).toMatchObject({ ok: true, row: { maybeApplied: true } });
    expect(j.attempts(row.id)).toMatchObject([{ owner: 'crashed', classification: 'unknown-outcome', reason: 'abandoned', latencyMs: 30_000 }]);
  });

  it('filters by kind', () => {
    j.record(award('1'));
    const r = j.record(redeem('cp_1')).row;
    expect(j.claimNextDue('d', 1000, { kinds: ['redeem'] })?.id).toBe(r.id);
    expect(j.claimNextDue('d', 1000, { kinds: ['redeem', 'clawback'] })).toBeNull();
  });
});

describe('reads', () => {
  it('lists unfinished rows in creation order and reports status-strip stats', () => {
    const a = j.record(award('1')).row;
    clock.advance(10);
    const b = j.record(award('2')).row;
    const c = j.record(award('3')).row;
    send(b.id);
    j.transition(b.id, { from: ['sending'], to: 'unknown', owner: 'w1' });
    send(c.id);
    j.transition(c.id, { from: ['sending'], to: 'confirmed', owner: 'w1' });
    expect(j.listUnfinished().map((r) => r.id)).toEqual([a.id, b.id]);
    expect(j.stats()).toEqual({ counts: { queued: 1, sending: 0, unknown: 1, verifying: 0, 'needs-attention': 0 }, unfinished: 2, oldestUnfinishedAt: T0 });
  });

  it('keeps notes as history', () => {
    const { row } = j.record(award('1'));
    j.addNote(row.id, { by: 'ana', text: 'Customer called.' });
    expect(j.get(row.id)?.note).toBe('Customer called.');
    expect(j.events(row.id).at(-1)).toMatchObject({ type: 'note', actor: 'ana', detail: 'Customer called.' });
    expect(() => j.addNote(999, { by: 'ana', text: 'x' })).toThrow(/does not exist/);
  });
});

describe('API activity', () => {
  it('stores calls newest first, masked keys only, bounded in size', () => {
    const small = testJournal({ apiCallsMax: 150 });
    try {
      const call = { at: '2026-11-25T09:00:00.000Z', keyMask: 'fl_live_…3f9a', method: 'POST' as const, path: '/members/m_1/points', endpoint: 'POST /members/{id}/points', status: 200, latencyMs: 81.6, outcome: 'ok' };
      expect(() => small.journal.recordApiCall({ ...call, keyMask: 'fl_live_abcdefghijkl3f9a' })).toThrow(/masked/);
      for (let i = 0; i < 400; i++) small.journal.recordApiCall({ ...call, path: `/members/m_${i}/points` });
      const page = small.journal.apiCalls({ limit: 1000 });
      expect(page.length).toBeLessThanOrEqual(250);
      expect(page.length).toBeGreaterThanOrEqual(150);
      expect(page[0]).toMatchObject({ path: '/members/m_399/points', latencyMs: 82, at: Date.parse(call.at), status: 200 });
      expect(small.journal.apiCalls({ limit: 2, beforeId: page[0]!.id }).map((c) => c.path)).toEqual(['/members/m_398/points', '/members/m_397/points']);
      small.journal.recordApiCall({ ...call, status: undefined, outcome: 'timeout', endpoint: 'GET /members/{id}' });
      expect(small.journal.apiCalls({ endpoint: 'GET /members/{id}' })).toMatchObject([{ status: null, outcome: 'timeout' }]);
      expect(() => apiCallSchema.array().parse(small.journal.apiCalls())).not.toThrow();
    } finally {
      small.dispose();
    }
  });
});

describe('another process holding the write lock', () => {
  it('waits up to busyTimeoutMs, then refuses with JournalBusyError and writes nothing', () => {
    const quick = testJournal({ busyTimeoutMs: 50 });
    const other = new DatabaseSync(quick.path);
    try {
      other.exec('BEGIN IMMEDIATE');
      expect(() => quick.journal.record(award('1'))).toThrow(JournalBusyError);
      other.exec('ROLLBACK');
      expect(quick.journal.record(award('1')).created).toBe(true);
    } finally {
      other.close();
      quick.dispose();
    }
  });
});

describe('after close', () => {
  it('refuses every call with JournalUnavailableError', () => {
    j.close();
    expect(() => j.record(award('1'))).toThrow(JournalUnavailableError);
    expect(() => j.get(1)).toThrow(/closed/);
  });
});
