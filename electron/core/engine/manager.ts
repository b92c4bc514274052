/**
 * Manager actions on one journal row: verify now, resend (only where proven safe), resolve, and
 * re-queue a sale SocialHub refused for certain under the corrected member.
 */
import type { JournalRow } from '../../../shared/journal/row.ts';
import { STATE_LABELS } from '../../../shared/journal/states.ts';
import type { ActionResult } from './types.ts';
import { REASON_CODES } from './constants.ts';
import type { Ctx } from './context.ts';
import type { Drainer } from './drainer.ts';
import { checkId, awardIntent } from './intents.ts';
import { inlineSlot, recordAndSend, sendInline } from './inline.ts';
import { hadUnknownSend } from './late-copy.ts';
import { writeOutcome } from './outcome.ts';
import { releaseIfHeld, step, unsentButOld } from './step.ts';
import { verifyRow } from './verify.ts';

const fail = (row: JournalRow | null | undefined, message: string): ActionResult => ({ ok: false, row: row ?? null, message });

function busy(ctx: Ctx, row: JournalRow): boolean {
  return row.leaseUntil !== null && row.leaseUntil > ctx.now();
}

export async function verifyNow(ctx: Ctx, id: number): Promise<ActionResult> {
  const row = ctx.journal.get(id);
  if (!row) return fail(null, `There is no journal row ${id}.`);
  if (busy(ctx, row)) return fail(row, 'The till is talking to SocialHub about this row right now; try again in a moment.');
  if (row.state !== 'unknown' && row.state !== 'needs-attention') return fail(row, `Nothing to verify: the row is ${STATE_LABELS[row.state]}.`);
  if (row.state === 'needs-attention' && row.reasonCode === REASON_CODES.redeemNotSent) return fail(row, 'Nothing to verify: this coupon was never sent to SocialHub.');
  const owner = ctx.worker('verify');
  let after = await verifyRow(ctx, row, owner);
  // A points write proven absent goes back in line at once; redeems wait for a re-scan.
  if (after.state === 'queued' && after.kind !== 'redeem') after = await step(ctx, after, owner);
  releaseIfHeld(ctx, after, owner);
  if (after.version === row.version) return fail(after, 'The row changed under the check; look again.');
  return { ok: true, row: after, message: `Checked with SocialHub: ${STATE_LABELS[after.state]}.${after.lastError ? ` ${after.lastError}` : ''}` };
}

export async function resend(ctx: Ctx, id: number): Promise<ActionResult> {
  const row = ctx.journal.get(id);
  if (!row) return fail(null, `There is no journal row ${id}.`);
  if (row.kind === 'redeem') return fail(row, 'A coupon is only redeemed while the customer is at the till: scan it again there.');
  if (busy(ctx, row)) return fail(row, 'The till is talking to SocialHub about this row right now.');
  let queued = row;
  if (row.state === 'needs-attention') {
    const t = ctx.journal.transition(row.id, { from: ['needs-attention'], to: 'queued', actor: 'manager', patch: { lastError: 'Resent by a manager.' } });
    if (!t.ok) {
      return fail(
        t.reason === 'not-found' ? null : t.row,
        t.reason === 'unsafe-resend' ? 'Not safe to resend: it may already be applied. Verify it first.' : 'The row changed; look again.',
      );
    }
    ctx.notify(row.id);
    queued = t.row;
  } else if (row.state === 'unknown') {
    return fail(row, 'The outcome is unknown: verify it first (resending could award twice).');
  } else if (row.state !== 'queued') {
    return fail(row, `Nothing to resend: the row is ${STATE_LABELS[row.state]}.`);
  }
  const wait = inlineSlot(ctx);
  if (wait === null) return { ok: true, row: queued, message: 'Queued: it will be sent as soon as SocialHub can be reached.' };
  if (unsentButOld(ctx, queued)) {
    // A copy of this journal may have sent it: the drainer's own path reads the ledger first.
    const owner = ctx.worker('manager');
    const after = await step(ctx, queued, owner);
    releaseIfHeld(ctx, after, owner);
    return { ok: true, row: after, message: `Checked SocialHub's ledger first: ${STATE_LABELS[after.state]}.` };
  }
  const after = await sendInline(ctx, queued, wait);
  return { ok: true, row: after, message: `Sent: ${STATE_LABELS[after.state]}.` };
}

