/**
 * A redeem row → the cashier's verdict. HONOR is shown at most once per redeem, ever: the
 * journal's claim on "HONOR shown" is taken before the verdict leaves the engine, so a re-scan
 * (or a second process) after that hears "already redeemed by this till", and a coupon this till
 * redeemed while nobody watched answers HONOR on its first scan or poll.
 */
import { defineMessages } from '@formatjs/intl';
import type { CouponVerdict } from './types.ts';
import { localize, type LocalizedText } from '../../../shared/i18n/translator.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import type { Ctx } from './context.ts';
import { ENGINE_ACTOR, REASON_CODES } from './constants.ts';
import { clockTime, queuedReason, queuedWhy, whenValues } from './outcome.ts';

export const NOT_YET =
  'NOT YET — no clear answer from SocialHub. The till is checking whether the coupon was redeemed; do not give the discount until this says HONOR.';

/**
 * The verdict reasons the cashier reads under HONOR / DO NOT HONOR / NOT YET, in the till's
 * language; `reason` keeps the English sentence (logs, the CLI, support details).
 */
export const VERDICT_MESSAGES = defineMessages({
  honor: { id: 'coupon.verdict.honor', defaultMessage: 'Redeemed. Give the discount.', description: 'Under HONOR: redeemed just now' },
  honorLate: {
    id: 'coupon.verdict.honorLate',
    defaultMessage: 'Redeemed by this till at {today, select, yes {{at, time, short}} other {{at, date, short} {at, time, short}}}. Give the discount once.',
    description: 'Under HONOR: an earlier attempt of this till redeemed it; {at} is when',
  },
  alreadyRedeemed: {
    id: 'coupon.verdict.alreadyRedeemed',
    defaultMessage:
      'Already redeemed by this till at {today, select, yes {{at, time, short}} other {{at, date, short} {at, time, short}}}. That discount was given then; do not give it again.',
    description: 'Under DO NOT HONOR: HONOR was shown before for this coupon',
  },
  checking: {
    id: 'coupon.verdict.checking',
    defaultMessage: 'No clear answer from SocialHub. The till is checking whether the coupon was redeemed; do not give the discount until this says HONOR.',
    description: 'Under NOT YET: the outcome is being verified',
  },
  queued: {
    id: 'coupon.verdict.queued',
    defaultMessage:
      'Not redeemed: {why, select, retry {the earlier attempt did not go through.} blocked {sending is paused until a manager checks the keys.} offline {SocialHub is unreachable right now.} backoff {SocialHub could not be reached just now.} slowDown {SocialHub asked the till to slow down.} failed {SocialHub could not be reached.} other {it is waiting to be sent.}} Do not give the discount; scan the coupon again to retry.',
    description: 'Under DO NOT HONOR: the redemption was not sent; {why} says why',
  },
  rejected: {
    id: 'coupon.verdict.rejected',
    defaultMessage: 'SocialHub refused this coupon: it does not exist, has expired or was already used. Do not give the discount.',
    description: 'Under DO NOT HONOR: SocialHub refused the coupon',
  },
  notSent: {
    id: 'coupon.verdict.notSent',
    defaultMessage: 'Not redeemed: it never reached SocialHub. Do not give the discount; scan the coupon again to retry.',
    description: 'Under DO NOT HONOR: proven never sent',
  },
  notProvenOurs: {
    id: 'coupon.verdict.notProvenOurs',
    defaultMessage: 'Redeemed, but the till cannot confirm it was this till. Do not give the discount; a manager will check.',
    description: 'Under DO NOT HONOR: SocialHub shows it redeemed, maybe elsewhere',
  },
  notOnMember: {
    id: 'coupon.verdict.notOnMember',
    defaultMessage: 'Do not give the discount: this coupon is not on the card shown (another member’s coupon, or the wrong card). A manager will check.',
    description: 'Under DO NOT HONOR: the coupon belongs to another member',
  },
  managerCheck: {
    id: 'coupon.verdict.managerCheck',
    defaultMessage: 'Do not give the discount: a manager must check this coupon.',
    description: 'Under DO NOT HONOR: waiting for a manager (details are in the journal)',
  },
  closed: {
    id: 'coupon.verdict.closed',
    defaultMessage: 'Closed by a manager: {resolution}. Do not give the discount.',
    description: 'Under DO NOT HONOR: a manager resolved it; {resolution} is the manager’s note',
  },
  notNow: {
    id: 'coupon.verdict.notNow',
    defaultMessage:
      '{why, select, blocked {Do not give the discount: the coupon cannot be checked until a manager checks the keys.} offline {SocialHub is unreachable, so the coupon cannot be checked. Do not give the discount; scan it again when the till is back online.} other {SocialHub is busy, so the coupon was not redeemed. Do not give the discount; scan it again in a few seconds.}}',
    description: 'Under DO NOT HONOR: nothing was sent; {why} says why',
  },
  unknownCoupon: {
    id: 'coupon.verdict.unknownCoupon',
    defaultMessage: 'This till has no redemption of coupon {couponId}. Do not give the discount.',
    description: 'Under DO NOT HONOR: the poll found no redemption of that coupon',
  },
});

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
          localized: localize(VERDICT_MESSAGES.alreadyRedeemed, whenValues(at, now)),
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
        localized: late ? localize(VERDICT_MESSAGES.honorLate, whenValues(at, now)) : localize(VERDICT_MESSAGES.honor),
        redeemedByThisTillAt: late ? at : null,
      };
    }
    case 'sending':
    case 'unknown':
    case 'verifying':
      return { ...base, verdict: 'checking', reason: NOT_YET, localized: localize(VERDICT_MESSAGES.checking), redeemedByThisTillAt: null };
    case 'queued': {
      const retry = row.verifyCount > 0 && ctx.link.gate() === 'ok';
      const why = retry ? 'the earlier attempt did not go through (SocialHub still shows the coupon unused).' : queuedReason(ctx, row);
      return {
        ...base,
        verdict: 'do-not-honor',
        reason: `Not redeemed: ${why} Do not give the discount; scan the coupon again to retry.`,
        localized: localize(VERDICT_MESSAGES.queued, { why: retry ? 'retry' : queuedWhy(ctx, row) }),
        redeemedByThisTillAt: null,
      };
    }
    case 'rejected':
      // The cashier gets a plain sentence; the server's own words stay on the row for the manager.
      return {
        ...base,
        verdict: 'do-not-honor',
        reason: 'SocialHub refused this coupon: it does not exist, has expired or was already used. Do not give the discount.',
        localized: localize(VERDICT_MESSAGES.rejected),
        redeemedByThisTillAt: null,
      };
    case 'needs-attention':
      return { ...base, verdict: 'do-not-honor', ...needsAttentionReason(row), redeemedByThisTillAt: null };
    case 'resolved':
      return {
        ...base,
        verdict: 'do-not-honor',
        reason: `Closed by a manager: ${row.resolution ?? ''}. Do not give the discount.`,
        localized: localize(VERDICT_MESSAGES.closed, { resolution: row.resolution ?? '' }),
        redeemedByThisTillAt: null,
      };
  }
}

function needsAttentionReason(row: JournalRow): { reason: string; localized: LocalizedText } {
  switch (row.reasonCode) {
    case REASON_CODES.redeemNotSent:
      return { reason: 'Not redeemed: it never reached SocialHub. Do not give the discount; scan the coupon again to retry.', localized: localize(VERDICT_MESSAGES.notSent) };
    case REASON_CODES.redeemNotProvenOurs:
      return { reason: "Redeemed — but the till can't confirm it was this till. Do not give the discount; a manager will check.", localized: localize(VERDICT_MESSAGES.notProvenOurs) };
    case REASON_CODES.couponNotOnMember:
      return {
        reason: "Do not give the discount: this coupon is not on the card shown (another member's coupon, or the wrong card). A manager will check.",
        localized: localize(VERDICT_MESSAGES.notOnMember),
      };
    default:
      return {
        reason: `Do not give the discount: a manager must check this coupon (${row.lastError ?? row.reasonCode ?? 'see the journal'}).`,
        localized: localize(VERDICT_MESSAGES.managerCheck),
      };
  }
}
