/**
 * `export ledger --since`: for every roster member, their ledger entries created since the date.
 *
 * Phase 1 snapshots the roster's ids into `<file>.members.json` (atomically), so a resumed run
 * walks exactly the same members in the same order. Phase 2 pages each ledger newest first until
 * it is older than `since`, committing rows + position after every page. Rows are keyed by the
 * ledger transaction id: on resume the ids already in the CSV are read back, so an entry that
 * shifted to a later page (the ledger grew mid-walk) is never written twice.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { PaginationError, paginateLedger, paginateMembers } from '../api/index.ts';
import { PAGE_LIMIT_MAX } from '../../../shared/api/schemas.ts';
import type { LedgerTransaction } from '../../../shared/api/schemas.ts';
import { writeFileAtomicSync } from '../fs/atomic-write.ts';
import { ExportError, openCsvSink } from './checkpoint.ts';
import { csvHeaderRow, headerParam } from './csv-header.ts';
import type { CsvExportOptions, ExportResult } from './export-roster.ts';
import { progressTracker } from './progress.ts';
import type { ReadClient } from './token-bucket.ts';

export const LEDGER_CSV_HEADER = ['member_id', 'txn_id', 'created_at', 'amount', 'balance_after', 'description'] as const;

export const membersPath = (file: string): string => `${file}.members.json`;

export interface LedgerExportOptions extends CsvExportOptions<unknown> {
  client: Pick<ReadClient, 'listMembers' | 'getPoints'>;
  /** Entries created at or after this instant (epoch ms). */
  since: number;
}

export interface LedgerExportResult extends ExportResult {
  members: number;
  /** Members that vanished (404) between the roster snapshot and their ledger read. */
  skippedMembers: string[];
}

const position = z.object({
  rosterDone: z.boolean(),
  members: z.number().int().nonnegative(),
  memberIndex: z.number().int().nonnegative(),
  ledgerOffset: z.number().int().nonnegative(),
  skipped: z.array(z.string()),
});
const membersFileSchema = z.object({ members: z.array(z.string()) });

export async function exportLedger(options: LedgerExportOptions): Promise<LedgerExportResult> {
  if (!Number.isFinite(options.since)) throw new ExportError('since must be a date');
  const status = options.status ?? 'active';
  const pageSize = Math.min(PAGE_LIMIT_MAX, options.pageSize ?? PAGE_LIMIT_MAX);
  const sink = openCsvSink({
    file: options.file,
    header: csvHeaderRow(LEDGER_CSV_HEADER, options.headerLocale),
    params: { job: 'ledger', since: new Date(options.since).toISOString(), status, ...headerParam(options.headerLocale) },
    position,
    initial: { rosterDone: false, members: 0, memberIndex: 0, ledgerOffset: 0, skipped: [] },
    ...(options.overwrite !== undefined && { overwrite: options.overwrite }),
  });
  const tracker = progressTracker('ledger', options.onProgress);
  const counted: Pick<ReadClient, 'listMembers' | 'getPoints'> = {
    listMembers: (p) => {
      tracker.request();
      return options.client.listMembers(p);
    },
    getPoints: (id, p) => {
      tracker.request();
      return options.client.getPoints(id, p);
    },
  };
  const paging = { ...options.paginate, pageSize, ...(options.signal && { signal: options.signal }) };
  const mFile = membersPath(options.file);
  try {
    let pos = sink.checkpoint.position;
    let members: string[];
    if (!pos.rosterDone) {
      tracker.begin('roster', 0);
      members = [];
      const taken = new Set<string>();
      for await (const page of paginateMembers(counted, { status }, paging)) {
        for (const m of page.items) {
          if (taken.has(m.id)) continue;
          taken.add(m.id);
          members.push(m.id);
        }
        tracker.update({ phase: 'roster', done: page.offset + page.items.length, total: page.total, rows: 0 });
      }
      writeFileAtomicSync(mFile, JSON.stringify({ members }), { mode: 0o600 });
      pos = { ...pos, rosterDone: true, members: members.length };
      sink.commit([], pos);
    } else {
      members = readMembers(mFile, pos.members);
    }

    const seen = new Set(sink.existingRecords().map((r) => r[1] ?? ''));
    tracker.begin('ledger', pos.memberIndex);
    tracker.update({ phase: 'ledger', done: pos.memberIndex, total: members.length, rows: sink.checkpoint.rows });
    for (let i = pos.memberIndex; i < members.length; i++) {
      const memberId = members[i]!;
      const startOffset = i === pos.memberIndex ? pos.ledgerOffset : 0;
      try {
        for await (const page of paginateLedger(counted, memberId, { ...paging, startOffset })) {
          const rows: (string | number)[][] = [];
          for (const t of page.items) {
            if (Date.parse(t.createdAt) < options.since || seen.has(t.id)) continue;
            seen.add(t.id);
            rows.push(ledgerRow(memberId, t));
          }
          const next = page.offset + page.items.length;
          const oldest = page.items.at(-1);
          const last = page.items.length === 0 || next >= page.total || (oldest !== undefined && Date.parse(oldest.createdAt) < options.since);
          pos = last ? { ...pos, memberIndex: i + 1, ledgerOffset: 0 } : { ...pos, memberIndex: i, ledgerOffset: next };
          sink.commit(rows, pos);
          if (last) break;
        }
      } catch (err) {
        // A member deleted since the snapshot cannot be exported; anything else stops the job (resumable).
        if (!(err instanceof PaginationError && err.failure.status === 404)) throw err;
        pos = { ...pos, memberIndex: i + 1, ledgerOffset: 0, skipped: [...pos.skipped, memberId] };
        sink.commit([], pos);
      }
      tracker.update({ phase: 'ledger', done: i + 1, total: members.length, rows: sink.checkpoint.rows });
    }
    sink.finish();
    fs.rmSync(mFile, { force: true });
    tracker.update({ phase: 'done', done: members.length, total: members.length, rows: sink.checkpoint.rows });
    return {
      file: options.file,
      rows: sink.checkpoint.rows,
      members: members.length,
      skippedMembers: pos.skipped,
      resumed: sink.resumed,
      requests: tracker.requests,
      elapsedMs: tracker.elapsedMs(),
    };
  } finally {
    sink.close();
  }
}

function ledgerRow(memberId: string, t: LedgerTransaction): (string | number)[] {
  return [memberId, t.id, t.createdAt, t.amount, t.balanceAfter, t.description];
}

function readMembers(path: string, expected: number): string[] {
  let parsed: z.infer<typeof membersFileSchema> | undefined;
  try {
    parsed = membersFileSchema.parse(JSON.parse(fs.readFileSync(path, 'utf8')));
  } catch {
    parsed = undefined;
  }
  if (parsed?.members.length !== expected) {
    throw new ExportError(`${path} is missing or damaged, so the export cannot resume; pass --overwrite to start again`);
  }
  return parsed.members;
}
