/** award(): record the sale's points under its dedup key, then one inline send. */
import { previewPoints } from '../../../shared/earn/earn-rule.ts';
import { AMOUNT_MAX } from '../../../shared/api/schemas.ts';
import { DEFAULT_CURRENCY, formatMoneyMachine } from '../../../shared/money.ts';
import type { AwardInput, WriteOutcome } from './types.ts';
import type { Ctx } from './context.ts';
import type { Drainer } from './drainer.ts';
import { EngineInputError } from './errors.ts';
import { recordAndSend } from './inline.ts';
import { awardIntent, checkId, scopeDate } from './intents.ts';
import { duplicateOutcome, writeOutcome } from './outcome.ts';

export function checkMinor(what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new EngineInputError(`The ${what} must be a whole number of minor units (cents), 0 or more.`);
  }
  return value;
}

function awardPoints(ctx: Ctx, input: AwardInput): number {
  if (input.points !== undefined) {
    if (!Number.isSafeInteger(input.points) || input.points < 1 || input.points > AMOUNT_MAX) {
      throw new EngineInputError(`Points must be a whole number from 1 to ${AMOUNT_MAX.toLocaleString('en-US')}.`);
    }
    return input.points;
  }
  if (input.saleTotalMinor === undefined || !ctx.earnRule) {
    throw new EngineInputError('Give the points to award (or a sale total, when the till has an earning rule).');
  }
  // The minor units are the store's currency: read as dollars, 1980 yen would be 19.80.
  const currency = input.currency ?? DEFAULT_CURRENCY;
  const preview = previewPoints({ saleTotal: formatMoneyMachine(checkMinor('sale total', input.saleTotalMinor), currency), currency, rule: ctx.earnRule });
  if (!preview.ok) throw new EngineInputError(preview.message);
  if (preview.points < 1) throw new EngineInputError('This sale earns no points, so there is nothing to award.');
  return preview.points;
}

export async function award(ctx: Ctx, drainer: Drainer, input: AwardInput): Promise<WriteOutcome> {
  const memberId = checkId('member id', input.memberId);
  const posTxnId = checkId('POS transaction id', input.posTxnId);
  const amount = awardPoints(ctx, input);
  const saleTotal = input.saleTotalMinor === undefined ? undefined : checkMinor('sale total', input.saleTotalMinor);
  const businessDate = scopeDate(ctx, input.businessDate);
  const intent = awardIntent(ctx, { memberId, posTxnId, amount, saleTotal, businessDate });
  const r = await recordAndSend(ctx, drainer, intent, input.posSaleId === undefined ? {} : { whilePosSaleOpen: input.posSaleId });
  return r.created ? writeOutcome(ctx, r.after) : duplicateOutcome(ctx, r.row, r.differences);
}
