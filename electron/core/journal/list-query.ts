/**
 * SQL for the manager console's list: filter → WHERE clause, newest first, keyset pagination on
 * (created_at, id). Each filter narrows through an index (see schema.ts); the bench checks the
 * timings at 100k rows.
 */
import type { SQLInputValue } from 'node:sqlite';
import type { JournalQuery } from '../../../shared/journal/row.ts';
import { journalQuerySchema } from '../../../shared/journal/row.ts';
import { JournalInputError, formatIssues } from './journal-errors.ts';

export type ParsedQuery = ReturnType<typeof journalQuerySchema.parse>;

export interface SqlFragment {
  sql: string;
  params: Record<string, SQLInputValue>;
}

/** Validates a filter coming from the UI. */
export function parseQuery(query: JournalQuery): ParsedQuery {
  const parsed = journalQuerySchema.safeParse(query);
  if (!parsed.success) throw new JournalInputError(`Invalid journal filter: ${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** Upper bound for "starts with": every string with this prefix sorts below prefix + U+10FFFF. */
function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\u{10FFFF}`];
}

const SEARCH_COLUMNS = ['pos_txn_id', 'linked_pos_txn_id', 'member_id', 'coupon_id'] as const;

/** WHERE clause (without the keyset cursor) for a filter. */
export function filterSql(q: Omit<ParsedQuery, 'limit' | 'before'>): SqlFragment {
  const terms: string[] = [];
  const params: Record<string, SQLInputValue> = {};
  const list = (name: string, values: readonly string[]): string => {
    const names = [...new Set(values)].map((v, i) => {
      params[`${name}${i}`] = v;
      return `:${name}${i}`;
    });
    return names.join(', ');
  };
  if (q.states) terms.push(q.states.length === 0 ? '0' : `state IN (${list('s', q.states)})`);
  if (q.kinds) terms.push(q.kinds.length === 0 ? '0' : `kind IN (${list('k', q.kinds)})`);
  if (q.from !== undefined) {
    terms.push('created_at >= :from');
    params.from = q.from;
  }
  if (q.to !== undefined) {
    terms.push('created_at < :to');
    params.to = q.to;
  }
  if (q.search !== undefined) {
    [params.lo, params.hi] = prefixRange(q.search);
    // Written as an OR of index ranges so SQLite can union the four indexes.
    terms.push(`(${SEARCH_COLUMNS.map((c) => `(${c} >= :lo AND ${c} < :hi)`).join(' OR ')})`);
  }
  return { sql: terms.length ? terms.join(' AND ') : '1', params };
}

/** Full page query: filter, cursor, newest first. */
export function pageSql(q: ParsedQuery): SqlFragment {
  const f = filterSql(q);
  const params: Record<string, SQLInputValue> = { ...f.params, limit: q.limit };
  let sql = f.sql;
  if (q.before) {
    sql += ' AND (created_at < :bc OR (created_at = :bc AND id < :bi))';
    params.bc = q.before.createdAt;
    params.bi = q.before.id;
  }
  return { sql: `SELECT * FROM intents WHERE ${sql} ORDER BY created_at DESC, id DESC LIMIT :limit`, params };
}

export function countSql(q: Omit<ParsedQuery, 'limit' | 'before'>): SqlFragment {
  const f = filterSql(q);
  return { sql: `SELECT count(*) AS n FROM intents WHERE ${f.sql}`, params: f.params };
}
