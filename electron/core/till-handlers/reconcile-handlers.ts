/**
 * End-of-day reconciliation for the manager console: the day's confirmed writes against the
 * SocialHub ledger, read with the read-only key, with progress events while it runs. The export
 * is the CSV of the last report for that date when it is recent, else of a fresh run.
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import { reconcileCsv, reconcileCsvFilename, reconcileDay } from '../reconcile/index.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import { apiFailureError } from './api-errors.ts';
import type { TillHandlerDeps } from './context.ts';
import { PaginationError } from '../api/index.ts';

/** How long a report stays good enough to export without running it again. */
export const REPORT_REUSE_MS = 10 * 60_000;

export function registerReconcileHandlers(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  const last = new Map<string, ReconcileReport>();

  async function run(date: string): Promise<ReconcileReport> {
    const { storeId, tillId } = deps.settings.get();
    if (storeId === null || tillId === null) throw new IpcError('INVALID_STATE', 'Pick the store and name this till (Settings) before reconciling.');
    const client = await deps.clients.managerReader(); // READ_KEY_MISSING without the read-only key
    try {
      const report = await deps.journal.useAsync((journal) =>
        reconcileDay({
          journal,
          client,
          date,
          storeId,
          tillId,
          idsPerTill: journal.keying()?.idsUniquePer === 'till',
          ...(journal.keying()?.timeZone !== undefined && { timeZone: journal.keying()?.timeZone }),
          // The day the manager picked is a business day: the same rule the awards were keyed by.
          dayStart: journal.keying()?.dayStart ?? deps.settings.get().businessDayStartsAt,
          now: deps.now, onProgress: (p) => deps.events.reconcileProgress(p) }),
      );
      last.set(date, report);
      return report;
    } catch (e) {
      if (e instanceof PaginationError) throw apiFailureError(e.failure);
      throw e;
    }
  }

  registry.handle('reconcileRun', ({ date }) => run(date));
  registry.handle('reconcileExport', async ({ date }) => {
    const cached = last.get(date);
    const report = cached !== undefined && deps.now() - cached.generatedAt <= REPORT_REUSE_MS ? cached : await run(date);
    const rows = report.matched.length + report.missingOnServer.length + report.duplicatedOnServer.length + report.unexpectedOnServer.length;
    return { filename: reconcileCsvFilename(date), csv: reconcileCsv(report), rows };
  });
}
