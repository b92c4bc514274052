/** adjust(): a manager's manual points adjustment, exactly-once per `ref`. */
import { randomUUID } from 'node:crypto';
import { AMOUNT_MAX } from '../../../shared/api/schemas.ts';
import type { AdjustInput, WriteOutcome } from './types.ts';
import type { Ctx } from './context.ts';
import type { Drainer } from './drainer.ts';
import { EngineInputError } from './errors.ts';
import { recordAndSend } from './inline.ts';
import { adjustmentIntent, checkId } from './intents.ts';
import { duplicateOutcome, writeOutcome } from './outcome.ts';

export async function adjust(ctx: Ctx, drainer: Drainer, input: AdjustInput): Promise<WriteOutcome> {
  const memberId = checkId('member id', input.memberId);
  const reasonCode = checkId('reason code', input.reasonCode);
  const ref = input.ref === undefined ? `adj-${randomUUID()}` : checkId('adjustment reference', input.ref);
  const { points } = input;
  if (!Number.isSafeInteger(points) || points === 0 || Math.abs(points) > AMOUNT_MAX) {
    throw new EngineInputError(`An adjustment must be a whole number of points, not zero, at most ${AMOUNT_MAX.toLocaleString('en-US')} either way.`);
  }
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note.length === 0 || note.length > 1000) throw new EngineInputError('Write a note (up to 1000 characters) saying why.');
  const r = await recordAndSend(ctx, drainer, adjustmentIntent(ctx, { memberId, points, reasonCode, ref, note }));
  return r.created ? writeOutcome(ctx, r.after) : duplicateOutcome(ctx, r.row, r.differences);
}
