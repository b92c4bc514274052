/**
 * Model-based property test: random sequences of transitions, claims, releases and clock moves,
 * from two owners, against a real journal file. After every step the journal must agree with a
 * small model and keep the invariants that make sends exactly-once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIMABLE_STATES, JOURNAL_STATES, canTransition, isFinal, isLeasedState } from '../../../shared/journal/states.ts';
import type { JournalState } from '../../../shared/journal/states.ts';
import { IllegalTransitionError, JournalInputError } from './journal-errors.ts';
import type { TransitionResult } from './journal.ts';
import { award, testJournal } from './testing/fixtures.ts';

const ROWS = 3;
const OWNERS = ['a', 'b'] as const;

type Op =
  | { t: 'transition'; row: number; from: JournalState[]; to: JournalState; owner?: string; leaseMs?: number }
  | { t: 'claim'; row: number; owner: string; leaseMs: number }
  | { t: 'claimNext'; owner: string; leaseMs: number }
  | { t: 'release'; row: number; owner: string }
  | { t: 'advance'; ms: number };

const state = fc.constantFrom(...JOURNAL_STATES);
const owner = fc.constantFrom(...OWNERS);
const row = fc.integer({ min: 0, max: ROWS - 1 });
const lease = fc.constantFrom(500, 1000, 3000);

/** Biased towards legal moves so runs get deep into the machine. */
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('transition' as const), row, from: fc.uniqueArray(state, { minLength: 1, maxLength: 2 }), to: state, owner: fc.option(owner, { nil: undefined }), leaseMs: fc.option(lease, { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('claim' as const), row, owner, leaseMs: lease }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('claimNext' as const), owner, leaseMs: lease }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('release' as const), row, owner }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 1500 }) }) },
);

interface Model {
  id: number;
  state: JournalState;
  maybeApplied: boolean;
  leaseOwner: string | null;
  leaseUntil: number | null;
  sends: number;
}

/** Steers a random transition towards a legal move for the row's real state, so runs get deep into the machine. */
function aimAt(o: Extract<Op, { t: 'transition' }>, m: Model, live: boolean, pick: number): Extract<Op, { t: 'transition' }> {
  const targets = JOURNAL_STATES.filter((s) => canTransition(m.state, s));
  const to = targets.length ? targets[pick % targets.length]! : o.to;
  const from = o.from.filter((s) => canTransition(s, to));
  // Usually act as the lease holder; sometimes as the other owner, to exercise the lease checks.
  const owner = live && m.leaseOwner && pick % 5 !== 0 ? m.leaseOwner : o.owner;
  return { ...o, to, from: from.includes(m.state) ? from : [m.state, ...from], owner, leaseMs: pick % 4 === 0 ? undefined : (o.leaseMs ?? 1000) };
}

