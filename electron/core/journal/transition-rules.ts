/**
 * What a transition request may ask for, and — given the row as it is now — whether it may
 * happen. Pure: the journal runs `refusal()` under the write lock, which is what makes the
 * compare-and-set atomic across processes.
 */
import { z } from 'zod';
import type { Attempt, JournalRow } from '../../../shared/journal/row.ts';
import { JOURNAL_STATES, canTransition, isLeasedState, transitionBlocker } from '../../../shared/journal/states.ts';
import type { JournalState } from '../../../shared/journal/states.ts';
import { IllegalTransitionError, JournalInputError, formatIssues } from './journal-errors.ts';

/** Fields a transition may set. `undefined` keeps the stored value; `null` clears it. */
export interface TransitionPatch {
  /** Earliest next try (backoff, Retry-After). Reset to null by every transition that omits it. */
  nextAttemptAt?: number | null;
  serverTxnId?: string | null;
  balance?: number | null;
  lastError?: string | null;
  /** Required when moving to `needs-attention`: why a person must decide. */
  reasonCode?: string | null;
  note?: string | null;
  /** Required with `resolution` when moving to `resolved`. */
  resolvedBy?: string;
  /** The manager's written reason; required when moving to `resolved`. */
  resolution?: string;
}

/** How the request closed by this transition ended (leaving `sending` or `verifying`). */
export interface AttemptOutcome {
  httpStatus?: number;
  latencyMs?: number;
  /** Short machine reason, e.g. `timeout`, `rate-limited`, `marker-found`. */
  reason?: string;
  message?: string;
}

export interface TransitionRequest {
  /** States the caller believes the row is in. The move happens only if it still is (compare-and-set). */
  from: readonly JournalState[];
  to: JournalState;
  /**
   * The lease holder. Required to enter or leave `sending`/`verifying`, which also need a live
   * lease of this owner (from `claim`, `claimNextDue`, or `leaseMs` here). Any move fails with
   * `leased` while someone else holds a live lease.
   */
  owner?: string;
  /** Take (or extend) the lease in the same commit, if it is free, expired or already ours. Needs `owner`. */
  leaseMs?: number;
  /** Who acted, for the history (a manager's name); defaults to `owner`. */
  actor?: string;
  patch?: TransitionPatch;
  outcome?: AttemptOutcome;
}

/**
 * `not-found`: no such row. `state-changed`: the row is not in `from` any more (someone else moved it).
 * `leased`: another owner holds a live lease. `lease-not-held`: `owner`'s lease has expired (and no
 * `leaseMs` was given to retake it) — do not send. `unsafe-resend`: the row may already be applied; verify first.
 */
export type TransitionFailure = 'not-found' | 'state-changed' | 'leased' | 'lease-not-held' | 'unsafe-resend';

export type TransitionResult =
  | { ok: true; row: JournalRow; /** The attempt opened by entering `sending`/`verifying`. */ attempt?: Attempt }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: Exclude<TransitionFailure, 'not-found'>; row: JournalRow };

export const LEASE_MAX_MS = 3_600_000;
export const ownerSchema = z.string().min(1).max(128);
const shortText = z.string().max(1000);

const requestSchema = z.strictObject({
  from: z.array(z.enum(JOURNAL_STATES)).min(1),
  to: z.enum(JOURNAL_STATES),
  owner: ownerSchema.optional(),
  leaseMs: z.number().int().min(1).max(LEASE_MAX_MS).optional(),
  actor: z.string().min(1).max(128).optional(),
  patch: z
    .strictObject({
      nextAttemptAt: z.number().int().nonnegative().nullable().optional(),
      serverTxnId: z.string().min(1).max(128).nullable().optional(),
      balance: z.number().int().nullable().optional(),
      lastError: shortText.nullable().optional(),
      reasonCode: z.string().min(1).max(64).nullable().optional(),
      note: shortText.nullable().optional(),
      resolvedBy: z.string().trim().min(1).max(128).optional(),
      resolution: z.string().trim().min(1, 'a written reason is required').max(2000).optional(),
    })
    .optional(),
  outcome: z
    .strictObject({
      httpStatus: z.number().int().min(100).max(599).optional(),
      latencyMs: z.number().nonnegative().optional(),
      reason: z.string().min(1).max(64).optional(),
      message: shortText.optional(),
    })
    .optional(),
});

/**
 * Validates a request on its own (before touching the database). Throws IllegalTransitionError
 * if any `from` state cannot move to `to`, JournalInputError for anything else a caller got wrong.
 */
export function parseTransitionRequest(request: TransitionRequest): TransitionRequest & { patch: TransitionPatch } {
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) throw new JournalInputError(`Invalid transition: ${formatIssues(parsed.error.issues)}`);
  const req = parsed.data;
  for (const from of req.from) {
    if (!canTransition(from, req.to)) throw new IllegalTransitionError(`A journal row cannot move from ${from} to ${req.to}.`);
  }
  const patch = req.patch ?? {};
  if ((isLeasedState(req.to) || req.from.some(isLeasedState) || req.leaseMs !== undefined) && req.owner === undefined) {
    throw new JournalInputError('Moving a row into or out of sending/verifying, or taking a lease, needs the lease owner.');
  }
  if (req.to === 'resolved' && (patch.resolution === undefined || patch.resolvedBy === undefined)) {
    throw new JournalInputError('Resolving a row needs the manager (resolvedBy) and a written reason (resolution).');
  }
  if (req.to !== 'resolved' && (patch.resolution !== undefined || patch.resolvedBy !== undefined)) {
    throw new JournalInputError('resolvedBy and resolution belong to the move to resolved only.');
  }
  if (req.to === 'needs-attention' && !patch.reasonCode) {
    throw new JournalInputError('Moving a row to needs-attention needs a reasonCode saying why.');
  }
  return { ...req, patch };
}

/** Why the row as it is now refuses the (already validated) request, or null if the move may happen. */
export function refusal(row: JournalRow, req: TransitionRequest, now: number, heldPastExpiry = false): Exclude<TransitionFailure, 'not-found'> | null {
  if (!req.from.includes(row.state)) return 'state-changed';
  // heldPastExpiry: the wall clock says expired, but the holder is alive and within its lease (leases.ts).
  const live = row.leaseUntil !== null && (row.leaseUntil > now || heldPastExpiry);
  if (live && row.leaseOwner !== req.owner) return 'leased';
  const ours = live || req.leaseMs !== undefined;
  if ((isLeasedState(row.state) || isLeasedState(req.to)) && !ours) return 'lease-not-held';
  if (transitionBlocker(row.state, req.to, row) === 'unsafe-resend') return 'unsafe-resend';
  return null;
}
