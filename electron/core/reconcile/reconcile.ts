/**
 * End-of-day reconciliation: the journal's confirmed writes of one business day against the
 * SocialHub ledger, read with the read-only key. Used by the CLI and (over IPC) the manager
 * console; the result conforms to `reconcileReportSchema`.
 */
import type { SocialHubClient } from '../api/index.ts';
import { paginateMembers } from '../api/index.ts';
import type { PaginateOptions } from '../api/index.ts';
import type { LedgerTransaction } from '../../../shared/api/schemas.ts';
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import type { JournalQuery, JournalRow } from '../../../shared/journal/row.ts';
import type { JournalKind } from '../../../shared/journal/states.ts';
import type { SaleToken } from '../../../shared/ledger/sale-token.ts';
import { classify } from './classify.ts';
import { businessDayWindow } from '../../../shared/time/business-day.ts';
import { readLedgers } from './read-ledgers.ts';
import { dedupKeysFor } from './token-key.ts';

/** Matches `reconcileProgressSchema` (shared/ipc/schemas/till.ts). */
export interface ReconcileProgress {
  date: string;
  phase: 'journal' | 'ledger' | 'done';
  done: number;
  total: number;
  /** Null until there is a rate to extrapolate from. */
  etaMs: number | null;
}

export interface ReconcileJournal {
  query(query: JournalQuery): { rows: JournalRow[]; next: { createdAt: number; id: number } | null };
  count(filter: Omit<JournalQuery, 'limit' | 'before'>): number;
  getByDedupKey(dedupKey: string): JournalRow | undefined;
}

export interface ReconcileOptions {
  journal: ReconcileJournal;
  /** A client built with the read-only key (every call here is a GET). */
  client: Pick<SocialHubClient, 'getPoints' | 'listMembers'>;
  /** Business date, YYYY-MM-DD. */
  date: string;
  /** `local` (default), `UTC`, `+HH:MM` or an IANA zone. */
  timeZone?: string;
  /** When the business day starts (HH:MM, the journal's keying rule): the day runs from it to the next day's. Default 00:00. */
  dayStart?: string;
  /** Our marker's store and till: only their unknown entries count as unexpected. */
  storeId: string;
  tillId: string;
  /** POS ids unique per till (journal keying): otherwise another till's marker for a sale is that sale. Default false. */
  idsPerTill?: boolean;
  /**
   * Also read every roster member's ledger, to find our entries on members the journal has no
   * write for that day. One ledger read per member: expensive. Default false.
   */
  scanRoster?: boolean;
  /** Page a ledger back this far before the day start, for clock skew. Default 15 min. */
  marginMs?: number;
  /** Ledger page size, ≤ 200 (default 200). */
  pageSize?: number;
  /** Members read in parallel. Default 4. */
  concurrency?: number;
  onProgress?: (progress: ReconcileProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
  paginate?: Pick<PaginateOptions<LedgerTransaction>, 'maxRateLimitWaits' | 'defaultRetryMs' | 'maxRetryMs' | 'sleep' | 'random'>;
}

export const RECONCILE_MARGIN_MS_DEFAULT = 15 * 60_000;
const LEDGER_KINDS: JournalKind[] = ['award', 'clawback', 'adjustment'];
const JOURNAL_PAGE = 200;

export async function reconcileDay(options: ReconcileOptions): Promise<ReconcileReport> {
  const now = options.now ?? Date.now;
  const window = businessDayWindow(options.date, options.dayStart ?? '00:00', options.timeZone);
  const progress = progressReporter(options.date, options.onProgress, now);

  // --- journal: the day's ledger writes (redeems have no ledger entry); confirmed ones are judged ---
  const filter = { kinds: LEDGER_KINDS, from: window.start, to: window.end };
  const total = options.journal.count(filter);
  progress.start('journal', total);
  const rows: JournalRow[] = [];
  for (let before: JournalQuery['before']; ; ) {
    options.signal?.throwIfAborted();
    const page = options.journal.query({ ...filter, limit: JOURNAL_PAGE, ...(before && { before }) });
    rows.push(...page.rows);
    progress.tick(page.rows.length);
    if (!page.next) break;
    before = page.next;
  }
  const writes = rows.filter((r) => r.state === 'confirmed');

  // --- ledger: every member whose ledger may hold one of those writes (or the whole roster) ---
  const memberIds = new Set(rows.filter((r) => r.state === 'confirmed' || r.maybeApplied).map((r) => r.memberId));
  if (options.scanRoster) {
    for await (const page of paginateMembers(options.client, {}, { ...options.paginate, ...(options.signal && { signal: options.signal }) })) {
      for (const m of page.items) memberIds.add(m.id);
    }
  }
  progress.start('ledger', memberIds.size);
  const reads = await readLedgers({
    client: options.client,
    memberIds: [...memberIds].sort(),
    stopBefore: window.start - (options.marginMs ?? RECONCILE_MARGIN_MS_DEFAULT),
    ...(options.pageSize !== undefined && { pageSize: options.pageSize }),
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    ...(options.signal !== undefined && { signal: options.signal }),
    ...(options.paginate !== undefined && { paginate: options.paginate }),
    onMember: () => progress.tick(1),
  });

  const report = classify({
    date: options.date,
    generatedAt: now(),
    window,
    storeId: options.storeId,
    tillId: options.tillId,
    idsPerTill: options.idsPerTill ?? false,
    writes,
    ledgers: reads.ledgers,
    incomplete: reads.incomplete,
    findRow: (token: SaleToken) => {
      for (const key of dedupKeysFor(token, options.idsPerTill ?? false)) {
        const row = options.journal.getByDedupKey(key);
        if (row) return row;
      }
      return undefined;
    },
  });
  progress.finish(memberIds.size);
  return report;
}

function progressReporter(date: string, onProgress: ReconcileOptions['onProgress'], now: () => number) {
  let phase: ReconcileProgress['phase'] = 'journal';
  let total = 0;
  let done = 0;
  let startedAt = 0;
  const emit = (): void => {
    if (!onProgress) return;
    const elapsed = now() - startedAt;
    const etaMs = phase === 'done' ? 0 : done > 0 && total >= done ? Math.round((elapsed / done) * (total - done)) : null;
    try {
      onProgress({ date, phase, done, total, etaMs });
    } catch {
      // A progress listener's bug must not abort the run.
    }
  };
  return {
    start(p: ReconcileProgress['phase'], t: number): void {
      phase = p;
      total = t;
      done = 0;
      startedAt = now();
      emit();
    },
    finish(t: number): void {
      phase = 'done';
      total = t;
      done = t;
      emit();
    },
    tick(n: number): void {
      done = Math.min(total, done + n);
      emit();
    },
  };
}
