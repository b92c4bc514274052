/**
 * What the fleet policy manages, as the settings screen and the Support tab read it
 * (`policy:status`): which fields are locked, the file's state and its problem. Refreshed when
 * the console opens and whenever main's notices change (a policy applied or rejected raises or
 * clears one), so a policy IT deploys shows without reopening anything.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { PolicyStatusView } from '../../../shared/ipc/schemas/fleet.ts';
import { call, errorText } from '../../app/call.ts';
import type { Translator } from '../../../shared/i18n/translator.ts';

export interface PolicyStoreState {
  status: PolicyStatusView | null;
  error: string | null;
  refresh(): Promise<void>;
  /** Whether the policy locks this settings field (a dotted key locks with its top-level field). */
  isLocked(key: string): boolean;
}

export type PolicyStore = StoreApi<PolicyStoreState>;

/** `translator`: the till's current one, for why the policy could not be read. */
export function createPolicyStore(bridge: Pick<TillBridge, 'policyStatus'>, translator: () => Translator): PolicyStore {
  let asked = 0;
  return createStore<PolicyStoreState>()((set, get) => ({
    status: null,
    error: null,
    async refresh() {
      const mine = ++asked;
      const result = await call<PolicyStatusView>(() => bridge.policyStatus());
      if (mine !== asked) return; // a later refresh is on its way
      if (result.ok) set({ status: result.value, error: null });
      else set({ error: errorText(result.error, translator()) });
    },
    isLocked(key) {
      const locked: readonly string[] = get().status?.locked ?? [];
      return locked.includes(key.split('.')[0] ?? key);
    },
  }));
}
