/**
 * Model-based: two tills (two journals, two engines, as on two machines) share one real sandbox
 * over HTTP and one virtual clock. Random sequences of awards, coupon scans, the cashier's polls,
 * background drains, restarts and the passing of time run under injected faults (applyThenDrop,
 * 5xx, dropBeforeApply). At the end, after every till has recovered:
 * - each sale is on the SocialHub ledger at most once, or its row is in front of the manager;
 * - each coupon is redeemed at most once, HONOR is shown for it at most once and on one till
 *   only, and only if SocialHub has it redeemed;
 * - a coupon SocialHub has redeemed was shown HONOR at a till, or a row for it is in front of the
 *   manager.
 * A customer who takes a coupon to the other till gets there after the first till's attempt
 * window (request + settle + skew): inside it the API cannot tell the two redeems apart.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoData } from '../../sandbox/demo-data.ts';
import { DEMO, startSandbox } from '../../sandbox/server.ts';
import type { FaultRule, SandboxHandle } from '../../sandbox/server.ts';
import { descriptionMatches, parseDescription } from '../../../shared/ledger/sale-token.ts';
import type { CouponVerdict } from './index.ts';
import { TIMINGS } from './testing/harness.ts';
import { startTills, virtualClock } from './testing/tills.ts';
import type { Till, TillClock, Tills } from './testing/tills.ts';

const MEMBER = DEMO.spareCouponMember;
/** Coupons are spent for good, so each run gets fresh active ones from the demo roster. */
const SLOTS = 2;
const SKEW_MS = 500;
const WALK_MS = TIMINGS.requestTimeoutMs + 1000 + TIMINGS.settleMs + SKEW_MS + 1000;
const FAULTS = ['none', 'none', 'applyThenDrop', 'error5xx', 'dropBeforeApply'] as const;
type Fault = (typeof FAULTS)[number];

interface Model {
  /** Every verdict the cashiers saw, per till and coupon. */
  verdicts: { till: number; slot: number; couponId: string; verdict: CouponVerdict['verdict'] }[];
  /** Where each coupon was last scanned, and when. */
  lastScan: Map<string, { till: number; at: number }>;
  sales: Set<string>;
}

interface Real {
  w: Tills;
  /** This run's coupons, with the member whose card is shown for each. */
  coupons: { id: string; memberId: string }[];
  run: number;
}

const tillOf = (r: Real, i: number): Till => r.w.tills[i]!;

function inject(r: Real, route: FaultRule['route'], id: string, fault: Fault): void {
  if (fault === 'none') return;
  r.w.sandbox.addFault({ route, id, kind: fault, count: 1 });
}

type Cmd = fc.AsyncCommand<Model, Real>;
const always = (): boolean => true;

function award(till: number, sale: number, fault: Fault): Cmd {
  return {
    check: always,
    async run(m, r) {
      inject(r, 'POST /members/:id/points', MEMBER, fault);
      const posTxnId = `r${r.run}-T${till + 1}-s${sale}`;
      m.sales.add(`${till}:${posTxnId}`);
      const out = await tillOf(r, till).engine.award({ memberId: MEMBER, posTxnId, points: 10 });
      expect(out.status).not.toBe('rejected');
    },
    toString: () => `award(T${till + 1}, s${sale}, ${fault})`,
  };
}

function scan(till: number, slot: number, fault: Fault): Cmd {
  return {
    check: always,
    async run(m, r) {
      const { id: couponId, memberId } = r.coupons[slot]!;
      const last = m.lastScan.get(couponId);
      // The customer walks over from the other till.
      if (last && last.till !== till && r.w.now() - last.at < WALK_MS) r.w.advance(WALK_MS);
      inject(r, 'POST /coupons/:id/redeem', couponId, fault);
      const v = await tillOf(r, till).engine.redeem({ couponId, memberId });
      m.verdicts.push({ till, slot, couponId, verdict: v.verdict });
      m.lastScan.set(couponId, { till, at: r.w.now() });
    },
    toString: () => `scan(T${till + 1}, coupon ${slot}, ${fault})`,
  };
}

/** The cashier's screen polls a coupon it was told NOT YET about. */
function poll(till: number, slot: number): Cmd {
  return {
    check: (m) => m.verdicts.filter((v) => v.till === till && v.slot === slot).at(-1)?.verdict === 'checking',
    run(m, r) {
      const couponId = r.coupons[slot]!.id;
      const v = tillOf(r, till).engine.couponVerdict(couponId);
      m.verdicts.push({ till, slot, couponId, verdict: v.verdict });
      return Promise.resolve();
    },
    toString: () => `poll(T${till + 1}, coupon ${slot})`,
  };
}

function drain(till: number): Cmd {
  return {
    check: always,
    async run(_m, r) {
      await tillOf(r, till).engine.drainOnce();
    },
    toString: () => `drain(T${till + 1})`,
  };
}

