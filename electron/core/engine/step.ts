/**
 * Drives one leased row as far as it can go right now: send a queued row, verify an unknown
 * one that is due, turn an abandoned `sending`/`verifying` (a worker died mid-request) into
 * `unknown` — to be verified, never resent blindly.
 */
import type { JournalRow } from '../journal/index.ts';
import { REASON_CODES } from './constants.ts';
import type { Ctx } from './context.ts';
import { sendRow } from './send.ts';
import { lastSendAt, verifyRow } from './verify.ts';

const OLD_QUEUED = 'Waited longer than the settle delay before its first send: checking the ledger first, in case a copy of this journal sent it.';

/**
 * A points write never sent from this journal, but recorded longer ago than the settle delay:
 * a restored or copied journal (whose original may have sent it meanwhile) looks exactly like
 * this, so the ledger is read before the first send. Redeems write no ledger entry and are only
 * ever sent from a scan.
 */
export function unsentButOld(ctx: Ctx, row: JournalRow): boolean {
  return row.kind !== 'redeem' && row.attemptCount === 0 && row.verifyCount === 0 && ctx.now() - row.createdAt > ctx.settleMs;
}

function due(ctx: Ctx, row: JournalRow): boolean {
  return row.nextAttemptAt === null || row.nextAttemptAt <= ctx.now();
}

/** A redeem that verification proved unredeemed, too late to send: parked for a re-scan. */
export function parkRedeem(ctx: Ctx, row: JournalRow, owner: string): JournalRow {
  return (
    ctx.move(row.id, {
      from: ['queued'],
      to: 'needs-attention',
      owner,
      patch: {
        reasonCode: REASON_CODES.redeemNotSent,
        lastError: 'The coupon was not redeemed: SocialHub could not be reached while the customer was at the till. Nothing to do unless they come back (a re-scan retries it).',
      },
    }).row ?? row
  );
}

/** Measured from the latest scan that sent it (a re-scan reopens the window). */
export function redeemWindowOpen(ctx: Ctx, row: JournalRow): boolean {
  const since = row.attemptCount > 0 ? (lastSendAt(ctx, row) ?? row.createdAt) : row.createdAt;
  return ctx.now() - since <= ctx.redeemWindowMs;
}

export async function step(ctx: Ctx, start: JournalRow, owner: string): Promise<JournalRow> {
  let row = start;
  for (let i = 0; i < 6; i++) {
    const before = row.version;
    switch (row.state) {
      case 'queued':
        // A redeem is sent only from a scan at the till, where the cashier sees the verdict: a
        // background send could spend the coupon with nobody there to give the discount.
        if (row.kind === 'redeem') return redeemWindowOpen(ctx, row) ? row : parkRedeem(ctx, row, owner);
        if (ctx.link.gate() !== 'ok' || !due(ctx, row)) return row;
        if (unsentButOld(ctx, row)) {
          row = ctx.move(row.id, { from: ['queued'], to: 'unknown', owner, leaseMs: ctx.leaseMs, patch: { nextAttemptAt: ctx.now(), lastError: OLD_QUEUED } }).row ?? row;
          break;
        }
        row = await sendRow(ctx, row, owner);
        break;
      case 'sending': {
        // Abandoned mid-request: the request may have landed. Verify once it has settled.
        const sentAt = lastSendAt(ctx, row) ?? row.updatedAt;
        row =
          ctx.move(row.id, {
            from: ['sending'],
            to: 'unknown',
            owner,
            leaseMs: ctx.leaseMs,
            patch: { nextAttemptAt: Math.max(ctx.now(), sentAt + ctx.settleMs), lastError: 'The till stopped while this was being sent; checking whether it arrived.' },
            outcome: { reason: 'abandoned' },
          }).row ?? row;
        break;
      }
      case 'verifying':
        row = ctx.move(row.id, { from: ['verifying'], to: 'unknown', owner, leaseMs: ctx.leaseMs, outcome: { reason: 'abandoned' } }).row ?? row;
        break;
      case 'unknown':
        if (!due(ctx, row) || ctx.link.gate() === 'blocked' || !ctx.link.online) return row;
        row = await verifyRow(ctx, row, owner);
        break;
      default:
        return row;
    }
    if (row.version === before) return row;
  }
  return row;
}

/** Gives the lease back if this worker still holds it (transitions to non-leased states already did). */
export function releaseIfHeld(ctx: Ctx, row: JournalRow, owner: string): void {
  if (row.leaseOwner === owner) ctx.journal.release(row.id, owner);
}
