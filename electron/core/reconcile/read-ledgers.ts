/**
 * Reads each member's ledger back (newest first) until it is older than the day, a few members
 * at a time. 429s are waited out by `paginate` (Retry-After); any other failure marks just that
 * member incomplete, so one bad member never sinks the whole report.
 */
import type { SocialHubClient } from '../api/index.ts';
import { PaginationError, paginateLedger } from '../api/index.ts';
import type { PaginateOptions } from '../api/index.ts';
import type { LedgerTransaction } from '../../../shared/api/schemas.ts';
import type { IncompleteReason } from '../../../shared/ipc/schemas/till.ts';

/** Why a member's ledger is missing from the report: a reason code the console words, and main's English detail. */
export interface IncompleteRead {
  reason: IncompleteReason;
  message: string;
}

/** A failed page as a reason for people: still limited after the waits, no answer, or an HTTP refusal. */
function paginationReason(err: PaginationError): IncompleteReason {
  if (err.failure.status === 429) return 'rate-limited';
  return err.failure.status === undefined ? 'unreachable' : 'refused';
}

export interface ReadLedgersOptions {
  client: Pick<SocialHubClient, 'getPoints'>;
  memberIds: readonly string[];
  /** Stop paging a member once a page reaches entries created before this (epoch ms). */
  stopBefore: number;
  pageSize?: number;
  concurrency?: number;
  signal?: AbortSignal;
  paginate?: Pick<PaginateOptions<LedgerTransaction>, 'maxRateLimitWaits' | 'defaultRetryMs' | 'maxRetryMs' | 'sleep' | 'random'>;
  onMember?: (memberId: string) => void;
}

export interface LedgerReads {
  ledgers: Map<string, LedgerTransaction[]>;
  incomplete: Map<string, IncompleteRead>;
  pages: number;
}

export async function readLedgers(options: ReadLedgersOptions): Promise<LedgerReads> {
  const ledgers = new Map<string, LedgerTransaction[]>();
  const incomplete = new Map<string, IncompleteRead>();
  let pages = 0;
  const queue = [...new Set(options.memberIds)];
  let next = 0;

  const readOne = async (memberId: string): Promise<void> => {
    const entries: LedgerTransaction[] = [];
    try {
      for await (const page of paginateLedger(options.client, memberId, {
        ...options.paginate,
        ...(options.pageSize !== undefined && { pageSize: options.pageSize }),
        ...(options.signal !== undefined && { signal: options.signal }),
      })) {
        pages++;
        entries.push(...page.items);
        const oldest = page.items.at(-1);
        if (oldest !== undefined && Date.parse(oldest.createdAt) < options.stopBefore) break;
      }
      ledgers.set(memberId, entries);
    } catch (err) {
      if (options.signal?.aborted) throw err;
      incomplete.set(memberId, {
        reason: err instanceof PaginationError ? paginationReason(err) : 'failed',
        message: err instanceof PaginationError ? err.message : `ledger read failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
    options.onMember?.(memberId);
  };

  const worker = async (): Promise<void> => {
    for (let i = next++; i < queue.length; i = next++) await readOne(queue[i]!);
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 4, queue.length));
  await Promise.all(Array.from({ length: width }, worker));
  return { ledgers, incomplete, pages };
}
