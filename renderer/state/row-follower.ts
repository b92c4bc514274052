/**
 * Follows journal rows until they settle: polls `journalDetail` (quickly while the outcome is
 * being checked, slowly while it waits in the queue) and re-reads a row at once when main says
 * it changed (`journalChanged`). One follower per app; each followed row has its own timer.
 */
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { CashierJournalRow as JournalRow } from '../../shared/journal/row.ts';
import type { CashierRowDetail } from '../../shared/ipc/schemas/till.ts';
import { call } from '../app/call.ts';
import type { Timers } from './timers.ts';

export interface FollowHandlers {
  /** Called with every fresh read of the row. Return true when nothing more is expected. */
  onRow(row: JournalRow): boolean;
  /** Polling delay after a read (or a failed read), given the row's last known state. */
  delayMs(row: JournalRow | null, reads: number): number;
}

export interface RowFollower {
  follow(rowId: number, handlers: FollowHandlers): () => void;
  /** Feed `journalChanged` ids: rows followed here are re-read now. */
  changed(ids: readonly string[]): void;
  following(): number[];
  stopAll(): void;
}

interface Entry {
  handlers: FollowHandlers;
  timer: unknown;
  reads: number;
  last: JournalRow | null;
  inFlight: boolean;
  again: boolean;
  stopped: boolean;
}

export function createRowFollower(bridge: Pick<TillBridge, 'journalDetail'>, timers: Timers): RowFollower {
  const entries = new Map<number, Entry>();

  const schedule = (rowId: number, entry: Entry): void => {
    if (entry.stopped) return;
    timers.clearTimeout(entry.timer);
    entry.timer = timers.setTimeout(() => void read(rowId, entry), entry.handlers.delayMs(entry.last, entry.reads));
  };

  const read = async (rowId: number, entry: Entry): Promise<void> => {
    if (entry.stopped) return;
    if (entry.inFlight) {
      entry.again = true;
      return;
    }
    entry.inFlight = true;
    timers.clearTimeout(entry.timer);
    const result = await call<CashierRowDetail>(() => bridge.journalDetail({ id: rowId }));
    entry.inFlight = false;
    if (entry.stopped) return;
    entry.reads += 1;
    if (result.ok) {
      entry.last = result.value.row;
      if (entry.handlers.onRow(result.value.row)) {
        stop(rowId, entry);
        return;
      }
    }
    if (entry.again) {
      entry.again = false;
      void read(rowId, entry);
      return;
    }
    schedule(rowId, entry);
  };

  const stop = (rowId: number, entry: Entry): void => {
    entry.stopped = true;
    timers.clearTimeout(entry.timer);
    if (entries.get(rowId) === entry) entries.delete(rowId);
  };

  return {
    follow(rowId, handlers) {
      const previous = entries.get(rowId);
      if (previous !== undefined) stop(rowId, previous);
      const entry: Entry = { handlers, timer: undefined, reads: 0, last: null, inFlight: false, again: false, stopped: false };
      entries.set(rowId, entry);
      schedule(rowId, entry);
      return () => stop(rowId, entry);
    },
    changed(ids) {
      for (const id of ids) {
        const rowId = Number(id);
        const entry = entries.get(rowId);
        if (entry !== undefined) void read(rowId, entry);
      }
    },
    following: () => [...entries.keys()],
    stopAll() {
      for (const [rowId, entry] of [...entries]) stop(rowId, entry);
    },
  };
}

/** Quick while checking (1.5 s growing to 10 s), slow while queued or waiting for a manager. */
export function outcomeDelayMs(row: JournalRow | null, reads: number): number {
  const checking = row === null || row.state === 'unknown' || row.state === 'verifying' || row.state === 'sending';
  if (!checking) return 15_000;
  return Math.min(10_000, Math.round(1_500 * 1.5 ** Math.min(reads, 8)));
}
