/**
 * redeem(): a coupon is honored only on proof. Never queued for later honoring — a coupon
 * cannot be validated offline and the customer will have left — and never sent except from a
 * scan at the till (see step.ts). A re-scan of the same coupon reuses its journal row (one row
 * per coupon): it retries a row proven not sent, checks a row whose outcome is unknown, shows
 * HONOR once for a redeem of ours nobody saw, and refuses a coupon already honored here.
 */
import { buildDedupKey } from '../../../shared/journal/dedup-key.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import type { CouponVerdict, RedeemInput } from './types.ts';
import { ENGINE_ACTOR, REASON_CODES } from './constants.ts';
import type { Ctx } from './context.ts';
import { inlineSlot, record } from './inline.ts';
import { checkId, redeemIntent, scopeDate } from './intents.ts';
import { confirmUnseenHonor, couponVerdictFor, VERDICT_MESSAGES } from './coupon-verdict.ts';
import { localize } from '../../../shared/i18n/translator.ts';
import { sendRow } from './send.ts';
import { redeemWindowOpen } from './step.ts';
import { findAward } from './summary.ts';
import { verifyRow } from './verify.ts';

/** Nothing was sent: say why, and that the discount must not be given. */
function notNow(ctx: Ctx, couponId: string, row: JournalRow | null): CouponVerdict {
  const gate = ctx.link.gate();
  const reason =
    gate === 'blocked'
      ? `Do not give the discount: the coupon cannot be checked. ${ctx.link.blocked ?? ''}`
      : gate === 'offline' || gate === 'backoff'
        ? 'SocialHub is unreachable, so the coupon cannot be checked — do not give the discount. Scan it again when the till is back online.'
        : 'SocialHub is busy, so the coupon was not redeemed — do not give the discount. Scan it again in a few seconds.';
  const why = gate === 'blocked' ? 'blocked' : gate === 'offline' || gate === 'backoff' ? 'offline' : 'busy';
  return { verdict: 'do-not-honor', reason, localized: localize(VERDICT_MESSAGES.notNow, { why }), couponId, redeemedByThisTillAt: null, row };
}

/**
 * The one send of a scan, awaited to its end (the client's timeout bounds it): a redeem that
 * lands after the cashier was told NOT YET and stopped watching would be spent with nobody shown
 * HONOR, so the verdict always reflects where the send ended.
 */
async function sendAtTill(ctx: Ctx, row: JournalRow, wait: number): Promise<JournalRow> {
  if (wait > 0) await ctx.sleep(wait);
  return sendRow(ctx, row, ctx.worker('inline'), { slotTaken: true, scanAtTill: true });
}

async function retry(ctx: Ctx, row: JournalRow): Promise<CouponVerdict> {
  const wait = inlineSlot(ctx);
  if (wait === null) return notNow(ctx, row.couponId ?? '', row);
  return couponVerdictFor(ctx, await sendAtTill(ctx, row, wait));
}

async function rescan(ctx: Ctx, existing: JournalRow): Promise<CouponVerdict> {
  switch (existing.state) {
    case 'queued':
      return retry(ctx, existing);
    case 'needs-attention': {
      if (existing.reasonCode === REASON_CODES.redeemHonorNotShown) return couponVerdictFor(ctx, confirmUnseenHonor(ctx, existing));
      if (existing.reasonCode !== REASON_CODES.redeemNotSent || existing.maybeApplied) return couponVerdictFor(ctx, existing);
      if (inlineSlot(ctx) === null) return notNow(ctx, existing.couponId ?? '', existing);
      const back = ctx.move(existing.id, { from: ['needs-attention'], to: 'queued', actor: ENGINE_ACTOR, patch: { lastError: 'Scanned again.' } });
      return back.ok && back.row ? retry(ctx, back.row) : couponVerdictFor(ctx, back.row ?? existing);
    }
    case 'unknown': {
      if (ctx.link.gate() === 'blocked' || !ctx.link.online) return couponVerdictFor(ctx, existing);
      // The earlier scan's answer is still open: check now (proof of "redeemed" needs no settle delay).
      const started = ctx.now();
      const after = await verifyRow(ctx, existing, ctx.worker('rescan'));
      if (after.state === 'queued' && redeemWindowOpen(ctx, after) && ctx.now() - started < ctx.requestTimeoutMs) return retry(ctx, after);
      return couponVerdictFor(ctx, confirmUnseenHonor(ctx, after));
    }
    default:
      return couponVerdictFor(ctx, existing);
  }
}

export async function redeem(ctx: Ctx, input: RedeemInput): Promise<CouponVerdict> {
  const couponId = checkId('couponId', input.couponId);
  const memberId = checkId('memberId', input.memberId);
  const linkedPosTxnId = input.linkedPosTxnId === undefined ? undefined : checkId('posTxnId', input.linkedPosTxnId);
  const existing = ctx.journal.getByDedupKey(buildDedupKey({ kind: 'redeem', couponId }));
  if (existing) return rescan(ctx, existing);

  const wait = inlineSlot(ctx);
  if (wait === null) return notNow(ctx, couponId, null);
  const businessDate = linkedPosTxnId !== undefined ? scopeDate(ctx, input.businessDate) : undefined;
  const sale = linkedPosTxnId !== undefined ? findAward(ctx, linkedPosTxnId, businessDate) : undefined;
  const intent = redeemIntent(ctx, {
    couponId,
    memberId,
    linkedPosTxnId,
    businessDate,
    parentId: sale && sale.memberId === memberId ? sale.id : undefined,
  });
  const rec = record(ctx, { ...intent, nextAttemptAt: ctx.now() + ctx.leaseMs });
  if (!rec.created) return rescan(ctx, rec.row);
  ctx.notify(rec.row.id);
  ctx.crash('after-record');
  return couponVerdictFor(ctx, await sendAtTill(ctx, rec.row, wait));
}

/**
 * The cashier's poll after `checking`: no network, just where the row stands. The cashier is
 * watching, so a redeem proven ours meanwhile is shown as HONOR here (once).
 */
export function couponVerdict(ctx: Ctx, couponIdInput: string): CouponVerdict {
  const couponId = checkId('couponId', couponIdInput);
  const row = ctx.journal.getByDedupKey(buildDedupKey({ kind: 'redeem', couponId }));
  if (!row) {
    return {
      verdict: 'do-not-honor',
      reason: `This till has no redemption of coupon ${couponId}.`,
      localized: localize(VERDICT_MESSAGES.unknownCoupon, { couponId }),
      couponId,
      redeemedByThisTillAt: null,
      row: null,
    };
  }
  return couponVerdictFor(ctx, confirmUnseenHonor(ctx, row));
}
