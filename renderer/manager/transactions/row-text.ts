/**
 * How a journal row reads to a manager, in the console's language: its kind and the references
 * it carries (the order a manager searches by). Shared by every list and table that shows rows.
 */
import { defineMessages } from '@formatjs/intl';
import type { JournalRow } from '../../../shared/journal/row.ts';
import type { JournalKind } from '../../../shared/journal/states.ts';
import type { Translate } from '../../state/locale-store.ts';

const KINDS = defineMessages({
  award: { id: 'manager.transactions.kind.award', defaultMessage: 'Award', description: 'Journal entry kind: points awarded for a sale' },
  clawback: { id: 'manager.transactions.kind.clawback', defaultMessage: 'Clawback', description: 'Journal entry kind: points taken back for a return' },
  redeem: { id: 'manager.transactions.kind.redeem', defaultMessage: 'Redeem', description: 'Journal entry kind: a coupon redeemed' },
  adjustment: { id: 'manager.transactions.kind.adjustment', defaultMessage: 'Adjustment', description: 'Journal entry kind: a manual point adjustment' },
});

const REFS = defineMessages({
  sale: { id: 'manager.transactions.ref.sale', defaultMessage: 'Sale {sale}', description: 'Reference of an award: the POS transaction id' },
  returnOf: { id: 'manager.transactions.ref.returnOf', defaultMessage: 'Return {ret} of {sale}', description: 'Reference of a clawback: the return id and its sale' },
  ret: { id: 'manager.transactions.ref.return', defaultMessage: 'Return {ret}', description: 'Reference of a clawback without a known sale' },
  couponSale: { id: 'manager.transactions.ref.couponSale', defaultMessage: 'Coupon {coupon} · sale {sale}', description: 'Reference of a redemption: coupon id and the sale it was used on' },
  coupon: { id: 'manager.transactions.ref.coupon', defaultMessage: 'Coupon {coupon}', description: 'Reference of a redemption: the coupon id' },
  adjustmentWhy: { id: 'manager.transactions.ref.adjustmentWhy', defaultMessage: 'Adjustment: {why}', description: 'Reference of an adjustment: its reason code or note' },
});

export function kindLabel(kind: JournalKind, t: Translate): string {
  return t(KINDS[kind]);
}

/** The references a row carries, in the order a manager searches by; "—" when it has none. */
export function rowReference(row: JournalRow, t: Translate): string {
  switch (row.kind) {
    case 'award':
      return row.posTxnId !== null ? t(REFS.sale, { sale: row.posTxnId }) : '—';
    case 'clawback':
      if (row.returnId === null) return row.posTxnId ?? '—';
      return row.posTxnId !== null ? t(REFS.returnOf, { ret: row.returnId, sale: row.posTxnId }) : t(REFS.ret, { ret: row.returnId });
    case 'redeem':
      if (row.couponId === null) return '—';
      return row.linkedPosTxnId !== null ? t(REFS.couponSale, { coupon: row.couponId, sale: row.linkedPosTxnId }) : t(REFS.coupon, { coupon: row.couponId });
    case 'adjustment': {
      const why = row.reasonCode ?? row.note;
      return why !== null && why !== '' ? t(REFS.adjustmentWhy, { why }) : t(KINDS.adjustment);
    }
  }
}
