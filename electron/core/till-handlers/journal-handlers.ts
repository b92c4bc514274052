/**
 * Status strip and journal reads: `status:get` and `journal:detail` (only rows this screen's
 * writes produced) for the cashier; any row in full, the filtered list and CSV export for the
 * manager. The manager's verify / resend / resolve live in
 * engine-handlers.ts (they go through the engine, which owns every state move).
 */
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { TillStatus } from '../../../shared/ipc/schemas/till.ts';
import type { JournalStats } from '../../../shared/journal/row.ts';
import { UNFINISHED_STATES } from '../../../shared/journal/states.ts';
import { SETUP_INCOMPLETE } from '../app/engine-slot.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { TillHandlerDeps } from './context.ts';
import { exportJournal } from './journal-export.ts';
import { cashierRowDetail, rowDetail } from './row-detail.ts';

export const EMPTY_STATS: JournalStats = {
  counts: Object.fromEntries(UNFINISHED_STATES.map((s) => [s, 0])) as JournalStats['counts'],
  unfinished: 0,
  oldestUnfinishedAt: null,
};


export function tillStatus(deps: Pick<TillHandlerDeps, 'settings' | 'journal' | 'onlineStatus' | 'engineRefusal' | 'today'>): TillStatus {
  const s = deps.settings.get();
  let queue = EMPTY_STATS;
  const journal = deps.journal.current();
  if (journal !== null) {
    try {
      queue = deps.journal.use((j) => j.stats());
    } catch {
      // The slot now holds the reason; it is reported as writesStopped below.
    }
  }
  const c = deps.onlineStatus.state();
  return {
    mode: s.mode,
    online: c.online,
    onlineSince: c.since,
    detail: c.detail,
    queue,
    storeId: s.storeId ?? '',
    tillId: s.tillId ?? '',
    writesStopped: deps.journal.stopped() ?? (s.storeId === null || s.tillId === null ? SETUP_INCOMPLETE : (deps.engineRefusal?.() ?? null)),
    businessDate: deps.today().date,
  };
}

export function registerJournalHandlers(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  registry.handle('statusGet', () => tillStatus(deps));
  registry.handle('journalDetail', ({ id }) => {
    deps.screenRows.require(id); // before the lookup, so "not yours" and "no such row" answer alike
    return deps.journal.use((j) => cashierRowDetail(j, id));
  });
  registry.handle('journalRow', ({ id }) => deps.journal.use((j) => rowDetail(j, id)));

  registry.handle('journalList', ({ filter, limit, before }) =>
    deps.journal.use((j) => {
      const page = j.query({ ...filter, limit, ...(before === undefined ? {} : { before }) });
      return { rows: page.rows, next: page.next, total: j.count(filter) };
    }),
  );
  registry.handle('journalExport', ({ filter }) => deps.journal.useAsync((j) => exportJournal(j, filter, deps.now(), deps.settings.get().currency)));
}
