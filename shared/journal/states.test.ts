import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLAIMABLE_STATES,
  FINAL_STATES,
  JOURNAL_STATES,
  LEASED_STATES,
  STATE_LABELS,
  TRANSITIONS,
  UNFINISHED_STATES,
  canTransition,
  isFinal,
  isJournalState,
  maybeAppliedAfter,
  transitionBlocker,
} from './states.ts';
import type { JournalState } from './states.ts';

const state = fc.constantFrom(...JOURNAL_STATES);

describe('journal state table', () => {
  it('has exactly the transitions of the issue', () => {
    expect(TRANSITIONS).toEqual({
      queued: ['sending', 'needs-attention', 'unknown'],
      sending: ['confirmed', 'rejected', 'unknown', 'queued', 'needs-attention'],
      unknown: ['verifying', 'needs-attention'],
      verifying: ['confirmed', 'queued', 'unknown', 'needs-attention'],
      'needs-attention': ['resolved', 'queued', 'verifying'],
      confirmed: [],
      rejected: [],
      resolved: [],
    });
  });

  it('splits states into final and unfinished, and labels each', () => {
    expect([...FINAL_STATES, ...UNFINISHED_STATES].sort()).toEqual([...JOURNAL_STATES].sort());
    for (const s of JOURNAL_STATES) expect(STATE_LABELS[s].length).toBeGreaterThan(0);
    expect(CLAIMABLE_STATES.every((s) => !isFinal(s))).toBe(true);
    expect((CLAIMABLE_STATES as readonly string[]).includes('needs-attention')).toBe(false);
    expect(LEASED_STATES.every((s) => CLAIMABLE_STATES.includes(s))).toBe(true);
  });

  it('lets every unfinished state reach needs-attention, and every state only reach known states', () => {
    for (const s of UNFINISHED_STATES) if (s !== 'needs-attention') expect(canTransition(s, 'needs-attention')).toBe(true);
    for (const s of JOURNAL_STATES) for (const t of TRANSITIONS[s]) expect(isJournalState(t)).toBe(true);
  });

  it('final states are final', () => {
    fc.assert(fc.property(fc.constantFrom(...FINAL_STATES), state, (f, to) => !canTransition(f, to) && transitionBlocker(f, to, { maybeApplied: false }) === 'illegal'));
  });

  it('every state except queued is reachable from queued, and every unfinished state can still finish', () => {
    const reach = (from: JournalState): Set<JournalState> => {
      const seen = new Set<JournalState>([from]);
      const todo = [from];
      for (let s = todo.pop(); s !== undefined; s = todo.pop()) {
        for (const t of TRANSITIONS[s]) {
          if (!seen.has(t)) {
            seen.add(t);
            todo.push(t);
          }
        }
      }
      return seen;
    };
    expect([...reach('queued')].sort()).toEqual([...JOURNAL_STATES].sort());
    for (const s of UNFINISHED_STATES) expect([...reach(s)].some(isFinal)).toBe(true);
  });

  it('random walks never reach an illegal state, never leave a final state, and never resend a maybe-applied write', () => {
    fc.assert(
      fc.property(fc.array(state, { maxLength: 60 }), (targets) => {
        let current: JournalState = 'queued';
        let maybeApplied = false;
        let applied = false; // a send may have landed and nothing proved otherwise
        for (const to of targets) {
          const blocker = transitionBlocker(current, to, { maybeApplied });
          if (isFinal(current) && blocker === null) return false;
          if (blocker !== null) continue;
          if (to === 'sending' && maybeApplied) return false; // would be a blind resend
          if (to === 'sending') applied = true;
          if (to === 'unknown' && current === 'queued') applied = true; // a copy of the journal may have sent it
          if (to === 'queued' && (current === 'sending' || current === 'verifying')) applied = false;
          maybeApplied = maybeAppliedAfter(current, to, maybeApplied);
          current = to;
          if (!isJournalState(current) || maybeApplied !== applied) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('a manager resend is refused while the write may already be applied', () => {
    expect(transitionBlocker('needs-attention', 'queued', { maybeApplied: true })).toBe('unsafe-resend');
    expect(transitionBlocker('needs-attention', 'queued', { maybeApplied: false })).toBeNull();
    expect(transitionBlocker('needs-attention', 'verifying', { maybeApplied: true })).toBeNull();
  });

  it('only proof of non-application clears maybeApplied', () => {
    // numRuns covers the whole 8 × 8 × 2 space many times over, so no pair is left to chance.
    fc.assert(
      fc.property(state, state, fc.boolean(), (from, to, before) => {
        const after = maybeAppliedAfter(from, to, before);
        if (to === 'sending') return after;
        // A queued row of a copied or restored journal may have been sent by the other copy.
        if (from === 'queued' && to === 'unknown') return after;
        if (to === 'queued' && (from === 'sending' || from === 'verifying')) return !after;
        return after === before;
      }),
      { numRuns: 2000 },
    );
  });
});
