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
import { REASON_CODES } from './constants.ts';
import { attemptWindows, judgeRedeemed } from './redeem-ownership.ts';

type SendTarget = 'confirmed' | 'unknown' | 'queued' | 'rejected' | 'needs-attention';
type Close = (to: SendTarget, patch: TransitionPatch, outcome: AttemptOutcome) => JournalRow;

/**
 * A redeem refused (400/404) after an earlier attempt of ours had an unknown outcome: "not found
 * or already redeemed" may be our own earlier attempt. Ours only on proof (redeemedAt within an
 * earlier attempt); anything else goes to a manager, never to a silent `rejected`.
 */
async function refusedAfterUnknown(ctx: Ctx, sending: JournalRow, outcome: AttemptOutcome, close: Close): Promise<JournalRow> {
  const status = await couponStatus(ctx, sending.memberId, sending.couponId ?? '');
  if (!status.ok) return close('unknown', { nextAttemptAt: ctx.now() + ctx.settleMs, lastError: status.message }, outcome);
  const refused = `SocialHub refused the coupon after an earlier attempt of this till had no clear answer`;
  if (status.status === 'redeemed') {
    const owner = judgeRedeemed(ctx, sending, status.redeemedAt, { excludeOpen: true });
    // Sent only from a scan at the till: the cashier is there to be shown HONOR.
    if (owner.ours) return close('confirmed', { lastError: null }, { ...outcome, reason: 'redeemed-by-earlier-attempt' });
    return close('needs-attention', { reasonCode: REASON_CODES.redeemNotProvenOurs, lastError: `${refused}; ${owner.why}`.slice(0, 1000) }, { ...outcome, reason: 'redeemed-not-proven-ours' });
  }
  const listed =
    status.status === 'absent'
      ? `the coupon is not on member ${sending.memberId}'s list (another member's coupon, or the wrong card)`
      : `the coupon list says ${status.status}`;
  return close(
    'needs-attention',
    { reasonCode: status.status === 'absent' ? REASON_CODES.couponNotOnMember : REASON_CODES.redeemRefusedAfterUnknown, lastError: `${refused}; ${listed}.`.slice(0, 1000) },
    { ...outcome, reason: 'refused-after-unknown' },
  );
}
import { RESEND_REASONS, hadUnknownSend, hiddenCopies, hiddenPoints } from './late-copy.ts';

/**
 * Sends `row` (state `queued`) once, under a lease of `owner`. Returns the row afterwards; if
 * the row could not be taken (someone else has it, or it moved), returns it as it is.
 * `slotTaken`: the caller already reserved a pacing slot (the cashier's path).
 * `scanAtTill`: the caller is a coupon scan with the cashier waiting for the verdict.
 */
export async function sendRow(ctx: Ctx, row: JournalRow, owner: string, options: { slotTaken?: boolean; scanAtTill?: boolean } = {}): Promise<JournalRow> {
  // A redeem goes out only from a scan at the till (`scanAtTill`): sent from anywhere else it
  // could spend the coupon with nobody at the counter to give the discount.
  if (row.kind === 'redeem' && !options.scanAtTill) return row;
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
  const close = (to: SendTarget, patch: TransitionPatch, outcome: AttemptOutcome): JournalRow =>
    ctx.move(sending.id, { from: ['sending'], to, owner, leaseMs: ctx.leaseMs, patch, outcome }).row ?? sending;

  if (result.ok) {
    ctx.link.observe(result);
    ctx.crash('after-apply');
    const applied: AttemptOutcome = { httpStatus: result.status, latencyMs: result.latencyMs, reason: 'applied' };
    if (sending.kind === 'redeem') return close('confirmed', { lastError: null }, applied);
    const v = result.value as PointsResponse;
    const server = { serverTxnId: v.transactionId.slice(0, 128), balance: v.balance };
    if (sending.verifyCount > 0) {
      // Resent after an unknown outcome: a lagging ledger may have hidden the first copy, or it
      // may still land, so the confirmation waits for the ledger (verify.ts). The returned balance
      // is kept as evidence: other writes for the member move it too, so once our own entry shows
      // the markers decide; while the ledger still hides it, the balance does — at the next check,
      // not after the whole duplicate-check window.
      const hidden = hiddenPoints(sending, v.balance);
      const copies = hiddenCopies(sending, hidden);
      const lastError =
        copies > 0
          ? `SocialHub's balance after the resend (${v.balance}) is ${Math.abs(sending.amount) * copies} points off from the balance the check before it saw (${sending.balance ?? ''}) plus this write: the earlier attempt may have landed too; checking the ledger.`
          : 'Applied after an earlier unknown outcome; checking the ledger for a second copy.';
      const reason = copies > 0 ? RESEND_REASONS.hiddenCopy : hidden === 0 ? RESEND_REASONS.balanceAccounted : RESEND_REASONS.pendingDuplicateCheck;
      return close('unknown', { ...server, nextAttemptAt: ctx.now() + ctx.settleMs, lastError }, { ...applied, reason });
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
    if (sending.kind === 'redeem' && attemptWindows(ctx, sending, { excludeOpen: true }).length > 0) return refusedAfterUnknown(ctx, sending, outcome, close);
    if (sending.kind !== 'redeem' && hadUnknownSend(ctx, sending)) {
      // An earlier copy may have been applied (e.g. a clawback refused because the first one
      // already took the points): not final, and it keeps counting against the clawback cap.
      return close(
        'needs-attention',
        {
          reasonCode: REASON_CODES.refusedAfterUnknown,
          lastError: `SocialHub refused the resend (${refusalText(f.message, f.endpoint)}), but an earlier attempt had no clear answer and may have been applied: check the member's ledger`.slice(0, 1000),
        },
        outcome,
      );
    }
    return close('rejected', { lastError: refusalText(f.message, f.endpoint).slice(0, 1000) }, outcome);
  }
  // Provably not applied (429, 401/403, connection refused, …): back to the queue.
  const delay = observeFailure(ctx, result, Math.max(0, sending.attemptCount - 1));
  // Only a 429 delays this row itself; a refused key or an unreachable server pauses the whole
  // link (see CircuitBreaker), so the oldest row stays first in line and the queue drains in order.
  return close('queued', { nextAttemptAt: f.status === 429 ? ctx.now() + delay : null, lastError: f.message.slice(0, 1000) }, outcome);
}
