/**
 * SocialHub's list of stores (GET /stores, paged) for the Settings' store picker. A page that
 * cannot be read (no key yet, offline) says why; the store id can still be typed.
 */
import { defineMessages } from '@formatjs/intl';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import { call, errorText } from '../../app/call.ts';
import type { Translator } from '../../../shared/i18n/translator.ts';

export const STORES_PAGE = 20;

const MESSAGES = defineMessages({
  status: {
    id: 'state.storePicker.status',
    defaultMessage: '{status, select, active {Active} inactive {Inactive} closed {Closed} suspended {Suspended} other {Not active}}',
    description: 'Settings → store picker: a store’s status from SocialHub (a machine word, shown as words)',
  },
});

/** SocialHub's status word for a store, as people read it; one it does not know reads "Not active". */
export function storeStatusText(status: string, translator: Translator): string {
  // ICU select keys are plain words; anything else (empty, odd characters) falls to `other`.
  return translator.t(MESSAGES.status, { status: /^[a-z]+$/.test(status) ? status : 'other' });
}

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

/** `translator`: the till's current one, so a page that cannot be read says why in the till's language. */
export function createStorePickerStore(bridge: Pick<TillBridge, 'storesList'>, translator: () => Translator): StorePickerStore {
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
      else set({ error: errorText(result.error, translator()) });
    },
    retry() {
      return get().show(get().offset);
    },
  }));
}