describe('journal state machine under random operations (property)', () => {
  it('never reaches an illegal state, keeps final states final, and never re-sends a confirmed or maybe-applied write', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(op, fc.boolean(), fc.nat()), { minLength: 10, maxLength: 60, size: 'max' }), (ops) => {
        const t = testJournal();
        try {
          const j = t.journal;
          const models: Model[] = [];
          for (let i = 0; i < ROWS; i++) {
            const id = j.record(award(`p${i}`)).row.id;
            models.push({ id, state: 'queued', maybeApplied: false, leaseOwner: null, leaseUntil: null, sends: 0 });
          }
          const frozen = new Map<number, number>(); // id → version when it became final
          const live = (m: Model): boolean => m.leaseUntil !== null && m.leaseUntil > t.clock.now();

          for (const [raw, aim, pick] of ops) {
            const now = t.clock.now();
            if (raw.t === 'advance') {
              t.clock.advance(raw.ms);
            } else if (raw.t === 'claim') {
              const m = models[raw.row]!;
              const can = (CLAIMABLE_STATES as readonly string[]).includes(m.state) && (!live(m) || m.leaseOwner === raw.owner);
              const got = j.claim(m.id, raw.owner, raw.leaseMs);
              expect(got !== null).toBe(can);
              if (got) Object.assign(m, { leaseOwner: raw.owner, leaseUntil: now + raw.leaseMs });
            } else if (raw.t === 'claimNext') {
              const due = models.find((m) => (CLAIMABLE_STATES as readonly string[]).includes(m.state) && !live(m));
              const got = j.claimNextDue(raw.owner, raw.leaseMs);
              expect(got?.id).toBe(due?.id);
              if (due) Object.assign(due, { leaseOwner: raw.owner, leaseUntil: now + raw.leaseMs });
            } else if (raw.t === 'release') {
              const m = models[raw.row]!;
              const held = m.leaseOwner === raw.owner;
              expect(j.release(m.id, raw.owner)).toBe(held);
              if (held) Object.assign(m, { leaseOwner: null, leaseUntil: null });
            } else {
              const m = models[raw.row]!;
              const o = aim ? aimAt(raw, m, live(m), pick) : raw;
              const request = {
                from: o.from,
                to: o.to,
                ...(o.owner !== undefined ? { owner: o.owner } : {}),
                ...(o.leaseMs !== undefined && o.owner !== undefined ? { leaseMs: o.leaseMs } : {}),
                ...(o.to === 'needs-attention' ? { patch: { reasonCode: 'p' } } : o.to === 'resolved' ? { patch: { resolvedBy: 'ana', resolution: 'ok' } } : {}),
              };
              const illegal = o.from.some((f) => !canTransition(f, o.to));
              const needsOwner = (isLeasedState(o.to) || o.from.some(isLeasedState)) && request.owner === undefined;
              if (illegal || needsOwner) {
                expect(() => j.transition(m.id, request)).toThrow(illegal ? IllegalTransitionError : JournalInputError);
              } else {
                const r: TransitionResult = j.transition(m.id, request);
                const heldByOther = live(m) && m.leaseOwner !== request.owner;
                const ours = live(m) || 'leaseMs' in request;
                const expected = !o.from.includes(m.state)
                  ? 'state-changed'
                  : heldByOther
                    ? 'leased'
                    : (isLeasedState(m.state) || isLeasedState(o.to)) && !ours
                      ? 'lease-not-held'
                      : m.state === 'needs-attention' && o.to === 'queued' && m.maybeApplied
                        ? 'unsafe-resend'
                        : 'ok';
                expect(r.ok ? 'ok' : r.reason).toBe(expected);
                if (r.ok) {
                  // The exactly-once invariants, checked on the real row.
                  if (o.to === 'sending') {
                    expect(m.maybeApplied, 'sent again while it may already be applied').toBe(false);
                    expect(isFinal(m.state)).toBe(false);
                    m.sends += 1;
                  }
                  const keep = isLeasedState(o.to);
                  const takes = 'leaseMs' in request && request.leaseMs !== undefined;
                  m.leaseOwner = keep ? (takes ? (request.owner ?? null) : m.leaseOwner) : null;
                  m.leaseUntil = keep ? (takes ? now + (request.leaseMs ?? 0) : m.leaseUntil) : null;
                  // queued → unknown: a copy of the journal may have sent it, so it counts as maybe applied.
                  m.maybeApplied = o.to === 'sending' || (o.to === 'unknown' && m.state === 'queued') ? true : o.to === 'queued' && (m.state === 'sending' || m.state === 'verifying') ? false : m.maybeApplied;
                  m.state = o.to;
                }
              }
            }

            // After every step: the journal equals the model, finals are frozen, attempts are consistent.
            for (const m of models) {
              const db = j.get(m.id)!;
              expect(JOURNAL_STATES).toContain(db.state);
              expect({ state: db.state, maybeApplied: db.maybeApplied, leaseOwner: db.leaseOwner, leaseUntil: db.leaseUntil, sends: db.attemptCount }).toEqual({
                state: m.state,
                maybeApplied: m.maybeApplied,
                leaseOwner: m.leaseOwner,
                leaseUntil: m.leaseUntil,
                sends: m.sends,
              });
              if (isFinal(db.state)) {
                if (!frozen.has(m.id)) frozen.set(m.id, db.version);
                expect(db.version, 'a final row changed').toBe(frozen.get(m.id));
              }
              const attempts = j.attempts(m.id);
              const open = attempts.filter((a) => a.finishedAt === null);
              expect(open.length).toBe(isLeasedState(db.state) ? 1 : 0);
              const applied = attempts.findIndex((a) => a.classification === 'applied');
              if (applied >= 0) expect(attempts.slice(applied + 1).filter((a) => a.kind === 'send'), 'sent after confirmed').toEqual([]);
            }
          }
        } finally {
          t.dispose();
        }
      }),
      { numRuns: 120 },
    );
  });
});
