/**
 * Test and bench helpers: temp journal files, a controllable clock, intent builders, and a
 * bulk loader that writes many rows in one transaction (through legal state moves only, so
 * the schema's triggers hold for fixtures too).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Intent } from '../../../../shared/journal/intent.ts';
import type { JournalKind, JournalState } from '../../../../shared/journal/states.ts';
import { openJournal } from '../journal.ts';
import type { Journal, JournalOptions } from '../journal.ts';

export interface TempDir {
  dir: string;
  file(name?: string): string;
  remove(): void;
}

export function tempDir(prefix = 'journal-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name = 'journal.sqlite') => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
  set(t: number): void;
}

export const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

export function fakeClock(start = T0): FakeClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (v) => {
      t = v;
    },
  };
}

export function award(posTxnId: string, over: Partial<Extract<Intent, { kind: 'award' }>> = {}): Intent {
  const token = `store st_1 · till T1 · txn ${posTxnId}`;
  return { kind: 'award', storeId: 'st_1', tillId: 'T1', posTxnId, memberId: 'm_1', amount: 100, description: `In-store purchase · ${token}`, token, ...over };
}

export function clawback(posTxnId: string, returnId: string, amount: number, over: Partial<Extract<Intent, { kind: 'clawback' }>> = {}): Intent {
  const token = `store st_1 · till T1 · txn ${posTxnId} · return ${returnId}`;
  return { kind: 'clawback', storeId: 'st_1', tillId: 'T1', posTxnId, returnId, memberId: 'm_1', amount, description: `Return · ${token}`, token, ...over };
}

export function redeem(couponId: string, over: Partial<Extract<Intent, { kind: 'redeem' }>> = {}): Intent {
  const token = `store st_1 · till T1 · coupon ${couponId}`;
  return { kind: 'redeem', storeId: 'st_1', tillId: 'T1', couponId, memberId: 'm_1', description: `Redeem · ${token}`, token, ...over };
}

export function adjustment(ref: string, amount: number, over: Partial<Extract<Intent, { kind: 'adjustment' }>> = {}): Intent {
  const token = `store st_1 · till T1 · adj ${ref}`;
  return { kind: 'adjustment', storeId: 'st_1', tillId: 'T1', ref, memberId: 'm_1', amount, description: `Manager adjustment · ${token}`, token, ...over };
}

/** Legal path from `queued` to each state (the triggers refuse shortcuts). */
const PATH: Record<JournalState, JournalState[]> = {
  queued: [],
  sending: ['sending'],
  unknown: ['sending', 'unknown'],
  verifying: ['sending', 'unknown', 'verifying'],
  'needs-attention': ['needs-attention'],
  confirmed: ['sending', 'confirmed'],
  rejected: ['sending', 'rejected'],
  resolved: ['needs-attention', 'resolved'],
};

export interface BulkRow {
  kind: JournalKind;
  state: JournalState;
  createdAt: number;
  posTxnId: string;
  memberId: string;
  couponId?: string;
}

/** Deterministic pseudo-random mix resembling a busy till: mostly confirmed awards. */
export function mixedRows(count: number, opts: { start?: number; spanMs?: number; seed?: number } = {}): BulkRow[] {
  let seed = opts.seed ?? 42;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const start = opts.start ?? T0 - 90 * 86_400_000;
  const span = opts.spanMs ?? 90 * 86_400_000;
  const rows: BulkRow[] = [];
  for (let i = 0; i < count; i++) {
    const k = rnd();
    const kind: JournalKind = k < 0.7 ? 'award' : k < 0.8 ? 'clawback' : k < 0.95 ? 'redeem' : 'adjustment';
    const s = rnd();
    const state: JournalState =
      s < 0.93 ? 'confirmed' : s < 0.95 ? 'rejected' : s < 0.96 ? 'resolved' : s < 0.97 ? 'needs-attention' : s < 0.98 ? 'unknown' : 'queued';
    rows.push({
      kind,
      state,
      createdAt: start + Math.floor((span * i) / count),
      posTxnId: String(100000 + i),
      memberId: `m_${Math.floor(rnd() * 5000)}`,
      ...(kind === 'redeem' ? { couponId: `cp_${i}` } : {}),
    });
  }
  return rows;
}

