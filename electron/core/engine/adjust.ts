/** adjust(): a manager's manual points adjustment, exactly-once per `ref`. */
import { AMOUNT_MAX } from '../../../shared/api/schemas.ts';
import type { AdjustInput, WriteOutcome } from './types.ts';
import type { Ctx } from './context.ts';
import type { Drainer } from './drainer.ts';
import { ENGINE_INPUT_MESSAGES, engineInputError } from './errors.ts';
import { recordAndSend } from './inline.ts';
import { adjustmentIntent, checkId } from './intents.ts';
import { duplicateOutcome, writeOutcome } from './outcome.ts';

export async function adjust(ctx: Ctx, drainer: Drainer, input: AdjustInput): Promise<WriteOutcome> {
  const memberId = checkId('memberId', input.memberId);
  const reasonCode = checkId('reasonCode', input.reasonCode);
  // No ref, no adjustment: a ref minted here would make a resent form a second adjustment.
  if ((input.ref as unknown) === undefined) throw engineInputError(ENGINE_INPUT_MESSAGES.adjustRef);
  const ref = checkId('ref', input.ref);
  const { points } = input;
  if (!Number.isSafeInteger(points) || points === 0 || Math.abs(points) > AMOUNT_MAX) {
    throw engineInputError(ENGINE_INPUT_MESSAGES.adjustPoints, { max: AMOUNT_MAX });
  }
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note.length === 0 || note.length > 1000) throw engineInputError(ENGINE_INPUT_MESSAGES.adjustNote, { max: 1000 });
  const r = await recordAndSend(ctx, drainer, adjustmentIntent(ctx, { memberId, points, reasonCode, ref, note }));
  return r.created ? writeOutcome(ctx, r.after) : duplicateOutcome(ctx, r.row, r.differences);
}
