/**
 * The journal as the rest of the app holds it: opened once at start, and when it cannot be used
 * (corrupt, unreadable, too new, disk full — at start or mid-run) writes stop with the journal's
 * own sentence, while the card, settings and manager console keep working.
 */
import { TillError } from '../till-error.ts';
import { JournalBusyError, JournalKeyingError, JournalUnavailableError, openJournal } from '../journal/index.ts';
import type { Journal } from '../journal/index.ts';

export interface JournalSlot {
  /** The open journal, or an TillError JOURNAL_UNAVAILABLE carrying the reason. */
  journal(): Journal;
  /** The open journal, or null. */
  current(): Journal | null;
  /** Why writes are stopped, or null. */
  stopped(): string | null;
  /** Runs `fn` against the journal, mapping the journal's refusals to typed IPC errors. */
  use<T>(fn: (journal: Journal) => T): T;
  /** `use` for work that awaits between journal calls (exports). */
  useAsync<T>(fn: (journal: Journal) => Promise<T>): Promise<T>;
  /** The typed IPC error for a journal error thrown elsewhere (e.g. inside the engine); others pass through. */
  mapError(e: unknown): unknown;
  close(): void;
}

export function openJournalSlot(options: { path: string; now: () => number }): JournalSlot {
  let journal: Journal | null = null;
  let stopped: string | null = null;
  try {
    journal = openJournal({ path: options.path, now: options.now });
  } catch (e) {
    stopped = e instanceof JournalUnavailableError ? e.message : `The journal could not be opened (${e instanceof Error ? e.message : String(e)}). Writes are stopped.`;
  }

  function get(): Journal {
    if (journal === null || stopped !== null) throw new TillError('JOURNAL_UNAVAILABLE', stopped ?? 'The journal is not open. Writes are stopped.');
    return journal;
  }

  function mapped(e: unknown): unknown {
    if (e instanceof JournalUnavailableError) {
      stopped ??= e.message; // found broken mid-run: every later write refuses too
      return new TillError('JOURNAL_UNAVAILABLE', e.message);
    }
    if (e instanceof JournalKeyingError) return new TillError('JOURNAL_UNAVAILABLE', e.message);
    if (e instanceof JournalBusyError) return new TillError('JOURNAL_UNAVAILABLE', 'The journal is busy (another program is writing to it). Nothing was changed; try again.');
    return e;
  }

  return {
    journal: get,
    mapError: mapped,
    current: () => (stopped === null ? journal : null),
    stopped: () => stopped,
    use(fn) {
      const j = get();
      try {
        return fn(j);
      } catch (e) {
        throw mapped(e);
      }
    },
    async useAsync(fn) {
      const j = get();
      try {
        return await fn(j);
      } catch (e) {
        throw mapped(e);
      }
    },
    close() {
      journal?.close();
      journal = null;
      stopped ??= 'The till is shutting down.';
    },
  };
}
