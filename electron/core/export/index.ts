/** ERP exports' public surface (CLI). */
export { exportRoster, ROSTER_CSV_HEADER } from './export-roster.ts';
export type { ExportResult, RosterExportOptions } from './export-roster.ts';
export { exportLedger, LEDGER_CSV_HEADER, membersPath } from './export-ledger.ts';
export type { LedgerExportOptions, LedgerExportResult } from './export-ledger.ts';
export { listAllStores } from './stores.ts';
export { ExportError, checkpointPath } from './checkpoint.ts';
export { createTokenBucket, pacedReadClient, BURST_DEFAULT, RATE_PER_SECOND_DEFAULT } from './token-bucket.ts';
export type { ReadClient, TokenBucket, TokenBucketOptions } from './token-bucket.ts';
export { formatDuration, formatProgress } from './progress.ts';
export type { ExportProgress } from './progress.ts';
export { csvCell, csvLine, parseCsv, toCsv } from './csv.ts';
export type { CsvValue } from './csv.ts';
