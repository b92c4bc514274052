/**
 * One send attempt of a queued row: queued → sending (lease, attempt row) → POST → classify →
 * confirmed | unknown | queued (backoff) | rejected. The caller decides whether sending is
 * allowed (gate, pacing); this module never resends anything that might have been applied.
 */
import type { ApiResult } from '../api/index.ts';
import type { AttemptOutcome, JournalRow, TransitionPatch } from '../journal/index.ts';
import type { PointsResponse, RedeemResponse } from '../../../shared/api/schemas.ts';
import type { Ctx } from './context.ts';
import { refusalText } from './outcome.ts';
import { couponStatus } from './coupons.ts';
import { failureOutcome, observeFailure } from './observe.ts';
import { paced } from './pace.ts';

/**
 * Sends `row` (state `queued`) once, under a lease of `owner`. Returns the row afterwards; if
 * the row could not be taken (someone else has it, or it moved), returns it as it is.
 * `slotTaken`: the caller already reserved a pacing slot (the cashier's path).
 */
export async function sendRow(ctx: Ctx, row: JournalRow, owner: string, options: { slotTaken?: boolean } = {}): Promise<JournalRow> {
  const taken = ctx.move(row.id, { from: ['queued'], to: 'sending', owner, leaseMs: ctx.leaseMs });
  if (!taken.ok || !taken.row) return taken.row ?? row;
  return sendClaimed(ctx, taken.row, owner, options);
}

/** Sends a row this worker already moved to `sending` (e.g. in the same commit that recorded it). */
export async function sendClaimed(ctx: Ctx, sending: JournalRow, owner: string, options: { slotTaken?: boolean } = {}): Promise<JournalRow> {
  // Paced as late as possible: a slot spent waiting on the disk reaches the server bunched up.
  if (!options.slotTaken) await paced(ctx);
  ctx.crash('before-send');
  const started = ctx.now();
  const request: Promise<ApiResult<PointsResponse | RedeemResponse>> =
    sending.kind === 'redeem'
      ? ctx.client.redeemCoupon(sending.couponId ?? '')
      : ctx.client.postPoints(sending.memberId, { amount: sending.amount, description: sending.description });
  ctx.crash('mid-request');
  const result = await request;
  const close = (to: 'confirmed' | 'unknown' | 'queued' | 'rejected', patch: TransitionPatch, outcome: AttemptOutcome): JournalRow =>
    ctx.move(sending.id, { from: ['sending'], to, owner, leaseMs: ctx.leaseMs, patch, outcome }).row ?? sending;

  if (result.ok) {
    ctx.link.observe(result);
    ctx.crash('after-apply');
    const applied: AttemptOutcome = { httpStatus: result.status, latencyMs: result.latencyMs, reason: 'applied' };
    if (sending.kind === 'redeem') return close('confirmed', { lastError: null }, applied);
    const v = result.value as PointsResponse;
    const server = { serverTxnId: v.transactionId.slice(0, 128), balance: v.balance };
    if (sending.verifyCount > 0) {
      // Resent after an unknown outcome: a lagging ledger may have hidden the first copy. Hold the
      // confirmation until our own entry is visible, then count the markers (A3).
      return close(
        'unknown',
        { ...server, nextAttemptAt: ctx.now() + ctx.settleMs, lastError: 'Applied after an earlier unknown outcome; checking the ledger for a second copy.' },
        { ...applied, reason: 'applied-pending-duplicate-check' },
      );
    }
    return close('confirmed', { ...server, lastError: null }, applied);
  }

  const f = result.failure;
  const outcome = failureOutcome(f);
  if (f.classification === 'unknown-outcome') {
    observeFailure(ctx, result, 0);
    return close('unknown', { nextAttemptAt: started + ctx.settleMs, lastError: f.message.slice(0, 1000) }, outcome);
  }
  if (f.status === 400 || f.status === 404 || f.reason === 'invalid-input') {
    ctx.link.observe(result);
    if (sending.kind === 'redeem' && f.status === 404 && sending.verifyCount > 0) {
      // Our own earlier attempt had an unknown outcome: "already redeemed" may be us.
      const status = await couponStatus(ctx, sending.memberId, sending.couponId ?? '');
      if (status.ok && status.status === 'redeemed') {
        return close('confirmed', { lastError: null }, { ...outcome, reason: 'redeemed-by-earlier-attempt' });
      }
      if (!status.ok) return close('unknown', { nextAttemptAt: ctx.now() + ctx.settleMs, lastError: status.message }, outcome);
    }
    return close('rejected', { lastError: refusalText(f.message, f.endpoint).slice(0, 1000) }, outcome);
  }
  // Provably not applied (429, 401/403, connection refused, …): back to the queue.
  const delay = observeFailure(ctx, result, Math.max(0, sending.attemptCount - 1));
  // Only a 429 delays this row itself; a refused key or an unreachable server pauses the whole
  // link (see Connectivity), so the oldest row stays first in line and the queue drains in order.
  return close('queued', { nextAttemptAt: f.status === 429 ? ctx.now() + delay : null, lastError: f.message.slice(0, 1000) }, outcome);
}