/**
 * Appends rows straight into the journal file in one transaction (the journal must exist,
 * created by openJournal). Each row gets an attempt and history like a real one would.
 */
export function bulkInsert(path: string, rows: readonly BulkRow[]): void {
  const db = new DatabaseSync(path, { timeout: 5000 });
  try {
    db.exec('BEGIN IMMEDIATE');
    const ins = db.prepare(
      `INSERT INTO intents (dedup_key, kind, store_id, till_id, pos_txn_id, return_id, coupon_id, ref, member_id, amount,
         description, token, state, created_at, updated_at)
       VALUES (:key, :kind, 'st_1', 'T1', :pos, :ret, :coupon, :ref, :member, :amount, :desc, :token, 'queued', :at, :at)`,
    );
    const move = db.prepare(
      `UPDATE intents SET state = :to, updated_at = :at, finished_at = CASE WHEN :final THEN :at END,
         resolved_by = CASE WHEN :to = 'resolved' THEN 'fixture' END, resolution = CASE WHEN :to = 'resolved' THEN 'fixture' END,
         maybe_applied = CASE WHEN :to = 'sending' THEN 1 ELSE maybe_applied END,
         attempt_count = attempt_count + (:to = 'sending')
       WHERE id = :id`,
    );
    const attempt = db.prepare(
      `INSERT INTO attempts (intent_id, n, kind, owner, started_at, finished_at, http_status, latency_ms, classification)
       VALUES (:id, 1, 'send', 'fixture', :at, :at, 200, 120, 'applied')`,
    );
    const event = db.prepare("INSERT INTO events (intent_id, at, type, from_state, to_state, actor) VALUES (:id, :at, 'transition', :from, :to, 'fixture')");
    rows.forEach((r, i) => {
      const key =
        r.kind === 'award'
          ? `award:st_1:${r.posTxnId}`
          : r.kind === 'clawback'
            ? `clawback:st_1:${r.posTxnId}:R${i}`
            : r.kind === 'redeem'
              ? `redeem:${r.couponId ?? `cp_${i}`}`
              : `adjust:st_1:T1:fx${i}`;
      const amount = r.kind === 'award' ? 100 : r.kind === 'clawback' ? -50 : r.kind === 'redeem' ? 0 : 25;
      const { lastInsertRowid } = ins.run({
        key,
        kind: r.kind,
        pos: r.kind === 'award' || r.kind === 'clawback' ? r.posTxnId : null,
        ret: r.kind === 'clawback' ? `R${i}` : null,
        coupon: r.kind === 'redeem' ? (r.couponId ?? `cp_${i}`) : null,
        ref: r.kind === 'adjustment' ? `fx${i}` : null,
        member: r.memberId,
        amount,
        desc: `Fixture · ${key}`,
        token: key,
        at: r.createdAt,
      });
      const id = Number(lastInsertRowid);
      let from: JournalState = 'queued';
      for (const to of PATH[r.state]) {
        move.run({ id, to, at: r.createdAt, final: to === 'confirmed' || to === 'rejected' || to === 'resolved' ? 1 : 0 });
        event.run({ id, at: r.createdAt, from, to });
        from = to;
      }
      if (r.state === 'confirmed') attempt.run({ id, at: r.createdAt });
    });
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

export interface TestJournal {
  journal: Journal;
  clock: FakeClock;
  path: string;
  dir: TempDir;
  /** Closes the journal and removes its directory. */
  dispose(): void;
}

/** A fresh journal in its own temp directory, on a fake clock. */
export function testJournal(options: Partial<JournalOptions> = {}): TestJournal {
  const dir = tempDir();
  const clock = fakeClock();
  const path = dir.file();
  const journal = openJournal({ path, now: clock.now, leaseClock: clock.now, ...options });
  return {
    journal,
    clock,
    path,
    dir,
    dispose: () => {
      journal.close();
      dir.remove();
    },
  };
}
