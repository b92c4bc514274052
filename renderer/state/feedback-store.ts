/** Short-lived notices (a scan was read, a scan was refused, …): the visual half of scan feedback. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Timers } from './timers.ts';

export type ToastTone = 'info' | 'success' | 'error' | 'warning';

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
}

export interface FeedbackState {
  toasts: Toast[];
  /** Bumped on every scan so the frame can flash. */
  scanPulse: { n: number; ok: boolean };
  push(tone: ToastTone, text: string, ms?: number): void;
  dismiss(id: number): void;
  pulse(ok: boolean): void;
}

export type FeedbackStore = StoreApi<FeedbackState>;

const MAX_TOASTS = 3;

export function createFeedbackStore(timers: Timers): FeedbackStore {
  let next = 1;
  return createStore<FeedbackState>()((set, get) => ({
    toasts: [],
    scanPulse: { n: 0, ok: true },
    push(tone, text, ms = tone === 'error' ? 6_000 : 3_000) {
      const id = next++;
      set({ toasts: [...get().toasts.filter((t) => t.text !== text), { id, tone, text }].slice(-MAX_TOASTS) });
      timers.setTimeout(() => get().dismiss(id), ms);
    },
    dismiss(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
    pulse(ok) {
      set({ scanPulse: { n: get().scanPulse.n + 1, ok } });
    },
  }));
}
