/**
 * Keyset-paged journal rows for one filter: the first page when the filter changes, the next page
 * on demand (`before` = the cursor main returned). An answer for an older filter is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JournalFilterInput } from '../../../shared/ipc/schemas/till.ts';
import type { IpcErrorBody } from '../../../shared/ipc/envelope.ts';
import type { JournalCursor, JournalRow } from '../../../shared/journal/row.ts';
import { useSession } from '../session.ts';
import { appendPage, filterKey, pageRequest, patchRows } from './filter.ts';

interface PagesState {
  key: string;
  rows: JournalRow[];
  next: JournalCursor | null;
  total: number | null;
  loadingMore: boolean;
  error: IpcErrorBody | null;
}

export interface JournalPages {
  rows: readonly JournalRow[];
  total: number | null;
  hasMore: boolean;
  /** The first page is on its way. */
  loading: boolean;
  loadingMore: boolean;
  error: IpcErrorBody | null;
  loadMore: () => void;
  patch: (fresh: readonly JournalRow[]) => void;
}

const EMPTY: readonly JournalRow[] = [];

/** `reloadToken`: any change reads the list afresh from the first page. */
export function useJournalPages(filter: JournalFilterInput | null, reloadToken: string): JournalPages {
  const { call } = useSession();
  const key = filter === null ? null : `${filterKey(filter)}#${reloadToken}`;
  const [state, setState] = useState<PagesState | null>(null);
  /** The key whose request is in flight (first page or next page), so a scroll burst asks once. */
  const busy = useRef<string | null>(null);

  useEffect(() => {
    if (filter === null || key === null) return;
    let live = true;
    busy.current = key;
    void call((t) => t.journalList(pageRequest(filter, null))).then((env) => {
      if (!live) return;
      if (busy.current === key) busy.current = null;
      setState(
        env.ok
          ? { key, rows: env.value.rows, next: env.value.next, total: env.value.total, loadingMore: false, error: null }
          : { key, rows: [], next: null, total: null, loadingMore: false, error: env.error },
      );
    });
    return () => {
      live = false;
      if (busy.current === key) busy.current = null;
    };
  }, [key, filter, call]);

  const current = state !== null && state.key === key ? state : null;

  const loadMore = useCallback(() => {
    if (filter === null || current === null || current.next === null || busy.current !== null) return;
    const k = current.key;
    const cursor = current.next;
    busy.current = k;
    setState((s) => (s !== null && s.key === k ? { ...s, loadingMore: true, error: null } : s));
    void call((t) => t.journalList(pageRequest(filter, cursor))).then((env) => {
      if (busy.current === k) busy.current = null;
      setState((s) => {
        if (s === null || s.key !== k) return s;
        return env.ok
          ? { ...s, rows: appendPage(s.rows, env.value.rows), next: env.value.next, total: env.value.total, loadingMore: false }
          : { ...s, loadingMore: false, error: env.error };
      });
    });
  }, [filter, current, call]);

  const patch = useCallback((fresh: readonly JournalRow[]) => {
    setState((s) => (s === null ? s : { ...s, rows: patchRows(s.rows, fresh) }));
  }, []);

  return {
    rows: current?.rows ?? EMPTY,
    total: current?.total ?? null,
    hasMore: current !== null && current.next !== null,
    loading: filter !== null && current === null,
    loadingMore: current?.loadingMore ?? false,
    error: current?.error ?? null,
    loadMore,
    patch,
  };
}