function restart(till: number): Cmd {
  return {
    check: always,
    async run(_m, r) {
      await tillOf(r, till).restart().recover({ timeoutMs: 5000 });
    },
    toString: () => `restart+recover(T${till + 1})`,
  };
}

function wait(ms: number): Cmd {
  return {
    check: always,
    run(_m, r) {
      r.w.advance(ms);
      return Promise.resolve();
    },
    toString: () => `wait(${ms})`,
  };
}

const till = fc.integer({ min: 0, max: 1 });
const fault = fc.constantFrom(...FAULTS);
const slot = fc.integer({ min: 0, max: SLOTS - 1 });
const scans = fc.tuple(till, slot, fault).map(([t, c, f]) => scan(t, c, f));
const commands = fc.commands(
  [
    fc.tuple(till, fc.integer({ min: 1, max: 3 }), fault).map(([t, s, f]) => award(t, s, f)),
    // Coupons are where the money is: scanned most often.
    scans,
    scans,
    scans,
    fc.tuple(till, slot).map(([t, c]) => poll(t, c)),
    fc.tuple(till, slot).map(([t, c]) => poll(t, c)),
    till.map((t) => drain(t)),
    till.map((t) => restart(t)),
    fc.constantFrom(50, 400, TIMINGS.settleMs + 100, 200_000).map((ms) => wait(ms)),
  ],
  { maxCommands: 20, size: 'max' },
);

let sandbox: SandboxHandle;
let clock: TillClock;
let pool: { id: string; memberId: string }[];
let runs = 0;
beforeAll(async () => {
  clock = virtualClock();
  sandbox = await startSandbox({ quiet: true, now: () => clock.now(), rateLimit: { capacity: 10_000, refillPerSecond: 10_000 } });
  pool = buildDemoData(sandbox.seed)
    .tenants.demo.members.filter((m) => m.status === 'active')
    .flatMap((m) => m.coupons.filter((c) => c.status === 'active').map((c) => ({ id: c.id, memberId: m.id })));
});
afterAll(async () => sandbox?.close());

describe('two tills, one SocialHub: awards and coupons under faults', () => {
  it('never a duplicate award, never two HONORs, never a spent coupon nobody was shown HONOR for — unless a manager has it', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const run = ++runs;
        const coupons = pool.splice(0, SLOTS);
        if (coupons.length < SLOTS) throw new Error('the demo roster has run out of active coupons: lower numRuns');
        sandbox.clearFaults();
        const w = await startTills({ shared: { sandbox, clock }, config: { redeemClockSkewMs: SKEW_MS, breakerThreshold: 50 } });
        try {
          const model: Model = { verdicts: [], lastScan: new Map(), sales: new Set() };
          await fc.asyncModelRun(() => ({ model, real: { w, coupons, run } }), cmds);
          // Everyone recovers, long after the last customer left.
          sandbox.clearFaults();
          w.advance(WALK_MS);
          for (const t of w.tills) await t.restart().recover({ timeoutMs: 20_000 });

          for (const key of model.sales) {
            const [i, posTxnId] = key.split(':') as [string, string];
            const t = w.tills[Number(i)]!;
            const row = t.journal.getByDedupKey(`award:st_nyc_01:${posTxnId}`);
            if (!row) continue;
            const token = parseDescription(row.description)!;
            const copies = sandbox.ledger(MEMBER).filter((e) => descriptionMatches(e.description, token)).length;
            if (row.state !== 'needs-attention') expect(copies, `${posTxnId} on the ledger`).toBeLessThanOrEqual(1);
            if (row.state === 'confirmed') expect(copies).toBe(1);
          }

          for (const { id: couponId } of coupons) {
            const honors = model.verdicts.filter((v) => v.couponId === couponId && v.verdict === 'honor');
            expect(honors.length, `HONOR for ${couponId}`).toBeLessThanOrEqual(1);
            const rows = w.tills.map((t) => t.journal.getByDedupKey(`redeem:${couponId}`));
            // What the cashiers saw is what the journals recorded.
            expect(rows.filter((r) => r?.honorShownAt != null)).toHaveLength(honors.length);
            const spent = sandbox
              .audit()
              .some((a) => a.method === 'POST' && a.path.endsWith(`/coupons/${couponId}/redeem`) && (a.status === 200 || (a.faults?.includes('applyThenDrop') ?? false)));
            if (honors.length > 0) expect(spent, `${couponId} honored but not redeemed`).toBe(true);
            if (spent && honors.length === 0) {
              expect(
                rows.some((r) => r?.state === 'needs-attention'),
                `${couponId} spent with no HONOR and no manager: ${JSON.stringify(rows.map((r) => r && [r.state, r.reasonCode]))}`,
              ).toBe(true);
            }
          }
        } finally {
          await w.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
