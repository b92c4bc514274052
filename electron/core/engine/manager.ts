/** Manager actions on one journal row: verify now, resend (only where proven safe), resolve. */
import type { JournalRow } from '../../../shared/journal/row.ts';
import { STATE_LABELS } from '../../../shared/journal/states.ts';
import type { ActionResult } from './api.ts';
import { REASON_CODES } from './constants.ts';
import type { Ctx } from './context.ts';
import { inlineSlot, sendInline } from './inline.ts';
import { releaseIfHeld, step } from './step.ts';
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
