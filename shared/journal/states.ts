/**
 * The journal's state machine: names, kinds and the one table of allowed transitions.
 * Pure (no Node imports) so the renderer can show states and the manager actions a row allows.
 * Migration v1 copies this table into a SQLite trigger; a test keeps the two identical.
 */

import { defineMessages } from '@formatjs/intl';

/** Every state a journal row can be in. */
export const JOURNAL_STATES = [
  'queued',
  'sending',
  'unknown',
  'verifying',
  'needs-attention',
  'confirmed',
  'rejected',
  'resolved',
] as const;
export type JournalState = (typeof JOURNAL_STATES)[number];

/** What kind of write a row stands for. */
export const JOURNAL_KINDS = ['award', 'clawback', 'redeem', 'adjustment'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** No transition ever leaves these. */
export const FINAL_STATES = ['confirmed', 'rejected', 'resolved'] as const satisfies readonly JournalState[];
export type FinalState = (typeof FINAL_STATES)[number];

/** Everything that still needs the engine or a person. */
export const UNFINISHED_STATES = ['queued', 'sending', 'unknown', 'verifying', 'needs-attention'] as const satisfies readonly JournalState[];
export type UnfinishedState = (typeof UNFINISHED_STATES)[number];

/**
 * States only a lease holder may enter or leave: a worker is talking to the server.
 * A row found in one of them with an expired lease was abandoned (crash) mid-request.
 */
export const LEASED_STATES = ['sending', 'verifying'] as const satisfies readonly JournalState[];

/** What the background drainer picks up; `needs-attention` waits for a person instead. */
export const CLAIMABLE_STATES = ['queued', 'sending', 'unknown', 'verifying'] as const satisfies readonly JournalState[];

/**
 * Allowed transitions. `sending → queued` and `verifying → queued` mean "proven not applied";
 * `needs-attention → queued` (manager "resend") is further guarded by {@link transitionBlocker}.
 * `queued → unknown`: a copy of this journal (restored or moved) may have sent it already.
 */
export const TRANSITIONS: Readonly<Record<JournalState, readonly JournalState[]>> = {
  queued: ['sending', 'needs-attention', 'unknown'],
  sending: ['confirmed', 'rejected', 'unknown', 'queued', 'needs-attention'],
  unknown: ['verifying', 'needs-attention'],
  verifying: ['confirmed', 'queued', 'unknown', 'needs-attention'],
  'needs-attention': ['resolved', 'queued', 'verifying'],
  confirmed: [],
  rejected: [],
  resolved: [],
};

/** Short cashier/manager-facing names, in the till's language (the renderer) — `journal.state.*`. */
export const STATE_LABEL_MESSAGES = defineMessages({
  queued: { id: 'journal.state.queued', defaultMessage: 'Waiting to send', description: 'Journal row state: saved, not sent yet' },
  sending: { id: 'journal.state.sending', defaultMessage: 'Sending', description: 'Journal row state: being sent' },
  unknown: { id: 'journal.state.unknown', defaultMessage: 'Outcome unknown', description: 'Journal row state: sent, no clear answer' },
  verifying: { id: 'journal.state.verifying', defaultMessage: 'Checking with SocialHub', description: 'Journal row state: being verified against the ledger' },
  'needs-attention': { id: 'journal.state.needsAttention', defaultMessage: 'Needs attention', description: 'Journal row state: a manager must decide' },
  confirmed: { id: 'journal.state.confirmed', defaultMessage: 'Done', description: 'Journal row state: applied by SocialHub' },
  rejected: { id: 'journal.state.rejected', defaultMessage: 'Refused by SocialHub', description: 'Journal row state: SocialHub refused it' },
  resolved: { id: 'journal.state.resolved', defaultMessage: 'Resolved by a manager', description: 'Journal row state: closed by a manager' },
} satisfies Record<JournalState, { id: string; defaultMessage: string; description: string }>);

/** The same names in English, for main's own sentences (logs, the CLI). */
export const STATE_LABELS: Readonly<Record<JournalState, string>> = Object.fromEntries(
  JOURNAL_STATES.map((s) => [s, STATE_LABEL_MESSAGES[s].defaultMessage]),
) as Record<JournalState, string>;

const stateSet: ReadonlySet<string> = new Set(JOURNAL_STATES);
const kindSet: ReadonlySet<string> = new Set(JOURNAL_KINDS);
const finalSet: ReadonlySet<JournalState> = new Set(FINAL_STATES);
const leasedSet: ReadonlySet<JournalState> = new Set(LEASED_STATES);

export function isJournalState(value: unknown): value is JournalState {
  return typeof value === 'string' && stateSet.has(value);
}
export function isJournalKind(value: unknown): value is JournalKind {
  return typeof value === 'string' && kindSet.has(value);
}
export function isFinal(state: JournalState): state is FinalState {
  return finalSet.has(state);
}
export function isUnfinished(state: JournalState): state is UnfinishedState {
  return !finalSet.has(state);
}
export function isLeasedState(state: JournalState): boolean {
  return leasedSet.has(state);
}

/** True if the table allows `from → to` (ignoring data guards). */
export function canTransition(from: JournalState, to: JournalState): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Why `from → to` may not happen for a row, or null if it may.
 * `maybeApplied`: a send may have reached the server and nothing proved otherwise, so
 * resending could award twice — the row must be verified first.
 */
export function transitionBlocker(
  from: JournalState,
  to: JournalState,
  row: { maybeApplied: boolean },
): 'illegal' | 'unsafe-resend' | null {
  if (!canTransition(from, to)) return 'illegal';
  if (from === 'needs-attention' && to === 'queued' && row.maybeApplied) return 'unsafe-resend';
  return null;
}

/** The row's `maybeApplied` flag after `from → to`. */
export function maybeAppliedAfter(from: JournalState, to: JournalState, before: boolean): boolean {
  if (to === 'sending') return true;
  if (from === 'queued' && to === 'unknown') return true;
  // Only these two transitions carry proof that the server did not apply the write.
  if (to === 'queued' && (from === 'sending' || from === 'verifying')) return false;
  return before;
}
