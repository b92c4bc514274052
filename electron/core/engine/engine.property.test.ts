/**
 * Engine-level properties in virtual time against an in-memory SocialHub: random fault
 * sequences, crashes at every crash point (thrown, then a fresh engine on the same journal) and
 * ledger lag. The journal's own state table is property-tested beside the journal.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../journal/index.ts';
import type { Journal, JournalRow } from '../journal/index.ts';
import { descriptionMatches, parseDescription } from '../../../shared/ledger/sale-token.ts';
import { createEngine } from './index.ts';
import type { CouponVerdict, CrashPoint, Engine } from './index.ts';
import { FakeSocialHub, READ_FAULTS, WRITE_FAULTS } from './testing/fake-socialhub.ts';
import type { FakeOptions } from './testing/fake-socialhub.ts';

const T = { requestTimeoutMs: 100, settleMs: 200, leaseMs: 500, backoff: { baseMs: 10, capMs: 100 }, probeIntervalMs: 50, idlePollMs: 10, duplicateCheckMaxMs: 5000 };
const MEMBER = 'mb_prop';

class Crash extends Error {
  override name = 'Crash';
}

interface World {
  journal: Journal;
  fake: FakeSocialHub;
  advance(ms: number): void;
  /** A fresh engine (a restarted process): new owner, same journal. */
  engine(): Engine;
  /** Runs an engine call; false if the process "crashed" in it. */
  survive<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }>;
  dispose(): void;
}

