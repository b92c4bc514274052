/**
 * The status strip's data: online/offline, what waits in the journal, sandbox or live, and
 * whether writes are stopped. Seeded by `statusGet`, kept current by the connectivity and
 * queue-size events, and re-read now and then (and after journal changes) for the rest.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge, TillEventPayload } from '../../shared/ipc/bridge-types.ts';
import type { TillStatus } from '../../shared/ipc/schemas/till.ts';
import type { LockState } from '../../shared/ipc/contract.ts';
import { call } from '../app/call.ts';
import type { Timers } from './timers.ts';

export interface StatusState {
  loaded: boolean;
  mode: 'sandbox' | 'live' | null;
  online: boolean | null;
  onlineSince: number | null;
  detail: string | null;
  /** Waiting to be sent (queued + sending). */
  pending: number;
  /** Outcome unknown, being checked. */
  checking: number;
  needsAttention: number;
  storeId: string | null;
  tillId: string | null;
  writesStopped: string | null;
  managerUnlocked: boolean;
  error: string | null;
  refresh(): Promise<void>;
  applyConnectivity(p: TillEventPayload<'connectivity'>): void;
  applyQueueSize(p: TillEventPayload<'queueSize'>): void;
  applyLockState(p: LockState): void;
}

export type StatusStore = StoreApi<StatusState>;

export function statusFromTill(s: TillStatus): Partial<StatusState> {
  const c = s.queue.counts;
  return {
    loaded: true,
    mode: s.mode,
    online: s.online,
    onlineSince: s.onlineSince,
    detail: s.detail,
    pending: (c.queued ?? 0) + (c.sending ?? 0),
    checking: (c.unknown ?? 0) + (c.verifying ?? 0),
    needsAttention: c['needs-attention'] ?? 0,
    storeId: s.storeId === '' ? null : s.storeId,
    tillId: s.tillId === '' ? null : s.tillId,
    writesStopped: s.writesStopped,
    error: null,
  };
}

export function createStatusStore(bridge: Pick<TillBridge, 'statusGet'>): StatusStore {
  return createStore<StatusState>()((set) => ({
    loaded: false,
    mode: null,
    online: null,
    onlineSince: null,
    detail: null,
    pending: 0,
    checking: 0,
    needsAttention: 0,
    storeId: null,
    tillId: null,
    writesStopped: null,
    managerUnlocked: false,
    error: null,
    async refresh() {
      const result = await call<TillStatus>(() => bridge.statusGet());
      if (result.ok) set(statusFromTill(result.value));
      else set({ error: result.error.message });
    },
    applyConnectivity(p) {
      set({ online: p.online, onlineSince: p.online ? Date.parse(p.since) : null, detail: p.detail });
    },
    applyQueueSize(p) {
      set({ pending: p.pending, checking: p.unknown });
    },
    applyLockState(p) {
      set({ managerUnlocked: p.unlocked });
    },
  }));
}

/** Re-read the status every `everyMs`, and soon after journal changes (coalesced). */
export function startStatusRefresh(store: StatusStore, timers: Timers, everyMs = 30_000): { kick(): void; stop(): void } {
  let periodic: unknown;
  let soon: unknown = null;
  let stopped = false;
  const loop = (): void => {
    periodic = timers.setTimeout(() => {
      void store.getState().refresh().finally(() => {
        if (!stopped) loop();
      });
    }, everyMs);
  };
  loop();
  return {
    kick() {
      if (soon !== null || stopped) return;
      soon = timers.setTimeout(() => {
        soon = null;
        void store.getState().refresh();
      }, 500);
    },
    stop() {
      stopped = true;
      timers.clearTimeout(periodic);
      if (soon !== null) timers.clearTimeout(soon);
    },
  };
}
