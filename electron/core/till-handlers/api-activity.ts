/**
 * The manager's "API activity": every SocialHub call this till made (kept in the journal file,
 * keys masked), newest first, filtered by time, endpoint and failures, and exportable as CSV.
 * The journal stores at most a bounded number of calls, so scanning it in pages is cheap.
 */
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { ApiCall } from '../../../shared/journal/row.ts';
import type { Journal } from '../journal/index.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { TillHandlerDeps } from './context.ts';
import { CsvBuilder, exportFilename, isoOrEmpty } from './csv.ts';

const SCAN_PAGE = 1000;

export interface ApiActivityFilter {
  from?: number | undefined;
  to?: number | undefined;
  endpoint?: string | undefined;
  onlyFailures?: boolean | undefined;
}

/** Newest first, at most `limit` calls matching the filter, older than `beforeId` when given. */
export function findApiCalls(journal: Journal, filter: ApiActivityFilter, limit: number, beforeId?: number): { calls: ApiCall[]; more: boolean } {
  const out: ApiCall[] = [];
  let cursor = beforeId;
  for (;;) {
    const page = journal.apiCalls({ limit: SCAN_PAGE, ...(cursor === undefined ? {} : { beforeId: cursor }), ...(filter.endpoint === undefined ? {} : { endpoint: filter.endpoint }) });
    for (const call of page) {
      if (filter.from !== undefined && call.at < filter.from) return { calls: out, more: false }; // newest first: nothing older can match
      if (filter.to !== undefined && call.at >= filter.to) continue;
      if (filter.onlyFailures === true && call.outcome === 'ok') continue;
      if (out.length === limit) return { calls: out, more: true };
      out.push(call);
    }
    const last = page.at(-1);
    if (page.length < SCAN_PAGE || last === undefined) return { calls: out, more: false };
    cursor = last.id;
  }
}

export function apiActivityCsv(calls: readonly ApiCall[], now: number): { filename: string; csv: string; rows: number } {
  const csv = new CsvBuilder(['id', 'at', 'key', 'method', 'path', 'endpoint', 'status', 'latency_ms', 'outcome']);
  for (const c of calls) csv.row([c.id, isoOrEmpty(c.at), c.keyMask, c.method, c.path, c.endpoint, c.status, c.latencyMs, c.outcome]);
  return { filename: exportFilename('api-activity', now), csv: csv.toString(), rows: csv.rows };
}

export function registerApiActivity(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  registry.handle('apiActivityList', ({ limit, beforeId, ...filter }) =>
    deps.journal.use((j) => {
      const { calls, more } = findApiCalls(j, filter, limit, beforeId);
      return { calls, nextBeforeId: more ? (calls.at(-1)?.id ?? null) : null };
    }),
  );
  registry.handle('apiActivityExport', (filter) =>
    deps.journal.use((j) => apiActivityCsv(findApiCalls(j, filter, Number.MAX_SAFE_INTEGER).calls, deps.now())),
  );
}
