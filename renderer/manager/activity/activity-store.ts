/**
 * The API activity screen's state: the filter as typed (the endpoint box applies after a pause,
 * dates and the failures box at once), the calls for the filter in force (newest first, "Load
 * older" pages), the endpoints seen so far for suggestions, and the CSV export of the date range.
 * Loaded while the tab is shown.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { ApiCall } from '../../../shared/journal/row.ts';
import { call, errorText } from '../../app/call.ts';
import type { Timers } from '../../state/timers.ts';
import { exportOutcome, type CsvExport } from '../csv.ts';
import type { Translator } from '../../../shared/i18n/translator.ts';
import type { Answer } from '../row-bus.ts';
import { EMPTY_ACTIVITY_FILTER, mergeEndpoints, toActivityRange, toActivityRequest } from './filter.ts';
import type { ActivityFilterState } from './filter.ts';

export const ENDPOINT_DEBOUNCE_MS = 300;

export interface ActivityPage {
  key: string;
  calls: ApiCall[];
  nextBeforeId: number | null;
}

export interface ActivityState {
  active: boolean;
  /** The filter as the manager edits it. */
  input: ActivityFilterState;
  /** The filter in force. */
  filter: ActivityFilterState;
  /** Bumped by Refresh: the list is read afresh. */
  reloads: number;
  /** The last answer (it may be for an older filter: see `currentPage`). */
  loaded: ActivityPage | null;
  loadingMore: boolean;
  error: string | null;
  endpoints: string[];
  exporting: boolean;
  exportStatus: string | null;
  setInput(patch: Partial<ActivityFilterState>): void;
  /** The tab is shown: (re)load; returns the undo. */
  activate(): () => void;
  refresh(): void;
  loadOlder(): Promise<void>;
  exportCsv(): Promise<void>;
  reset(): void;
}

export type ActivityStore = StoreApi<ActivityState>;

export interface ActivityDeps {
  bridge: Pick<TillBridge, 'apiActivityList' | 'apiActivityExport'>;
  timers: Timers;
  saveCsv: (file: CsvExport) => string;
  /** The till's current translator: every sentence and error the store makes, in the till's language. */
  translator: () => Translator;
}

function keyOf(s: Pick<ActivityState, 'filter' | 'reloads'>): string {
  return `${JSON.stringify(toActivityRequest(s.filter, null))}#${s.reloads}`;
}

/** The page for the filter in force (and the last Refresh), or null while it is on its way. */
export function currentPage(s: Pick<ActivityState, 'loaded' | 'filter' | 'reloads'>): ActivityPage | null {
  return s.loaded !== null && s.loaded.key === keyOf(s) ? s.loaded : null;
}

export function createActivityStore(deps: ActivityDeps): ActivityStore {
  const { bridge, timers } = deps;
  let epoch = 0;
  let timer: unknown = null;

  const initial = () => ({
    active: false,
    reloads: 0,
    input: EMPTY_ACTIVITY_FILTER,
    filter: EMPTY_ACTIVITY_FILTER,
    loaded: null,
    loadingMore: false,
    error: null,
    endpoints: [],
    exporting: false,
    exportStatus: null,
  });

  const store = createStore<ActivityState>()((set, get) => {
    const load = (): void => {
      const { active, filter } = get();
      const built = toActivityRequest(filter, null);
      if (!active || !built.ok) return;
      const key = keyOf(get());
      const mine = epoch;
      void call<Answer<'apiActivityList'>>(() => bridge.apiActivityList(built.request)).then((result) => {
        if (mine !== epoch || keyOf(get()) !== key) return;
        if (result.ok) set({ loaded: { key, calls: result.value.calls, nextBeforeId: result.value.nextBeforeId }, endpoints: mergeEndpoints(get().endpoints, result.value.calls), error: null });
        else set({ error: errorText(result.error, deps.translator()) });
      });
    };

    const apply = (): void => {
      timer = null;
      const before = keyOf(get());
      set({ filter: get().input });
      if (keyOf(get()) !== before) load();
    };

    return {
      ...initial(),

      setInput(patch) {
        const input = { ...get().input, ...patch };
        set({ input });
        if (timer !== null) timers.clearTimeout(timer);
        timer = null;
        if (input.endpoint === get().filter.endpoint) apply();
        else timer = timers.setTimeout(apply, ENDPOINT_DEBOUNCE_MS);
      },

      activate() {
        set({ active: true });
        load();
        return () => set({ active: false });
      },

      refresh() {
        set({ reloads: get().reloads + 1 });
        load();
      },

      async loadOlder() {
        const page = currentPage(get());
        if (page === null || page.nextBeforeId === null || get().loadingMore) return;
        const req = toActivityRequest(get().filter, page.nextBeforeId);
        if (!req.ok) return;
        const mine = epoch;
        set({ loadingMore: true });
        const result = await call<Answer<'apiActivityList'>>(() => bridge.apiActivityList(req.request));
        if (mine !== epoch) return;
        set({ loadingMore: false });
        if (!result.ok) {
          set({ error: errorText(result.error, deps.translator()) });
          return;
        }
        const l = get().loaded;
        if (l !== null && l.key === page.key) set({ loaded: { ...l, calls: [...l.calls, ...result.value.calls], nextBeforeId: result.value.nextBeforeId } });
        set({ endpoints: mergeEndpoints(get().endpoints, result.value.calls) });
      },

      async exportCsv() {
        const range = toActivityRange(get().filter);
        if (!range.ok || get().exporting) return;
        const mine = epoch;
        set({ exporting: true, error: null });
        const result = await call<Answer<'apiActivityExport'>>(() => bridge.apiActivityExport(range.request));
        if (mine !== epoch) return;
        const { error, status } = exportOutcome(result, deps.saveCsv, deps.translator());
        set({ exporting: false, error, exportStatus: status });
      },

      reset() {
        epoch++;
        if (timer !== null) timers.clearTimeout(timer);
        timer = null;
        set({ ...initial(), reloads: get().reloads + 1 });
      },
    };
  });

  return store;
}
