/**
 * API-activity audit: one row per SocialHub call, newest first, bounded in size. Kept in the
 * journal file so a manager sees calls and journal states side by side; never holds a key
 * (the schema insists on the masked form).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ApiCall, ApiCallInput } from '../../../shared/journal/row.ts';
import { apiCallInputSchema } from '../../../shared/journal/row.ts';
import { JournalInputError, formatIssues } from './journal-errors.ts';
import { toApiCall } from './row-mapping.ts';
import { prepared } from './statements.ts';

/** Trim the table every this many inserts (cheap: one indexed DELETE). */
const TRIM_EVERY = 100;

export function insertApiCall(db: DatabaseSync, input: ApiCallInput, maxRows: number): number {
  const parsed = apiCallInputSchema.safeParse(input);
  if (!parsed.success) throw new JournalInputError(`Invalid API call record: ${formatIssues(parsed.error.issues)}`);
  const c = parsed.data;
  const at = typeof c.at === 'number' ? c.at : Date.parse(c.at);
  const { lastInsertRowid } = prepared(
    db,
    'INSERT INTO api_calls (at, key_mask, method, path, endpoint, status, latency_ms, outcome) VALUES (:at, :keyMask, :method, :path, :endpoint, :status, :latencyMs, :outcome)',
  ).run({ at, keyMask: c.keyMask, method: c.method, path: c.path, endpoint: c.endpoint, status: c.status ?? null, latencyMs: Math.round(c.latencyMs), outcome: c.outcome });
  const id = Number(lastInsertRowid);
  if (id % TRIM_EVERY === 0) prepared(db, 'DELETE FROM api_calls WHERE id <= :cut').run({ cut: id - maxRows });
  return id;
}

export interface ApiCallQuery {
  /** Default 100, at most 1000. */
  limit?: number;
  /** Keyset cursor: only calls with a smaller id (older). */
  beforeId?: number;
  endpoint?: string;
  /** Only calls whose path starts with this (the POS link's `/pos/v1`, say). */
  pathPrefix?: string;
}

export function listApiCalls(db: DatabaseSync, q: ApiCallQuery = {}): ApiCall[] {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 100), 1), 1000);
  const terms = ['1'];
  const params: Record<string, string | number> = { limit };
  if (q.beforeId !== undefined) {
    terms.push('id < :beforeId');
    params.beforeId = q.beforeId;
  }
  if (q.endpoint !== undefined) {
    terms.push('endpoint = :endpoint');
    params.endpoint = q.endpoint;
  }
  if (q.pathPrefix !== undefined) {
    // Not LIKE: `_` and `%` in a prefix must match themselves.
    terms.push('substr(path, 1, length(:prefix)) = :prefix');
    params.prefix = q.pathPrefix;
  }
  return prepared(db, `SELECT * FROM api_calls WHERE ${terms.join(' AND ')} ORDER BY id DESC LIMIT :limit`).all(params).map(toApiCall);
}

export function pruneApiCalls(db: DatabaseSync, olderThan: number): number {
  return Number(prepared(db, 'DELETE FROM api_calls WHERE at < :cut').run({ cut: olderThan }).changes);
}
