/**
 * Test helpers: journal rows written the way the engine writes them (record → sending → POST →
 * confirmed) but driven step by step, so a test can make each reconciliation case on purpose.
 */
import type { SocialHubClient } from '../../api/index.ts';
import type { Journal } from '../../journal/index.ts';
import type { JournalRow } from '../../../../shared/journal/row.ts';
import { formatDescription } from '../../../../shared/ledger/sale-token.ts';
import type { SaleToken } from '../../../../shared/ledger/sale-token.ts';

export const OWNER = 'reconcile-test';

export function purchase(storeId: string, tillId: string, posTxnId: string): SaleToken {
  return { kind: 'purchase', storeId, tillId, posTxnId };
}

/** Records a row for `token` as the engine would (its description is its token) and leaves it queued. */
function recordQueued(journal: Journal, token: SaleToken, memberId: string, amount: number, key: { kind: 'award'; posTxnId: string } | { kind: 'adjustment'; ref: string }): JournalRow {
  const description = formatDescription(token);
  return journal.record({ ...key, storeId: token.storeId, tillId: token.tillId, memberId, amount, description, token: description }).row;
}

/** Records an award row for `token` and leaves it queued. */
export function recordAward(journal: Journal, token: SaleToken, memberId: string, amount: number): JournalRow {
  return recordQueued(journal, token, memberId, amount, { kind: 'award', posTxnId: token.posTxnId ?? '' });
}

export function recordAdjustment(journal: Journal, token: SaleToken, memberId: string, amount: number): JournalRow {
  return recordQueued(journal, token, memberId, amount, { kind: 'adjustment', ref: token.adjustmentRef ?? '' });
}

export function markSending(journal: Journal, row: JournalRow): void {
  const r = journal.transition(row.id, { from: ['queued'], to: 'sending', owner: OWNER, leaseMs: 60_000 });
  if (!r.ok) throw new Error(`could not move row ${row.id} to sending: ${r.reason}`);
}

export function markConfirmed(journal: Journal, row: JournalRow, serverTxnId?: string): JournalRow {
  const r = journal.transition(row.id, {
    from: ['sending'],
    to: 'confirmed',
    owner: OWNER,
    ...(serverTxnId !== undefined && { patch: { serverTxnId } }),
  });
  if (!r.ok) throw new Error(`could not confirm row ${row.id}: ${r.reason}`);
  return r.row;
}

/** The normal path: journal, POST, confirm. */
export async function awardVia(journal: Journal, client: Pick<SocialHubClient, 'postPoints'>, token: SaleToken, memberId: string, amount: number): Promise<JournalRow> {
  const row = recordAward(journal, token, memberId, amount);
  markSending(journal, row);
  const res = await client.postPoints(memberId, { amount, description: row.description });
  if (!res.ok) throw new Error(`award POST failed: ${res.failure.message}`);
  return markConfirmed(journal, row, res.value.transactionId);
}
