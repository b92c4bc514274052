/**
 * SocialHub's list of stores (GET /stores, paged) for the Settings' store picker. A page that
 * cannot be read (no key yet, offline) says why; the store id can still be typed.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import { call, errorText } from '../../app/call.ts';

export const STORES_PAGE = 20;

export interface StoreEntry {
  id: string;
  name: string;
  status: string;
}

export interface StorePickerState {
  offset: number;
  /** The page on screen (it may lag `offset` while the next one loads). */
  page: { offset: number; stores: StoreEntry[]; total: number } | null;
  error: string | null;
  show(offset: number): Promise<void>;
  retry(): Promise<void>;
}

export type StorePickerStore = StoreApi<StorePickerState>;

export function createStorePickerStore(bridge: Pick<TillBridge, 'storesList'>): StorePickerStore {
  return createStore<StorePickerState>()((set, get) => ({
    offset: 0,
    page: null,
    error: null,
    async show(offset) {
      const at = Math.max(0, offset);
      set({ offset: at });
      const result = await call<{ stores: StoreEntry[]; total: number }>(() => bridge.storesList({ limit: STORES_PAGE, offset: at }));
      // A later page was asked for meanwhile: this answer is no longer wanted.
      if (get().offset !== at) return;
      if (result.ok) set({ page: { offset: at, stores: result.value.stores, total: result.value.total }, error: null });
      else set({ error: errorText(result.error) });
    },
    retry() {
      return get().show(get().offset);
    },
  }));
}
