/**
 * The Settings "API keys" forms: each key as typed (until it crosses the bridge), the remove
 * question, and the acknowledgement before storing keys without a keyring. What main answers lives
 * in the keys store (masks only); this store is emptied when the console closes so no typed key
 * outlives the visit.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KeyKind } from '../../../shared/ipc/schemas/keys.ts';
import type { KeysStore } from './keys-store.ts';

export interface KeysFormState {
  typed: Record<KeyKind, string>;
  /** The "remove this key?" question is shown. */
  confirmClear: Record<KeyKind, boolean>;
  /** The risk of storing keys without a keyring was acknowledged. */
  ack: boolean;
  type(kind: KeyKind, text: string): void;
  /** A key that crossed the bridge leaves the field, whatever the answer; one refused here stays to be corrected. */
  save(kind: KeyKind): Promise<void>;
  askClear(kind: KeyKind, asking: boolean): void;
  clear(kind: KeyKind): Promise<void>;
  acknowledge(ack: boolean): void;
  /** Only once acknowledged. */
  allowPlainText(): Promise<void>;
  reset(): void;
}

export type KeysFormStore = StoreApi<KeysFormState>;

const EMPTY = { typed: { write: '', read: '' }, confirmClear: { write: false, read: false }, ack: false } as const;

export function createKeysFormStore(deps: { keys: KeysStore }): KeysFormStore {
  const { keys } = deps;
  return createStore<KeysFormState>()((set, get) => ({
    ...EMPTY,

    type(kind, text) {
      set({ typed: { ...get().typed, [kind]: text } });
    },

    async save(kind) {
      if (await keys.getState().setKey(kind, get().typed[kind])) set({ typed: { ...get().typed, [kind]: '' } });
    },

    askClear(kind, asking) {
      set({ confirmClear: { ...get().confirmClear, [kind]: asking } });
    },

    async clear(kind) {
      await keys.getState().clear(kind);
      set({ confirmClear: { ...get().confirmClear, [kind]: false } });
    },

    acknowledge(ack) {
      set({ ack });
    },

    async allowPlainText() {
      if (get().ack) await keys.getState().allowPlainText();
    },

    reset() {
      set(EMPTY);
    },
  }));
}
