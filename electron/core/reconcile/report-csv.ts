/** The reconcile report as one CSV: a row per item, the category in the first column. */
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import { toCsv } from '../export/csv.ts';
import type { CsvValue } from '../export/csv.ts';

export const RECONCILE_CSV_HEADER = [
  'category',
  'member_id',
  'journal_id',
  'amount',
  'extra_points',
  'server_txn_ids',
  'at',
  'token',
  'description',
] as const;

export function reconcileCsv(report: ReconcileReport): string {
  const rows: CsvValue[][] = [];
  const add = (category: string, item: ReconcileReport['matched'][number], extra: number | null): void => {
    rows.push([
      category,
      item.memberId,
      item.journalId,
      item.amount,
      extra,
      item.serverTxnIds.join(' '),
      item.at === null ? null : new Date(item.at).toISOString(),
      item.token,
      item.description,
    ]);
  };
  for (const i of report.matched) add('matched', i, null);
  for (const i of report.missingOnServer) add('missing_on_server', i, null);
  for (const i of report.duplicatedOnServer) add('duplicated_on_server', i, i.extraPoints);
  for (const i of report.unexpectedOnServer) add('unexpected_on_server', i, null);
  return toCsv(RECONCILE_CSV_HEADER, rows);
}

export function reconcileCsvFilename(date: string): string {
  return `reconcile-${date}.csv`;
}
