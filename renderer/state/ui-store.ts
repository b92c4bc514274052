/** Which panel or dialog is open over the cashier screen. One at a time, so Esc always has one meaning. */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type Panel = 'returns' | 'camera' | 'code' | 'manager';

export interface UiState {
  panel: Panel | null;
  open(panel: Panel): void;
  close(panel?: Panel): void;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  return createStore<UiState>()((set, get) => ({
    panel: null,
    open(panel) {
      set({ panel });
    },
    close(panel) {
      if (panel === undefined || get().panel === panel) set({ panel: null });
    },
  }));
}
