/** A sale as the returns screen sees it: its award, what was taken back, and linked coupons. */
import { buildDedupKey } from '../../../shared/journal/dedup-key.ts';
import type { JournalPage, JournalRow } from '../../../shared/journal/row.ts';
import { STATE_LABELS } from '../../../shared/journal/states.ts';
import type { SaleAward, SaleSummary } from './types.ts';
import { REASON_CODES } from './constants.ts';
import type { Ctx } from './context.ts';
import { checkId, scopeDate } from './intents.ts';
import { OUTCOME_MESSAGES } from './outcome.ts';
import { localize } from '../../../shared/i18n/translator.ts';

export function awardKey(ctx: Ctx, posTxnId: string, businessDate: string | undefined): string {
  return buildDedupKey({ kind: 'award', storeId: ctx.storeId, posTxnId, businessDate });
}

export function findAward(ctx: Ctx, posTxnId: string, businessDate: string | undefined): JournalRow | undefined {
  return ctx.journal.getByDedupKey(awardKey(ctx, posTxnId, businessDate));
}

/** Coupon redeems that may have given a discount on this sale (linked by POS txn or by parent). */
export function redemptionsFor(ctx: Ctx, posTxnId: string, businessDate: string | undefined, award: JournalRow | undefined): JournalRow[] {
  const byId = new Map<number, JournalRow>();
  // `search` is a prefix match ("7" also finds "70…"): page through and keep exact links only.
  // A coupon is redeemed while its sale is open, so a day before the award bounds the walk.
  const from = award ? Math.max(0, award.createdAt - 86_400_000) : undefined;
  let before: JournalPage['next'] = null;
  for (let page = 0; page < 50; page++) {
    const p = ctx.journal.query({ kinds: ['redeem'], search: posTxnId, limit: 200, ...(from !== undefined && { from }), ...(before && { before }) });
    for (const r of p.rows) {
      if (r.linkedPosTxnId === posTxnId && (businessDate === undefined || r.businessDate === null || r.businessDate === businessDate)) byId.set(r.id, r);
    }
    if (!p.next) break;
    before = p.next;
  }
  if (award) for (const r of ctx.journal.children(award.id)) if (r.kind === 'redeem') byId.set(r.id, r);
  // Refused or never-sent redeems gave nothing away.
  return [...byId.values()]
    .filter((r) => r.state !== 'rejected' && r.state !== 'resolved' && r.state !== 'queued' && r.reasonCode !== REASON_CODES.redeemNotSent)
    .sort((a, b) => a.id - b.id);
}

/**
 * True if the sale's points are on the member's account: confirmed, or a duplicate a manager
 * resolved (at least one copy landed; the extra one is corrected by its own adjustment).
 */
export function awardStands(award: JournalRow): boolean {
  return award.state === 'confirmed' || (award.state === 'resolved' && award.reasonCode === REASON_CODES.duplicateOnLedger);
}

/**
 * The award under the sale's key and its clawbacks: a unique-key read and a parent-index read,
 * whatever the journal's size (the coupon walk of {@link saleSummary} pages through redeems).
 */
export function saleAward(ctx: Ctx, posTxnIdInput: string, businessDateInput?: string): SaleAward {
  const key = awardKey(ctx, checkId('posTxnId', posTxnIdInput), scopeDate(ctx, businessDateInput));
  const award = ctx.journal.getByDedupKey(key);
  if (!award) return { award: null, clawedBack: 0, pendingClawback: 0, clawbacks: [], awardKey: key };
  const s = ctx.journal.clawbackSummary(award.id);
  return {
    awardKey: key,
    award,
    clawedBack: s?.confirmed ?? 0,
    pendingClawback: s?.pending ?? 0,
    clawbacks: ctx.journal.children(award.id).filter((r) => r.kind === 'clawback'),
  };
}

export function saleSummary(ctx: Ctx, posTxnIdInput: string, businessDateInput?: string): SaleSummary {
  const posTxnId = checkId('posTxnId', posTxnIdInput);
  const businessDate = scopeDate(ctx, businessDateInput);
  const award = findAward(ctx, posTxnId, businessDate);
  const redemptions = redemptionsFor(ctx, posTxnId, businessDate, award);
  if (!award) {
    return {
      found: false,
      posTxnId,
      award: null,
      awarded: 0,
      clawedBack: 0,
      pendingClawback: 0,
      reversible: 0,
      saleTotalMinor: null,
      clawbacks: [],
      redemptions,
      blocker: `Sale ${posTxnId}${businessDate ? ` of ${businessDate}` : ''} is not in this till's journal: points can only be taken back for sales this till awarded.`,
      blockerLocalized: localize(OUTCOME_MESSAGES.saleNotFound, { sale: posTxnId }),
    };
  }
  const s = ctx.journal.clawbackSummary(award.id) ?? { awarded: award.amount, confirmed: 0, pending: 0, remaining: award.amount };
  const confirmed = awardStands(award);
  const reversible = confirmed ? Math.max(0, s.remaining) : 0;
  const blocker = !confirmed
    ? `The points for sale ${posTxnId} are not confirmed (${STATE_LABELS[award.state]}), so nothing can be taken back yet.`
    : reversible === 0
      ? `All ${award.amount.toLocaleString('en-US')} points of sale ${posTxnId} have already been taken back${s.pending > 0 ? ' (some still being sent)' : ''}.`
      : null;
  // The same reason for people, in the till's language (the English stays for the CLI and logs).
  const blockerLocalized = !confirmed ? localize(OUTCOME_MESSAGES.notConfirmed, { sale: posTxnId }) : reversible === 0 ? localize(OUTCOME_MESSAGES.nothingLeft, { sale: posTxnId }) : null;
  return {
    found: true,
    posTxnId,
    award,
    awarded: confirmed ? award.amount : 0,
    clawedBack: s.confirmed,
    pendingClawback: s.pending,
    reversible,
    saleTotalMinor: award.saleTotal,
    clawbacks: ctx.journal.children(award.id).filter((r) => r.kind === 'clawback'),
    redemptions,
    blocker,
    blockerLocalized,
  };
}
