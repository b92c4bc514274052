/**
 * clawback(): a negative adjustment for a return, keyed to the original sale. Never more than
 * is left of the confirmed award (pending clawbacks count; the journal re-checks atomically).
 */
import { JournalConflictError } from '../journal/index.ts';
import { buildDedupKey } from '../../../shared/journal/dedup-key.ts';
import { proportionalClawback } from '../../../shared/earn/earn-rule.ts';
import type { ClawbackInput, WriteOutcome } from './types.ts';
import { checkMinor } from './award.ts';
import { DEFAULT_CURRENCY, formatMoneyMachine } from '../../../shared/money.ts';
import { COUPON_RETURN_FLAG, ENGINE_ACTOR } from './constants.ts';
import type { Ctx } from './context.ts';
import type { Drainer } from './drainer.ts';
import { ENGINE_INPUT_MESSAGES, engineInputError } from './errors.ts';
import { recordAndSend } from './inline.ts';
import { checkId, clawbackIntent } from './intents.ts';
import { duplicateOutcome, OUTCOME_MESSAGES, refusedOutcome, writeOutcome } from './outcome.ts';
import { localize } from '../../../shared/i18n/translator.ts';
import { redemptionsFor, saleSummary } from './summary.ts';

const NO_SALE_TOTAL = 'The sale total was not recorded for this sale, so the share to take back cannot be worked out: enter the points instead.';

function pointsToTakeBack(input: ClawbackInput, award: { saleTotal: number | null; amount: number }, taken: number, remaining: number, rounding: ClawbackInput['rounding']): { points: number; capped: boolean } | string {
  const mode = input.mode ?? (input.points !== undefined && input.returnedAmountMinor === undefined ? 'points' : 'proportional');
  if (mode === 'points') {
    if (input.points === undefined || !Number.isSafeInteger(input.points) || input.points < 1) throw engineInputError(ENGINE_INPUT_MESSAGES.clawbackPoints);
    return { points: Math.min(input.points, remaining), capped: input.points > remaining };
  }
  if (input.returnedAmountMinor === undefined) throw engineInputError(ENGINE_INPUT_MESSAGES.clawbackAmount);
  const returned = checkMinor('returnedAmount', input.returnedAmountMinor);
  if (award.saleTotal === null) return NO_SALE_TOTAL;
  // The minor units are the store's currency: read as dollars, a large dinar sale would be "too large".
  const currency = input.currency ?? DEFAULT_CURRENCY;
  const r = proportionalClawback({
    awardedPoints: award.amount,
    alreadyClawedBack: taken,
    saleTotal: formatMoneyMachine(award.saleTotal, currency),
    returnedAmount: formatMoneyMachine(returned, currency),
    rounding: rounding ?? 'floor',
    currency,
  });
  return r.ok ? { points: r.points, capped: r.breakdown.capped } : r.message;
}

export async function clawback(ctx: Ctx, drainer: Drainer, input: ClawbackInput): Promise<WriteOutcome> {
  const returnId = checkId('returnId', input.returnId);
  const summary = saleSummary(ctx, input.posTxnId, input.businessDate);
  const award = summary.award;
  if (!award) return refusedOutcome(summary.blocker ?? 'The sale is not in this till’s journal.', localize(OUTCOME_MESSAGES.saleNotFound, { sale: summary.posTxnId }));
  const posTxnId = summary.posTxnId;
  const businessDate = award.businessDate ?? undefined;
  const existing = ctx.journal.getByDedupKey(buildDedupKey({ kind: 'clawback', storeId: ctx.storeId, posTxnId, returnId, businessDate }));
  if (existing) return duplicateOutcome(ctx, existing, []);
  if (summary.blocker !== null) {
    // The summary's blocker is either "not confirmed" (nothing awarded yet) or "all taken back".
    const why = summary.awarded === 0 ? OUTCOME_MESSAGES.notConfirmed : OUTCOME_MESSAGES.nothingLeft;
    return refusedOutcome(summary.blocker, localize(why, { sale: posTxnId }));
  }

  const s = ctx.journal.clawbackSummary(award.id);
  if (!s) return refusedOutcome(`Row ${award.id} is not an award.`, localize(OUTCOME_MESSAGES.notAnAward));
  const plan = pointsToTakeBack(input, award, s.confirmed + s.pending, s.remaining, input.rounding ?? ctx.clawbackRounding);
  if (typeof plan === 'string') return refusedOutcome(plan, localize(plan === NO_SALE_TOTAL ? OUTCOME_MESSAGES.noSaleTotal : OUTCOME_MESSAGES.shareInvalid));
  if (plan.points < 1) {
    return refusedOutcome(`Return ${returnId} takes back 0 points (the returned share rounds to nothing), so nothing was sent.`, localize(OUTCOME_MESSAGES.zeroPoints));
  }

  let r;
  try {
    r = await recordAndSend(ctx, drainer, clawbackIntent(ctx, award, { returnId, points: plan.points, returnTotal: input.returnedAmountMinor }));
  } catch (err) {
    // Another return of the same sale was recorded in between (maybe by the other process).
    if (err instanceof JournalConflictError) return refusedOutcome(`Nothing was taken back: ${err.message}`, localize(OUTCOME_MESSAGES.conflict));
    throw err;
  }
  if (!r.created) return duplicateOutcome(ctx, r.row, r.differences);

  const outcome = writeOutcome(ctx, r.after);
  const notes: string[] = [];
  if (plan.capped) notes.push(`Capped at the ${plan.points.toLocaleString('en-US')} points left on sale ${posTxnId}.`);
  const coupons = redemptionsFor(ctx, posTxnId, businessDate, award);
  if (coupons.length > 0) {
    const list = coupons.map((c) => c.couponId ?? `row ${c.id}`).join(', ');
    ctx.journal.addNote(r.row.id, {
      by: ENGINE_ACTOR,
      text: `${COUPON_RETURN_FLAG} coupon ${list} was redeemed on sale ${posTxnId}; decide whether the discount must be recovered.`,
    });
    ctx.notify(r.row.id);
    notes.push(`A coupon (${list}) was redeemed on this sale: a manager has been flagged.`);
  }
  const row = ctx.journal.get(r.row.id) ?? outcome.row;
  // The notes reach people only with a confirmed return; otherwise the row's own state says enough.
  const localized =
    notes.length > 0 && outcome.status === 'confirmed'
      ? localize(OUTCOME_MESSAGES.returnConfirmedNotes, {
          points: plan.points,
          capped: plan.capped ? 'yes' : 'no',
          coupons: coupons.length > 0 ? coupons.map((c) => c.couponId ?? `#${c.id}`).join(', ') : 'none',
        })
      : outcome.localized;
  return { ...outcome, row, message: [outcome.message, ...notes].join(' '), localized };
}
