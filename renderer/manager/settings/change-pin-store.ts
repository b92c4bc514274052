/**
 * The Settings "Manager PIN" form: the three PINs as typed (digits only), what is wrong with them,
 * one change at a time through the session store, and the line that says it was done. Kept by the
 * runtime, emptied when the console closes so no PIN outlives the visit.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { englishText } from '../../../shared/i18n/translator.ts';
import type { Translate } from '../../state/locale-store.ts';
import type { ChangePinErrors, SessionStore } from '../../state/session-store.ts';
import { M } from './messages.ts';

export type PinField = 'current' | 'next' | 'repeat';

export interface ChangePinState {
  current: string;
  next: string;
  repeat: string;
  errors: ChangePinErrors;
  /** A refusal that is not about one field (main unreachable, PIN locked out…). */
  failure: string | null;
  status: string | null;
  busy: boolean;
  /** Keeps only the digits typed. */
  set(field: PinField, text: string): void;
  submit(): Promise<void>;
  reset(): void;
}

export type ChangePinStore = StoreApi<ChangePinState>;

const EMPTY = { current: '', next: '', repeat: '', errors: {}, failure: null, status: null, busy: false } as const;

export function createChangePinStore(deps: { session: SessionStore; t?: Translate }): ChangePinStore {
  const t = deps.t ?? englishText;
  /** Counts resets: an answer for a form emptied meanwhile (the console closed) is dropped. */
  let generation = 0;
  return createStore<ChangePinState>()((set, get) => ({
    ...EMPTY,

    set(field, text) {
      set({ [field]: text.replace(/\D/g, ''), status: null });
    },

    async submit() {
      const { busy, current, next, repeat } = get();
      if (busy) return;
      const mine = generation;
      set({ busy: true, status: null, failure: null });
      const result = await deps.session.getState().changePin({ current, next, repeat });
      if (mine !== generation) return;
      if (!result.ok) {
        // Sent and refused: the current PIN is typed again; one that never left stays to be corrected.
        set({ busy: false, errors: result.errors, failure: result.failure, ...(result.sent ? { current: '' } : {}) });
        return;
      }
      set({ ...EMPTY, status: t(M.pinChanged) });
    },

    reset() {
      generation++;
      set(EMPTY);
    },
  }));
}
