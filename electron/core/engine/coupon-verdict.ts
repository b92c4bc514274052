/**
 * A redeem row → the cashier's verdict. HONOR is shown at most once per redeem, ever: the
 * journal's claim on "HONOR shown" is taken before the verdict leaves the engine, so a re-scan
 * (or a second process) after that hears "already redeemed by this till", and a coupon this till
 * redeemed while nobody watched answers HONOR on its first scan or poll.
 */
import type { CouponVerdict } from './types.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import type { Ctx } from './context.ts';
import { ENGINE_ACTOR, REASON_CODES } from './constants.ts';
import { clockTime, queuedReason } from './outcome.ts';

export const NOT_YET =
  'NOT YET — no clear answer from SocialHub. The till is checking whether the coupon was redeemed; do not give the discount until this says HONOR.';

/** When this till's attempt that redeemed the coupon started. */
export function redeemedAt(ctx: Ctx, row: JournalRow): number {
  const sends = ctx.journal.attempts(row.id).filter((a) => a.kind === 'send');
  const last = sends.at(-1);
  if (last?.classification === 'applied' && last.reason === 'applied') return last.startedAt;
  // Proven by a read-back or a 404 after the fact: it was our latest unknown attempt that landed.
  const unknown = sends.filter((a) => a.classification === 'unknown-outcome').at(-1);
  return (unknown ?? last)?.startedAt ?? row.createdAt;
}

/** The manager's line for a redeem proven ours that no cashier has been shown HONOR for. */
export function honorNotShownText(ctx: Ctx, attemptStartedAt: number): string {
  return `Redeemed by this till's attempt at ${clockTime(attemptStartedAt, ctx.now())}, but nobody at the till has been shown HONOR: a scan of the coupon shows it once; if the customer has left, they did not get the discount.`;
}

/** A redeem proven ours while nobody watched, now in front of a cashier (a scan or their poll): confirm it. */
export function confirmUnseenHonor(ctx: Ctx, row: JournalRow): JournalRow {
  if (row.state !== 'needs-attention' || row.reasonCode !== REASON_CODES.redeemHonorNotShown) return row;
  const owner = ctx.worker('honor');
  const taken = ctx.move(row.id, { from: ['needs-attention'], to: 'verifying', owner, leaseMs: ctx.leaseMs });
  if (!taken.ok || !taken.row) return taken.row ?? row;
  return (
    ctx.move(row.id, {
      from: ['verifying'],
      to: 'confirmed',
      owner,
      patch: { lastError: null },
      outcome: { reason: 'honor-owed-shown-at-till', message: 'Proven redeemed by this till by the earlier check; shown to the cashier now.' },
    }).row ?? taken.row
  );
}

export function couponVerdictFor(ctx: Ctx, row: JournalRow): CouponVerdict {
  const couponId = row.couponId ?? '';
  const base = { couponId, row };
  const now = ctx.now();
  switch (row.state) {
    case 'confirmed': {
      const at = redeemedAt(ctx, row);
      const claim = ctx.journal.claimHonorShown(row.id, ENGINE_ACTOR);
      const after = claim.row ?? row;
      if (!claim.first) {
        return {
          ...base,
          row: after,
          verdict: 'do-not-honor',
          reason: `Already redeemed by this till at ${clockTime(at, now)} — that discount was given then. Do not give it again.`,
          redeemedByThisTillAt: at,
        };
      }
      ctx.notify(row.id);
      // A plain 200 on the first send is just "redeemed"; anything proven later names the attempt.
      const late = !ctx.journal.attempts(row.id).some((a) => a.kind === 'send' && a.reason === 'applied' && a.startedAt === at);
      return {
        ...base,
        row: after,
        verdict: 'honor',
        reason: late ? `Redeemed by this till at ${clockTime(at, now)} — give the discount once.` : 'Redeemed — give the discount.',
        redeemedByThisTillAt: late ? at : null,
      };
    }
    case 'sending':
    case 'unknown':
    case 'verifying':
      return { ...base, verdict: 'checking', reason: NOT_YET, redeemedByThisTillAt: null };
    case 'queued': {
      const why =
        row.verifyCount > 0 && ctx.link.gate() === 'ok'
          ? 'the earlier attempt did not go through (SocialHub still shows the coupon unused).'
          : queuedReason(ctx, row);
      return { ...base, verdict: 'do-not-honor', reason: `Not redeemed: ${why} Do not give the discount; scan the coupon again to retry.`, redeemedByThisTillAt: null };
    }
    case 'rejected':
      // The cashier gets a plain sentence; the server's own words stay on the row for the manager.
      return {
        ...base,
        verdict: 'do-not-honor',
        reason: 'SocialHub refused this coupon: it does not exist, has expired or was already used. Do not give the discount.',
        redeemedByThisTillAt: null,
      };
    case 'needs-attention':
      return { ...base, verdict: 'do-not-honor', reason: needsAttentionReason(row), redeemedByThisTillAt: null };
    case 'resolved':
      return { ...base, verdict: 'do-not-honor', reason: `Closed by a manager: ${row.resolution ?? ''}. Do not give the discount.`, redeemedByThisTillAt: null };
  }
}

function needsAttentionReason(row: JournalRow): string {
  switch (row.reasonCode) {
    case REASON_CODES.redeemNotSent:
      return 'Not redeemed: it never reached SocialHub. Do not give the discount; scan the coupon again to retry.';
    case REASON_CODES.redeemNotProvenOurs:
      return "Redeemed — but the till can't confirm it was this till. Do not give the discount; a manager will check.";
    case REASON_CODES.couponNotOnMember:
      return "Do not give the discount: this coupon is not on the card shown (another member's coupon, or the wrong card). A manager will check.";
    default:
      return `Do not give the discount: a manager must check this coupon (${row.lastError ?? row.reasonCode ?? 'see the journal'}).`;
  }
}
