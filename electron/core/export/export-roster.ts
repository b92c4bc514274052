/**
 * `export roster`: GET /members?status=… paged at ≤ 200 into a CSV, checkpointed after every page.
 * On resume the CSV's member ids are read back so a roster that shifted under offset paging can
 * never put a member in twice.
 */
import { z } from 'zod';
import type { PaginateOptions } from '../api/index.ts';
import { paginateMembers } from '../api/index.ts';
import type { RosterMember } from '../../../shared/api/schemas.ts';
import { PAGE_LIMIT_MAX } from '../../../shared/api/schemas.ts';
import { openCsvSink } from './checkpoint.ts';
import { csvHeaderRow, headerParam } from './csv-header.ts';
import type { ExportProgress } from './progress.ts';
import { progressTracker } from './progress.ts';
import type { ReadClient } from './token-bucket.ts';

export const ROSTER_CSV_HEADER = ['member_id', 'name', 'status', 'tier', 'balance'] as const;

export interface ExportResult {
  file: string;
  rows: number;
  /** True when this run continued an interrupted one. */
  resumed: boolean;
  requests: number;
  elapsedMs: number;
}

/** What both CSV exports take besides their client and their own filter. */
export interface CsvExportOptions<Item> {
  file: string;
  /** Roster filter; default `active`, as the integration guide does. */
  status?: string;
  pageSize?: number;
  overwrite?: boolean;
  /** A language for the header row (shared/i18n locale); the data columns stay machine-readable. Default: machine names. */
  headerLocale?: string | null;
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
  paginate?: Pick<PaginateOptions<Item>, 'maxRateLimitWaits' | 'defaultRetryMs' | 'maxRetryMs' | 'sleep'>;
}

export interface RosterExportOptions extends CsvExportOptions<RosterMember> {
  client: Pick<ReadClient, 'listMembers'>;
}

export async function exportRoster(options: RosterExportOptions): Promise<ExportResult & { total: number }> {
  const status = options.status ?? 'active';
  const pageSize = Math.min(PAGE_LIMIT_MAX, options.pageSize ?? PAGE_LIMIT_MAX);
  const sink = openCsvSink({
    file: options.file,
    header: csvHeaderRow(ROSTER_CSV_HEADER, options.headerLocale),
    params: { job: 'roster', status, ...headerParam(options.headerLocale) },
    position: z.object({ offset: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
    initial: { offset: 0, total: 0 },
    ...(options.overwrite !== undefined && { overwrite: options.overwrite }),
  });
  const tracker = progressTracker('roster', options.onProgress);
  try {
    const seen = new Set(sink.existingRecords().map((r) => r[0] ?? ''));
    let { offset, total } = sink.checkpoint.position;
    if (!sink.checkpoint.complete) {
      const client = countingMembers(options.client, () => tracker.request());
      tracker.begin('roster', Math.min(offset, total));
      for await (const page of paginateMembers(client, { status }, {
        ...options.paginate,
        pageSize,
        startOffset: offset,
        ...(options.signal && { signal: options.signal }),
      })) {
        const rows = page.items.filter((m) => !seen.has(m.id)).map((m) => [m.id, m.name, m.status, m.tier, m.balance]);
        for (const m of page.items) seen.add(m.id);
        offset = page.offset + page.items.length;
        total = page.total;
        sink.commit(rows, { offset, total });
        tracker.update({ phase: 'roster', done: Math.min(offset, total), total, rows: sink.checkpoint.rows });
      }
    }
    sink.finish();
    tracker.update({ phase: 'done', done: total, total, rows: sink.checkpoint.rows });
    return { file: options.file, rows: sink.checkpoint.rows, total, resumed: sink.resumed, requests: tracker.requests, elapsedMs: tracker.elapsedMs() };
  } finally {
    sink.close();
  }
}

function countingMembers(client: Pick<ReadClient, 'listMembers'>, count: () => void): Pick<ReadClient, 'listMembers'> {
  return {
    listMembers: (params) => {
      count();
      return client.listMembers(params);
    },
  };
}
