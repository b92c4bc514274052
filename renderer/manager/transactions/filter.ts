/**
 * The Transactions screen's filter as the manager edits it (chips, dates as `YYYY-MM-DD`, a search
 * box) and its translation into the `journalList` / `journalExport` filter.
 */
import type { JournalFilterInput } from '../../../shared/ipc/schemas/till.ts';
import type { JournalCursor, JournalRow } from '../../../shared/journal/row.ts';
import { JOURNAL_KINDS, JOURNAL_STATES } from '../../../shared/journal/states.ts';
import type { JournalKind, JournalState } from '../../../shared/journal/states.ts';
import { defineMessages } from '@formatjs/intl';
import { dayRange, type FieldProblem } from '../date-range.ts';
import { PAGE_SIZE } from './list-pace.ts';

export interface FilterState {
  states: readonly JournalState[];
  kinds: readonly JournalKind[];
  /** Local calendar dates, inclusive; '' = open. */
  fromDate: string;
  toDate: string;
  search: string;
}

export const EMPTY_FILTER: FilterState = { states: [], kinds: [], fromDate: '', toDate: '', search: '' };

/** The states offered as chips, in the order a manager thinks about them. */
export const STATE_CHIPS: readonly JournalState[] = ['confirmed', 'queued', 'unknown', 'needs-attention', 'rejected', 'sending', 'verifying', 'resolved'];
export const SEARCH_MAX = 64;

/** Adds or removes `item`, keeping the canonical order of `order`. */
export function toggle<T extends string>(list: readonly T[], item: T, order: readonly T[]): T[] {
  const set = new Set<T>(list);
  if (set.has(item)) set.delete(item);
  else set.add(item);
  return order.filter((x) => set.has(x));
}

export const toggleState = (list: readonly JournalState[], s: JournalState) => toggle(list, s, JOURNAL_STATES);
export const toggleKind = (list: readonly JournalKind[], k: JournalKind) => toggle(list, k, JOURNAL_KINDS);

const MESSAGES = defineMessages({
  searchLong: { id: 'manager.transactions.searchLong', defaultMessage: 'Search is at most {max} characters.', description: 'The journal search is too long' },
});

export type FilterResult = { ok: true; filter: JournalFilterInput } | FieldProblem<'fromDate' | 'toDate' | 'search'>;

/** The wire filter, or why the current input cannot be one. Empty parts are left out. */
export function toJournalFilter(s: FilterState): FilterResult {
  const filter: JournalFilterInput = {};
  if (s.states.length > 0) filter.states = [...s.states];
  if (s.kinds.length > 0) filter.kinds = [...s.kinds];
  const days = dayRange(s.fromDate, s.toDate);
  if (!days.ok) return days;
  if (days.from !== undefined) filter.from = days.from;
  if (days.to !== undefined) filter.to = days.to;
  const search = s.search.trim();
  if (search.length > SEARCH_MAX) return { ok: false, field: 'search', message: MESSAGES.searchLong, values: { max: SEARCH_MAX } };
  if (search !== '') filter.search = search;
  return { ok: true, filter };
}

export function isFiltered(s: FilterState): boolean {
  return s.states.length > 0 || s.kinds.length > 0 || s.fromDate !== '' || s.toDate !== '' || s.search.trim() !== '';
}

/** A stable identity for a wire filter, so a page answer can be matched to the filter it was for. */
export function filterKey(f: JournalFilterInput): string {
  return JSON.stringify([f.states ?? [], f.kinds ?? [], f.from ?? null, f.to ?? null, f.search ?? null]);
}

export function pageRequest(filter: JournalFilterInput, before: JournalCursor | null) {
  return before === null ? { filter, limit: PAGE_SIZE } : { filter, limit: PAGE_SIZE, before };
}

/** Puts fresh copies of changed rows into a loaded list (same order; unknown ids ignored). */
export function patchRows(rows: readonly JournalRow[], fresh: readonly JournalRow[]): JournalRow[] {
  if (fresh.length === 0) return rows as JournalRow[];
  const byId = new Map(fresh.map((r) => [r.id, r]));
  return rows.map((r) => {
    const f = byId.get(r.id);
    return f !== undefined && f.version >= r.version ? f : r;
  });
}

/**
 * Appends a page. The keyset cursor cannot repeat a row, but a page answered twice (a retry, a
 * double scroll event) must not either: rows already in the tail are dropped.
 */
export function appendPage(rows: readonly JournalRow[], page: readonly JournalRow[]): JournalRow[] {
  const seen = new Set(rows.slice(-2 * PAGE_SIZE).map((r) => r.id));
  return rows.concat(page.filter((r) => !seen.has(r.id)));
}
