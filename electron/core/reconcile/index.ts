/** Reconciliation's public surface (CLI, manager-console IPC handlers). */
export { reconcileDay, RECONCILE_MARGIN_MS_DEFAULT } from './reconcile.ts';
export type { ReconcileJournal, ReconcileOptions, ReconcileProgress } from './reconcile.ts';
export { classify } from './classify.ts';
export type { ClassifyInput } from './classify.ts';
export { dayWindow, todayIn, DayWindowError } from '../../../shared/time/business-day.ts';
export type { DayWindow } from '../../../shared/time/business-day.ts';
export { reconcileCsv, reconcileCsvFilename, RECONCILE_CSV_HEADER } from './report-csv.ts';
export { tokenKey } from './token-key.ts';