function world(fake: Omit<FakeOptions, 'now'>, crashes: boolean[], seed: number): World {
  let now = Date.UTC(2026, 10, 25, 12);
  // Logic, not durability, is under test here: a RAM disk (where there is one) keeps fsync cheap.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'engine-prop-'));
  const clock = (): number => now;
  const journal = openJournal({ path: join(dir, 'j.sqlite'), now: clock, leaseClock: clock });
  const hub = new FakeSocialHub({ ...fake, now: clock });
  hub.member(MEMBER, ['cp_1']);
  let rnd = seed >>> 0;
  const random = (): number => {
    rnd = (rnd + 0x6d2b79f5) >>> 0;
    let t = rnd;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const plan = [...crashes];
  let n = 0;
  return {
    journal,
    fake: hub,
    advance: (ms) => {
      now += ms;
    },
    engine: () =>
      createEngine({
        journal,
        client: hub,
        storeId: 'st_1',
        tillId: 'T1',
        txnIdScope: 'forever',
        owner: `prop-${++n}`,
        now: clock,
        sleep: (ms) => {
          now += Math.max(1, ms);
          return Promise.resolve();
        },
        random,
        crashPoint: (_p: CrashPoint) => {
          if (plan.shift()) throw new Crash(_p);
        },
        ...T,
      }),
    survive: async (fn) => {
      try {
        return { ok: true, value: await fn() };
      } catch (err) {
        if (err instanceof Crash) return { ok: false };
        throw err;
      }
    },
    dispose: () => {
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Recovery passes (with restarts after each crash) until the row needs nobody. */
async function driveToEnd(w: World, id: number, engine: Engine): Promise<JournalRow> {
  let e = engine;
  for (let i = 0; i < 200; i++) {
    const row = w.journal.get(id)!;
    if (['confirmed', 'rejected', 'resolved', 'needs-attention'].includes(row.state)) return row;
    w.advance(37 + (i % 5) * 61);
    const r = await w.survive(() => e.recover({ timeoutMs: 3000 }));
    if (!r.ok) {
      w.advance(T.leaseMs + 1);
      e = w.engine();
    }
  }
  return w.journal.get(id)!;
}

const copies = (w: World, row: JournalRow): string[] => {
  const token = parseDescription(row.description)!;
  return w.fake.ledger(row.memberId).filter((t) => descriptionMatches(t.description, token)).map((t) => t.id);
};

const writes = fc.array(fc.constantFrom(...WRITE_FAULTS), { maxLength: 8 });
const reads = fc.array(fc.constantFrom(...READ_FAULTS), { maxLength: 6 });
const crashes = fc.array(fc.boolean(), { maxLength: 24 }).map((a) => {
  let left = 3; // a bounded number of crashes per run, so every run ends
  return a.map((b) => b && left-- > 0);
});

describe('engine properties', () => {
  it('one sale, any faults and crashes, no lag: exactly one ledger entry and a confirmed row that names it', async () => {
    await fc.assert(
      fc.asyncProperty(writes, reads, crashes, fc.integer(), async (ws, rs, cs, seed) => {
        const w = world({ writes: ws, reads: rs }, cs, seed);
        try {
          let e = w.engine();
          const first = await w.survive(() => e.award({ memberId: MEMBER, posTxnId: 'p1', points: 10 }));
          if (!first.ok) {
            w.advance(T.leaseMs + 1);
            e = w.engine();
          }
          // The cashier may enter it again: never a second award.
          const again = await w.survive(() => e.award({ memberId: MEMBER, posTxnId: 'p1', points: 10 }));
          if (again.ok) expect(again.value.status).toBe('duplicate');
          const id = w.journal.getByDedupKey('award:st_1:p1')!.id;
          const row = await driveToEnd(w, id, again.ok ? e : w.engine());
          const ids = copies(w, row);
          expect(ids).toHaveLength(1);
          expect(row.state).toBe('confirmed');
          expect(row.serverTxnId).toBe(ids[0]);
          expect(w.fake.balance(MEMBER)).toBe(10);
        } finally {
          w.dispose();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('ledger lag beyond the settle delay: never lost, and any duplicate is caught (needs-attention)', async () => {
    await fc.assert(
      fc.asyncProperty(writes, crashes, fc.integer({ min: T.settleMs * 2, max: T.settleMs * 6 }), fc.integer(), async (ws, cs, lagMs, seed) => {
        const w = world({ writes: ws, lagMs }, cs, seed);
        try {
          const e = w.engine();
          await w.survive(() => e.award({ memberId: MEMBER, posTxnId: 'p2', points: 7 }));
          const id = w.journal.getByDedupKey('award:st_1:p2')!.id;
          const row = await driveToEnd(w, id, w.engine());
          const ids = copies(w, row);
          expect(ids.length).toBeGreaterThanOrEqual(1);
          if (ids.length === 1) expect(row).toMatchObject({ state: 'confirmed', serverTxnId: ids[0] });
          else expect(row).toMatchObject({ state: 'needs-attention', reasonCode: 'duplicate-on-ledger' });
        } finally {
          w.dispose();
        }
      }),
      { numRuns: 100 },
    );
  });

  it('redeem: honor at most once, and only when SocialHub has the coupon redeemed', async () => {
    await fc.assert(
      fc.asyncProperty(writes, reads, crashes, fc.array(fc.boolean(), { maxLength: 6 }), fc.integer(), async (ws, rs, cs, rescans, seed) => {
        const w = world({ writes: ws, reads: rs }, cs, seed);
        try {
          let e = w.engine();
          const verdicts: CouponVerdict[] = [];
          const scan = async (): Promise<void> => {
            const r = await w.survive(() => e.redeem({ couponId: 'cp_1', memberId: MEMBER }));
            if (r.ok) verdicts.push(r.value);
            else {
              w.advance(T.leaseMs + 1);
              e = w.engine();
            }
          };
          await scan();
          for (const rescan of rescans) {
            w.advance(150);
            if (rescan) await scan();
            const r = await w.survive(() => e.drainOnce());
            if (!r.ok) {
              w.advance(T.leaseMs + 1);
              e = w.engine();
            }
            // The cashier's poll after a `checking`.
            const poll = e.couponVerdict('cp_1');
            if (verdicts.at(-1)?.verdict === 'checking' && poll.verdict === 'honor') verdicts.push(poll);
          }
          const redeemed = w.fake.members.get(MEMBER)!.coupons.get('cp_1') === 'redeemed';
          const honors = verdicts.filter((v) => v.verdict === 'honor');
          expect(honors.length).toBeLessThanOrEqual(1);
          if (honors.length > 0) expect(redeemed).toBe(true);
          const row = w.journal.getByDedupKey('redeem:cp_1');
          if (row?.state === 'confirmed') expect(redeemed).toBe(true);
          // A coupon SocialHub redeemed for us ends honored or still being checked, never refused.
          if (redeemed && row) expect(row.state).not.toBe('rejected');
        } finally {
          w.dispose();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('returns: whatever the faults, the points taken back never exceed the award', async () => {
    const ret = fc.record({ mode: fc.constantFrom('proportional' as const, 'points' as const), amount: fc.integer({ min: 1, max: 6000 }), points: fc.integer({ min: 1, max: 150 }) });
    await fc.assert(
      fc.asyncProperty(writes, fc.array(ret, { minLength: 1, maxLength: 5 }), fc.integer(), async (ws, returns, seed) => {
        const w = world({ writes: ['ok', ...ws] }, [], seed);
        try {
          const e = w.engine();
          expect((await e.award({ memberId: MEMBER, posTxnId: 's', points: 100, saleTotalMinor: 5000 })).status).toBe('confirmed');
          let i = 0;
          for (const r of returns) {
            await e.clawback({ posTxnId: 's', returnId: `R${i++}`, ...(r.mode === 'points' ? { mode: 'points', points: r.points } : { returnedAmountMinor: Math.min(r.amount, 5000) }) });
            const s = e.saleSummary('s');
            expect(s.clawedBack + s.pendingClawback).toBeLessThanOrEqual(100);
          }
          await e.recover({ timeoutMs: 3000 });
          const takenBack = -w.fake.ledger(MEMBER).filter((t) => t.amount < 0).reduce((n, t) => n + t.amount, 0);
          expect(takenBack).toBeLessThanOrEqual(100);
          expect(w.fake.balance(MEMBER)).toBeGreaterThanOrEqual(0);
        } finally {
          w.dispose();
        }
      }),
      { numRuns: 60 },
    );
  });
});
