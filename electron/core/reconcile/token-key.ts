/**
 * Canonical identity of a ledger marker. Journal rows and ledger entries are matched by the
 * *parsed* marker (shared/ledger/sale-token.ts), never by substring, so `txn 9087` never matches
 * `txn 90871` and a return never matches its sale.
 */
import { buildDedupKey } from '../../../shared/journal/dedup-key.ts';
import { formatDescription, parseDescription, writeKey } from '../../../shared/ledger/sale-token.ts';
import type { SaleToken } from '../../../shared/ledger/sale-token.ts';

/** The marker re-formatted from its parsed fields: equal keys ⇔ equal tokens. Null if none. */
export function tokenKey(description: string): string | null {
  const token = parseDescription(description);
  return token === null ? null : canonical(token);
}

export function canonical(token: SaleToken): string {
  return formatDescription(token);
}

/** What a marker is matched on: store + (day) + txn, and the till only when ids are per till (sale-token.ts). */
export function matchKey(description: string, perTill: boolean): string | null {
  const token = parseDescription(description);
  return token === null ? null : writeKey(token, perTill);
}

/** The journal dedup key a marker was written under, so an entry can be traced to its row. */
export function dedupKeysFor(token: SaleToken, perTill = false): string[] {
  const till = perTill ? token.tillId : undefined;
  try {
    switch (token.kind) {
      case 'purchase':
        return [buildDedupKey({ kind: 'award', storeId: token.storeId, posTxnId: token.posTxnId ?? '', businessDate: token.businessDate, perTill: till })];
      case 'return':
        return [
          buildDedupKey({
            kind: 'clawback',
            storeId: token.storeId,
            posTxnId: token.posTxnId ?? '',
            returnId: token.returnId ?? '',
            businessDate: token.businessDate,
            perTill: till,
          }),
        ];
      case 'adjustment':
        return [buildDedupKey({ kind: 'adjustment', storeId: token.storeId, tillId: token.tillId, ref: token.adjustmentRef ?? '' })];
    }
  } catch {
    // A marker whose parts cannot form a key was not written by a journal row.
    return [];
  }
}
