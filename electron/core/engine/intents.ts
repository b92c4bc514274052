/**
 * Journal intents for each kind of write, with the ledger marker built by
 * shared/ledger/sale-token.ts (the description *is* the marker, so it parses back exactly).
 */
import type { Intent } from '../journal/index.ts';
import { SaleTokenError, TOKEN_VALUE, formatDescription, parseDescription } from '../../../shared/ledger/sale-token.ts';
import type { SaleToken } from '../../../shared/ledger/sale-token.ts';
import { isBusinessDate } from '../../../shared/time/business-day.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import type { Ctx } from './context.ts';
import { ENGINE_INPUT_MESSAGES, EngineInputError, engineInputError, type IdField } from './errors.ts';

export function checkId(field: IdField, value: unknown): string {
  if (typeof value !== 'string' || !TOKEN_VALUE.test(value)) {
    throw engineInputError(ENGINE_INPUT_MESSAGES.badId, { field, value: String(JSON.stringify(value)) });
  }
  return value;
}

/** The business date that goes into keys and markers, or undefined for `forever` scope. */
export function scopeDate(ctx: Ctx, given: string | undefined): string | undefined {
  if (ctx.txnIdScope === 'forever') return undefined;
  if (given === undefined) return ctx.businessDate();
  if (!isBusinessDate(given)) throw engineInputError(ENGINE_INPUT_MESSAGES.badBusinessDate, { value: JSON.stringify(given) });
  return given;
}

function describe(token: SaleToken): string {
  try {
    return formatDescription(token);
  } catch (err) {
    if (err instanceof SaleTokenError) throw new EngineInputError(err.message);
    throw err;
  }
}

/** The marker to look for in the ledger, or null for rows that write no ledger entry (redeems). */
export function ledgerToken(row: Pick<JournalRow, 'kind' | 'description'>): SaleToken | null {
  return row.kind === 'redeem' ? null : parseDescription(row.description);
}

export function awardIntent(
  ctx: Ctx,
  a: { memberId: string; posTxnId: string; amount: number; saleTotal?: number | undefined; businessDate?: string | undefined },
): Intent {
  const description = describe({
    kind: 'purchase',
    storeId: ctx.storeId,
    tillId: ctx.tillId,
    ...(a.businessDate !== undefined && { businessDate: a.businessDate }),
    posTxnId: a.posTxnId,
  });
  return {
    kind: 'award',
    storeId: ctx.storeId,
    tillId: ctx.tillId,
    memberId: a.memberId,
    posTxnId: a.posTxnId,
    amount: a.amount,
    description,
    token: description,
    ...(a.businessDate !== undefined && { businessDate: a.businessDate }),
    ...(a.saleTotal !== undefined && { saleTotal: a.saleTotal }),
  };
}

export function clawbackIntent(
  ctx: Ctx,
  award: JournalRow,
  c: { returnId: string; points: number; returnTotal?: number | undefined },
): Intent {
  const posTxnId = award.posTxnId ?? '';
  const businessDate = award.businessDate ?? undefined;
  const description = describe({
    kind: 'return',
    storeId: ctx.storeId,
    tillId: ctx.tillId,
    ...(businessDate !== undefined && { businessDate }),
    posTxnId,
    returnId: c.returnId,
  });
  return {
    kind: 'clawback',
    storeId: ctx.storeId,
    tillId: ctx.tillId,
    memberId: award.memberId,
    posTxnId,
    returnId: c.returnId,
    amount: -c.points,
    parentId: award.id,
    description,
    token: description,
    ...(businessDate !== undefined && { businessDate }),
    ...(award.saleTotal !== null && { saleTotal: award.saleTotal }),
    ...(c.returnTotal !== undefined && { returnTotal: c.returnTotal }),
  };
}

export function adjustmentIntent(ctx: Ctx, a: { memberId: string; points: number; reasonCode: string; ref: string; note: string }): Intent {
  const description = describe({ kind: 'adjustment', storeId: ctx.storeId, tillId: ctx.tillId, adjustmentRef: a.ref, reasonCode: a.reasonCode });
  return {
    kind: 'adjustment',
    storeId: ctx.storeId,
    tillId: ctx.tillId,
    memberId: a.memberId,
    ref: a.ref,
    amount: a.points,
    description,
    token: description,
    note: a.note,
  };
}

export function redeemIntent(
  ctx: Ctx,
  r: { couponId: string; memberId: string; linkedPosTxnId?: string | undefined; parentId?: number | undefined; businessDate?: string | undefined },
): Intent {
  // Not a ledger marker (a redeem writes no ledger entry): only the journal's unique token.
  const description = `Coupon redeem · store ${ctx.storeId} · till ${ctx.tillId} · coupon ${r.couponId}`;
  return {
    kind: 'redeem',
    storeId: ctx.storeId,
    tillId: ctx.tillId,
    memberId: r.memberId,
    couponId: r.couponId,
    description,
    token: description,
    ...(r.linkedPosTxnId !== undefined && { linkedPosTxnId: r.linkedPosTxnId }),
    ...(r.parentId !== undefined && { parentId: r.parentId }),
    ...(r.businessDate !== undefined && { businessDate: r.businessDate }),
  };
}
