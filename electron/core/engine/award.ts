/** award(): record the sale's points under its dedup key, then one inline send. */
import { previewPoints } from '../../../shared/earn/earn-rule.ts';
import { AMOUNT_MAX } from '../../../shared/api/schemas.ts';
import { DEFAULT_CURRENCY, formatMoneyMachine } from '../../../shared/money.ts';
import type { AwardInput, WriteOutcome } from './types.ts';
import type { Ctx } from './context.ts';
import type { Drainer } from './drainer.ts';
import { ENGINE_INPUT_MESSAGES, EngineInputError, engineInputError } from './errors.ts';
import { localize } from '../../../shared/i18n/translator.ts';
import { recordAndSend } from './inline.ts';
import { awardIntent, checkId, scopeDate } from './intents.ts';
import { duplicateOutcome, writeOutcome } from './outcome.ts';

export function checkMinor(field: 'saleTotal' | 'returnedAmount', value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw engineInputError(ENGINE_INPUT_MESSAGES.minorUnits, { field });
  }
  return value;
}

function awardPoints(ctx: Ctx, input: AwardInput): number {
  if (input.points !== undefined) {
    if (!Number.isSafeInteger(input.points) || input.points < 1 || input.points > AMOUNT_MAX) {
      throw engineInputError(ENGINE_INPUT_MESSAGES.awardPoints, { max: AMOUNT_MAX });
    }
    return input.points;
  }
  if (input.saleTotalMinor === undefined || !ctx.earnRule) {
    throw engineInputError(ENGINE_INPUT_MESSAGES.pointsOrTotal);
  }
  // The minor units are the store's currency: read as dollars, 1980 yen would be 19.80.
  const currency = input.currency ?? DEFAULT_CURRENCY;
  const preview = previewPoints({ saleTotal: formatMoneyMachine(checkMinor('saleTotal', input.saleTotalMinor), currency), currency, rule: ctx.earnRule });
  // The rule's own reason stays in the English message (logs, CLI); people get the one sentence.
  if (!preview.ok) throw new EngineInputError(preview.message, localize(ENGINE_INPUT_MESSAGES.saleUnusable));
  if (preview.points < 1) throw engineInputError(ENGINE_INPUT_MESSAGES.earnsNothing);
  return preview.points;
}

export async function award(ctx: Ctx, drainer: Drainer, input: AwardInput): Promise<WriteOutcome> {
  const memberId = checkId('memberId', input.memberId);
  const posTxnId = checkId('posTxnId', input.posTxnId);
  const amount = awardPoints(ctx, input);
  const saleTotal = input.saleTotalMinor === undefined ? undefined : checkMinor('saleTotal', input.saleTotalMinor);
  const businessDate = scopeDate(ctx, input.businessDate);
  const intent = awardIntent(ctx, { memberId, posTxnId, amount, saleTotal, businessDate });
  const r = await recordAndSend(ctx, drainer, intent, input.posSaleId === undefined ? {} : { whilePosSaleOpen: input.posSaleId });
  return r.created ? writeOutcome(ctx, r.after) : duplicateOutcome(ctx, r.row, r.differences);
}
