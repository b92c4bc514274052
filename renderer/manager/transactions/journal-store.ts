/**
 * The Transactions screen's state: the filter as the manager edits it, the keyset-paged rows for
 * the filter in force (an answer for an older filter is dropped), rows refreshed in place when the
 * engine or the manager changes them, and the CSV export of the current filter.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { JournalCursor, JournalRow } from '../../../shared/journal/row.ts';
import type { JournalKind, JournalState } from '../../../shared/journal/states.ts';
import { call, errorText } from '../../app/call.ts';
import type { Timers } from '../../state/timers.ts';
import { exportOutcome, type CsvExport } from '../csv.ts';
import type { Translator } from '../../../shared/i18n/translator.ts';
import type { Answer, RowBus } from '../row-bus.ts';
import { EMPTY_FILTER, appendPage, filterKey, pageRequest, patchRows, toJournalFilter, toggleKind, toggleState } from './filter.ts';
import type { FilterResult, FilterState } from './filter.ts';
import { SEARCH_DEBOUNCE_MS } from './list-pace.ts';

/** Rows refreshed in place per journal-changed event; beyond that the list offers a refresh. */
export const PATCH_MAX = 50;

export interface JournalPage {
  /** The filter (and reload) this page belongs to. */
  key: string;
  rows: JournalRow[];
  next: JournalCursor | null;
  total: number | null;
  loadingMore: boolean;
  error: string | null;
}

export interface JournalListState {
  filter: FilterState;
  /** The search box as typed; it reaches `filter` after a pause. */
  searchInput: string;
  /** `filter` as a wire filter, or why it cannot be one. */
  built: FilterResult;
  /** The rows for the filter in force; null while its first page is on its way (or the filter is invalid). */
  page: JournalPage | null;
  /** Rows were written that the loaded list does not show. */
  newActivity: boolean;
  exporting: boolean;
  exportError: string | null;
  exportStatus: string | null;
  setSearch(text: string): void;
  toggleState(s: JournalState): void;
  toggleKind(k: JournalKind): void;
  setFromDate(date: string): void;
  setToDate(date: string): void;
  clearFilters(): void;
  /** Read the list afresh from the first page (Refresh, a new session). */
  reload(): void;
  loadMore(): void;
  exportCsv(): Promise<void>;
  /** The engine changed these rows: refresh the loaded ones, offer a reload for the rest. */
  journalChanged(ids: readonly (string | number)[]): Promise<void>;
  /** Fresh copies of rows (from a manager action): patched in place. */
  patch(fresh: readonly JournalRow[]): void;
  /** The console closed: back to a fresh screen. */
  reset(): void;
}

export type JournalStore = StoreApi<JournalListState>;

export interface JournalDeps {
  bridge: Pick<TillBridge, 'journalList' | 'journalRow' | 'journalExport'>;
  timers: Timers;
  rows: RowBus;
  /** Save an export as a file; returns the file name used. */
  saveCsv: (file: CsvExport) => string;
  /** The till's current translator: every sentence and error the store makes, in the till's language. */
  translator: () => Translator;
}

/** Whether the first page for the filter in force is on its way. */
export function isLoading(s: Pick<JournalListState, 'built' | 'page'>): boolean {
  return s.built.ok && s.page === null;
}

