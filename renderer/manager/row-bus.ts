/**
 * The manager's own writes (resolve, requeue, adjustment…) change journal rows: the store that made
 * the change announces the fresh row here, and the lists showing it patch it in place at once.
 */
import type { Envelope } from '../../shared/ipc/envelope.ts';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { JournalRow } from '../../shared/journal/row.ts';

export interface RowBus {
  changed(row: JournalRow): void;
  subscribe(listener: (row: JournalRow) => void): () => void;
}

export function createRowBus(): RowBus {
  const listeners = new Set<(row: JournalRow) => void>();
  return {
    changed(row) {
      for (const l of [...listeners]) l(row);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

type Channel = Exclude<keyof TillBridge, 'on'>;

/** What a bridge channel answers when it succeeds (the `T` to give `call<T>()`). */
export type Answer<M extends Channel> = TillBridge[M] extends (...args: never[]) => Promise<Envelope<infer T>> ? T : never;