export function resolve(ctx: Ctx, id: number, reason: string, by: string): ActionResult {
  const row = ctx.journal.get(id);
  if (!row) return fail(null, `There is no journal row ${id}.`);
  const text = reason.trim();
  const who = by.trim();
  if (text.length < 5) return fail(row, 'Write a reason of at least 5 characters.');
  if (who.length === 0) return fail(row, 'Say who is resolving it.');
  if (busy(ctx, row)) return fail(row, 'The till is talking to SocialHub about this row right now.');
  let current = row;
  if (row.state === 'queued' || row.state === 'unknown') {
    // Closing a row that was still waiting: it goes through needs-attention so the history says so.
    const t = ctx.journal.transition(row.id, {
      from: [row.state],
      to: 'needs-attention',
      actor: who,
      patch: { reasonCode: REASON_CODES.manager, lastError: `Closed by ${who} while ${STATE_LABELS[row.state].toLowerCase()}.` },
    });
    if (!t.ok) return fail(t.reason === 'not-found' ? null : t.row, 'The row changed; look again.');
    current = t.row;
  } else if (row.state !== 'needs-attention') {
    return fail(row, `Nothing to resolve: the row is ${STATE_LABELS[row.state]}.`);
  }
  const t = ctx.journal.transition(current.id, { from: ['needs-attention'], to: 'resolved', actor: who, patch: { resolvedBy: who, resolution: text } });
  if (!t.ok) return fail(t.reason === 'not-found' ? null : t.row, 'The row changed; look again.');
  ctx.notify(id);
  return { ok: true, row: t.row, message: `Resolved by ${who}.` };
}

/**
 * A sale refused for certain (e.g. 404: the card was mistyped) entered again under the right
 * member, with the manager's reason on both rows. The refused row stays as it was, retired.
 */
export async function requeueCorrected(ctx: Ctx, drainer: Drainer, id: number, input: { memberId: string; reason: string; by: string }): Promise<ActionResult> {
  const row = ctx.journal.get(id);
  if (!row) return fail(null, `There is no journal row ${id}.`);
  const text = input.reason.trim();
  const who = input.by.trim();
  if (text.length < 5) return fail(row, 'Write a reason of at least 5 characters.');
  if (who.length === 0) return fail(row, 'Say who is re-queuing it.');
  if (row.kind !== 'award' || row.posTxnId === null) return fail(row, 'Only a refused sale can be re-queued under another member.');
  if (row.state !== 'rejected') return fail(row, `Only a sale SocialHub refused can be re-queued; this one is ${STATE_LABELS[row.state]}.`);
  if (hadUnknownSend(ctx, row)) return fail(row, 'An earlier attempt of this sale had no clear answer and may have landed: check the ledger instead.');
  if (row.storeId !== ctx.storeId) return fail(row, `This sale belongs to store ${row.storeId}; re-queue it from a till of that store.`);
  let memberId: string;
  try {
    memberId = checkId('memberId', input.memberId);
  } catch (err) {
    return fail(row, err instanceof Error ? err.message : String(err));
  }
  if (memberId === row.memberId) return fail(row, `The sale was already for member ${memberId}: give the corrected member.`);
  // Keyed as the till that rang the sale up: with per-till POS ids another till's key would be a
  // different sale, and that till's own re-entry of it would then be awarded a second time.
  const intent = {
    ...awardIntent({ ...ctx, tillId: row.tillId }, {
      memberId,
      posTxnId: row.posTxnId,
      amount: row.amount,
      saleTotal: row.saleTotal ?? undefined,
      businessDate: row.businessDate ?? undefined,
    }),
    note: `Re-queued by ${who} from row ${row.id} (member ${row.memberId}): ${text}`.slice(0, 1000),
  };
  const r = await recordAndSend(ctx, drainer, intent);
  if (!r.created) return fail(row, `Sale ${row.posTxnId} has already been entered again (row ${r.row.id}).`);
  ctx.journal.addNote(row.id, { by: who, text: `Re-queued under member ${memberId} as row ${r.row.id}: ${text}`.slice(0, 2000) });
  ctx.notify(row.id);
  return { ok: true, row: r.after, message: writeOutcome(ctx, r.after).message };
}