export function createJournalStore(deps: JournalDeps): JournalStore {
  const { bridge, timers } = deps;
  let reloads = 0;
  let searchTimer: unknown = null;
  /** The key whose request is in flight (first page or next page), so a scroll burst asks once. */
  let busy: string | null = null;

  const initial = () => ({
    filter: EMPTY_FILTER,
    searchInput: '',
    built: toJournalFilter(EMPTY_FILTER),
    page: null,
    newActivity: false,
    exporting: false,
    exportError: null,
    exportStatus: null,
  });

  const store = createStore<JournalListState>()((set, get) => {
    const keyOf = (built: FilterResult): string | null => (built.ok ? `${filterKey(built.filter)}#${reloads}` : null);

    const loadFirst = (): void => {
      const { built } = get();
      const key = keyOf(built);
      set({ page: null });
      if (!built.ok || key === null) {
        busy = null;
        return;
      }
      busy = key;
      const filter = built.filter;
      void call<Answer<'journalList'>>(() => bridge.journalList(pageRequest(filter, null))).then((result) => {
        if (keyOf(get().built) !== key) return;
        if (busy === key) busy = null;
        set({
          page: result.ok
            ? { key, rows: result.value.rows, next: result.value.next, total: result.value.total, loadingMore: false, error: null }
            : { key, rows: [], next: null, total: null, loadingMore: false, error: errorText(result.error, deps.translator()) },
        });
      });
    };

    const applyFilter = (filter: FilterState): void => {
      const before = keyOf(get().built);
      const built = toJournalFilter(filter);
      set({ filter, built });
      if (keyOf(built) !== before || !built.ok) loadFirst();
    };

    return {
      ...initial(),

      setSearch(text) {
        set({ searchInput: text });
        if (searchTimer !== null) timers.clearTimeout(searchTimer);
        searchTimer = timers.setTimeout(() => {
          searchTimer = null;
          const f = get().filter;
          if (f.search !== get().searchInput) applyFilter({ ...f, search: get().searchInput });
        }, SEARCH_DEBOUNCE_MS);
      },
      toggleState(s) {
        const f = get().filter;
        applyFilter({ ...f, states: toggleState(f.states, s) });
      },
      toggleKind(k) {
        const f = get().filter;
        applyFilter({ ...f, kinds: toggleKind(f.kinds, k) });
      },
      setFromDate(date) {
        applyFilter({ ...get().filter, fromDate: date });
      },
      setToDate(date) {
        applyFilter({ ...get().filter, toDate: date });
      },
      clearFilters() {
        if (searchTimer !== null) timers.clearTimeout(searchTimer);
        searchTimer = null;
        set({ searchInput: '' });
        applyFilter(EMPTY_FILTER);
      },

      reload() {
        reloads++;
        set({ newActivity: false });
        loadFirst();
      },

      loadMore() {
        const { built, page } = get();
        if (!built.ok || page === null || page.next === null || busy !== null) return;
        const key = page.key;
        const cursor = page.next;
        const filter = built.filter;
        busy = key;
        set({ page: { ...page, loadingMore: true, error: null } });
        void call<Answer<'journalList'>>(() => bridge.journalList(pageRequest(filter, cursor))).then((result) => {
          if (busy === key) busy = null;
          const p = get().page;
          if (p === null || p.key !== key) return;
          set({
            page: result.ok
              ? { ...p, rows: appendPage(p.rows, result.value.rows), next: result.value.next, total: result.value.total, loadingMore: false }
              : { ...p, loadingMore: false, error: errorText(result.error, deps.translator()) },
          });
        });
      },

      async exportCsv() {
        const { built, exporting } = get();
        if (!built.ok || exporting) return;
        const filter = built.filter;
        set({ exporting: true, exportError: null, exportStatus: null });
        const result = await call<Answer<'journalExport'>>(() => bridge.journalExport({ filter }));
        const { error, status } = exportOutcome(result, deps.saveCsv, deps.translator());
        set({ exporting: false, exportError: error, exportStatus: status });
      },

      async journalChanged(raw) {
        const page = get().page;
        if (page === null) return;
        const ids = raw.map(Number).filter((n) => Number.isInteger(n) && n > 0);
        const loaded = new Set(page.rows.map((r) => r.id));
        const known = ids.filter((n) => loaded.has(n)).slice(0, PATCH_MAX);
        if (known.length < raw.length) set({ newActivity: true });
        if (known.length === 0) return;
        const results = await Promise.all(known.map((id) => call<Answer<'journalRow'>>(() => bridge.journalRow({ id }))));
        const fresh: JournalRow[] = [];
        for (const r of results) if (r.ok) fresh.push(r.value.row);
        get().patch(fresh);
      },

      patch(fresh) {
        const page = get().page;
        if (page === null || fresh.length === 0) return;
        set({ page: { ...page, rows: patchRows(page.rows, fresh) } });
      },

      reset() {
        if (searchTimer !== null) timers.clearTimeout(searchTimer);
        searchTimer = null;
        busy = null;
        reloads++;
        set(initial());
      },
    };
  });
  deps.rows.subscribe((row) => store.getState().patch([row]));
  return store;
}
