/**
 * The manager's journal export: the rows of the current filter as CSV, newest first. Built page
 * by page (keyset pagination, 200 rows a page) into a chunked builder, yielding to the event loop
 * between pages so a 100k-row export never freezes the till; capped at EXPORT_MAX_ROWS, and the
 * file name says so when the cap cut it short.
 */
import type { JournalFilter, JournalRow } from '../../../shared/journal/row.ts';
import { JOURNAL_PAGE_MAX } from '../../../shared/journal/row.ts';
import { formatMoneyMachine } from '../../../shared/money.ts';
import type { Journal } from '../journal/index.ts';
import { CsvBuilder, exportFilename, isoOrEmpty } from './csv.ts';

export const EXPORT_MAX_ROWS = 100_000;
const PAGES_PER_YIELD = 2;

const HEADER = [
  'id', 'created_at', 'kind', 'state', 'store_id', 'till_id', 'pos_txn_id', 'return_id', 'business_date', 'coupon_id', 'ref',
  'member_id', 'points', 'sale_total', 'return_total', 'linked_pos_txn_id', 'parent_id', 'server_txn_id', 'balance_after',
  'attempts', 'verifications', 'finished_at', 'last_error', 'reason_code', 'note', 'resolved_by', 'resolution', 'description',
] as const;

/**
 * Money cells in the machine form of the store's currency ("19.99", "1980" yen, "12.345" dinars:
 * dot decimal, never localized); empty when absent. Journal rows keep minor units of the store's currency.
 */
const moneyCell = (minor: number | null, currency: string): string => (minor === null ? '' : formatMoneyMachine(minor, currency));

function cells(r: JournalRow, currency: string): (string | number | null)[] {
  return [
    r.id, isoOrEmpty(r.createdAt), r.kind, r.state, r.storeId, r.tillId, r.posTxnId, r.returnId, r.businessDate, r.couponId, r.ref,
    r.memberId, r.amount, moneyCell(r.saleTotal, currency), moneyCell(r.returnTotal, currency), r.linkedPosTxnId, r.parentId, r.serverTxnId, r.balance,
    r.attemptCount, r.verifyCount, isoOrEmpty(r.finishedAt), r.lastError, r.reasonCode, r.note, r.resolvedBy, r.resolution, r.description,
  ];
}

const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function exportJournal(journal: Journal, filter: JournalFilter, now: number, currency: string, maxRows = EXPORT_MAX_ROWS): Promise<{ filename: string; csv: string; rows: number }> {
  const csv = new CsvBuilder(HEADER);
  let before: { createdAt: number; id: number } | undefined;
  let pages = 0;
  let truncated = false;
  for (;;) {
    const limit = Math.min(JOURNAL_PAGE_MAX, maxRows - csv.rows);
    if (limit <= 0) {
      truncated = journal.query({ ...filter, limit: 1, ...(before === undefined ? {} : { before }) }).rows.length > 0;
      break;
    }
    const page = journal.query({ ...filter, limit, ...(before === undefined ? {} : { before }) });
    for (const row of page.rows) csv.row(cells(row, currency));
    if (page.next === null) break;
    before = page.next;
    if (++pages % PAGES_PER_YIELD === 0) await pause();
  }
  return { filename: exportFilename('journal', now, truncated ? `-newest-${maxRows}` : ''), csv: csv.toString(), rows: csv.rows };
}
