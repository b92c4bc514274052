/**
 * The Adjust tab's state: the form as typed, its errors, the review that opens the confirm step,
 * and the last adjustment sent. One submit per review: the form starts over once the write was
 * handed to the journal, so a second click cannot send it twice.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AdjustConfirmStore } from './adjust-confirm-store.ts';
import { EMPTY_ADJUST, validateAdjust } from './adjust-model.ts';
import type { AdjustDraft, AdjustField } from './adjust-model.ts';

export interface LastAdjustment {
  text: string;
  rowId: number | null;
}

export interface AdjustState {
  draft: AdjustDraft;
  errors: Partial<Record<AdjustField, string>>;
  last: LastAdjustment | null;
  set<K extends keyof AdjustDraft>(field: K, value: AdjustDraft[K]): void;
  clear(): void;
  /** Validate; when the form is sound, open the confirm step. */
  review(): boolean;
  reset(): void;
}

export type AdjustStore = StoreApi<AdjustState>;

export function createAdjustStore(deps: { confirm: AdjustConfirmStore }): AdjustStore {
  return createStore<AdjustState>()((set, get) => ({
    draft: EMPTY_ADJUST,
    errors: {},
    last: null,

    set(field, value) {
      set({ draft: { ...get().draft, [field]: value } });
    },
    clear() {
      set({ draft: EMPTY_ADJUST, errors: {} });
    },
    review() {
      const v = validateAdjust(get().draft);
      if (!v.ok) {
        set({ errors: v.errors });
        return false;
      }
      set({ errors: {} });
      deps.confirm.getState().begin('adjust', v.request, {
        onSubmitted(o) {
          set({ draft: EMPTY_ADJUST, last: { text: `Last adjustment: ${o.status === 'confirmed' ? 'done' : o.status}. ${o.message}`, rowId: o.row?.id ?? null } });
        },
      });
      return true;
    },
    reset() {
      set({ draft: EMPTY_ADJUST, errors: {}, last: null });
    },
  }));
}
