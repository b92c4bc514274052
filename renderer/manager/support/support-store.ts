/**
 * The manager's "Save a support bundle" (`support:save-bundle`): one save at a time, and what
 * became of the last one — where it was written, that the manager cancelled the save dialog, or
 * why it failed (main says which folder problem, e.g. no space or no permission).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { SupportBundleResult } from '../../../shared/ipc/schemas/fleet.ts';
import { call, type CallError } from '../../app/call.ts';

export type BundleOutcome =
  | { kind: 'saved'; path: string; bytes: number; entries: readonly string[] }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: CallError };

export interface SupportState {
  saving: boolean;
  last: BundleOutcome | null;
  save(): Promise<void>;
}

export type SupportStore = StoreApi<SupportState>;

export function createSupportStore(bridge: Pick<TillBridge, 'supportSaveBundle'>): SupportStore {
  return createStore<SupportState>()((set, get) => ({
    saving: false,
    last: null,
    async save() {
      if (get().saving) return;
      set({ saving: true, last: null });
      const result = await call<SupportBundleResult>(() => bridge.supportSaveBundle());
      if (!result.ok) set({ saving: false, last: { kind: 'failed', error: result.error } });
      else if (!result.value.saved) set({ saving: false, last: { kind: 'cancelled' } });
      else set({ saving: false, last: { kind: 'saved', path: result.value.path, bytes: result.value.bytes, entries: result.value.entries } });
    },
  }));
}
