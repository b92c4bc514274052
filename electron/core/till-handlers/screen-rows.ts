/**
 * The journal rows the cashier's own screen produced in this session (its awards, returns and
 * redeems). `journal:detail` is a cashier channel and row ids are sequential, so without this a
 * locked till could page through every row, manager adjustments included. Kept in main, in
 * memory: after a restart there is no outcome on screen left to follow.
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';

export interface ScreenRows {
  /** Note the row a cashier write answered with (null: the write made none). */
  add(row: { readonly id: number } | null): void;
  /** Throws NOT_FOUND (the same answer as a missing row: no probing) unless this screen produced the row. */
  require(id: number): void;
}

/** A shift's worth of writes; oldest forgotten first so a long-running till cannot grow it without end. */
const MAX_ROWS = 10_000;

export function createScreenRows(): ScreenRows {
  const ids = new Set<number>();
  return {
    add(row) {
      if (row === null) return;
      ids.delete(row.id);
      ids.add(row.id);
      if (ids.size > MAX_ROWS) {
        const oldest = ids.values().next();
        if (oldest.done !== true) ids.delete(oldest.value);
      }
    },
    require(id) {
      if (!ids.has(id)) {
        throw new IpcError('NOT_FOUND', `Journal entry ${id} was not made on this screen; a manager can open it in the manager console.`);
      }
    },
  };
}
