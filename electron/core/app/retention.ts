/**
 * Journal retention: confirmed (and rejected) rows older than the manager's window
 * (`journalRetentionDays`, default 90) are pruned a minute after start and then every few hours.
 * The journal's prune rule keeps anything unfinished, resolved or annotated, so this can only
 * ever remove finished history; a prune that fails is logged and tried again next time.
 */
import type { AppLog } from '../log/app-log.ts';
import type { PruneResult } from '../journal/index.ts';
import type { JournalSlot } from './journal-slot.ts';

export interface Retention {
  /** One prune now (also what the timer runs); null when the journal is not usable. */
  pruneOnce(): Promise<PruneResult | null>;
  stop(): void;
}

export function startRetention(options: {
  journal: JournalSlot;
  retentionDays: () => number;
  log: AppLog;
  firstDelayMs?: number;
  intervalMs?: number;
}): Retention {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function pruneOnce(): Promise<PruneResult | null> {
    const journal = options.journal.current();
    if (journal === null) return null;
    try {
      return await journal.prune({ olderThanDays: options.retentionDays() });
    } catch (e) {
      options.log.warn('Journal retention: prune failed; will try again later', { error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }

  const schedule = (ms: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      void pruneOnce().finally(() => schedule(options.intervalMs ?? 6 * 3_600_000));
    }, ms);
    // Never keeps the process (CLI, tests, app shutdown) alive on its own.
    timer.unref();
  };
  schedule(options.firstDelayMs ?? 60_000);

  return {
    pruneOnce,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
