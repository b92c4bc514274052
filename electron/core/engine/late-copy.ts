/**
 * Guards against a copy of a write that lands late: after a resend, the first attempt (whose
 * outcome was unknown) may still be applied by SocialHub, or a lagging ledger may hide it.
 * - the resend's reply carries the member's balance: compared with the balance the check that
 *   proved the write absent saw, it shows at once whether anything the ledger did not show
 *   landed in between;
 * - a resent row stays watched (state `unknown`) until the duplicate-check window has passed
 *   since its first unknown attempt, even once its own entry is visible.
 */
import type { JournalRow } from '../journal/index.ts';
import type { Ctx } from './context.ts';

/** Send-attempt reasons recorded for a resend that SocialHub applied. */
export const RESEND_REASONS = {
  /** The returned balance is exactly the balance seen before plus this write: no hidden copy then. */
  balanceAccounted: 'applied-balance-accounted',
  /** Something the ledger did not show changed the balance (or no earlier balance is known). */
  pendingDuplicateCheck: 'applied-pending-duplicate-check',
  /** The balance moved by whole copies of this write more than the resend alone explains. */
  hiddenCopy: 'applied-hidden-copy-by-balance',
} as const;

/** When the row's first send whose outcome was not known started, or null if none. */
export function firstUnknownSendAt(ctx: Ctx, row: JournalRow): number | null {
  const first = ctx.journal.attempts(row.id).find((a) => a.kind === 'send' && a.classification === 'unknown-outcome');
  return first?.startedAt ?? null;
}

/** True if an earlier send of this row (not the one in flight) ended with an unknown outcome. */
export function hadUnknownSend(ctx: Ctx, row: JournalRow): boolean {
  return firstUnknownSendAt(ctx, row) !== null;
}

/** Until when a resent row is kept under watch for a late first copy. */
export function lateCopyWatchEnd(ctx: Ctx, row: JournalRow, fallback: number): number {
  return (firstUnknownSendAt(ctx, row) ?? fallback) + ctx.duplicateCheckMaxMs;
}

/**
 * Points that reached the member between the absence check and the resend without showing in
 * the ledger that check read: `returned − write − seenBefore`. Null when no earlier balance is known.
 */
export function hiddenPoints(row: JournalRow, returnedBalance: number): number | null {
  return row.balance === null ? null : returnedBalance - row.amount - row.balance;
}

/** How many hidden copies of this write the hidden points amount to (0 when they are something else). */
export function hiddenCopies(row: JournalRow, hidden: number | null): number {
  if (hidden === null || hidden === 0 || row.amount === 0 || hidden % row.amount !== 0) return 0;
  const copies = hidden / row.amount;
  return copies > 0 ? copies : 0;
}

/** What the balance returned by the resend that set the row's server transaction id showed. */
export function resendBalanceVerdict(ctx: Ctx, row: JournalRow): 'one-copy' | 'hidden-copy' | 'undecided' {
  const reasons: readonly string[] = Object.values(RESEND_REASONS);
  const applied = ctx.journal
    .attempts(row.id)
    .filter((a) => a.kind === 'send' && a.reason !== null && reasons.includes(a.reason))
    .at(-1);
  if (applied?.reason === RESEND_REASONS.balanceAccounted) return 'one-copy';
  return applied?.reason === RESEND_REASONS.hiddenCopy ? 'hidden-copy' : 'undecided';
}
