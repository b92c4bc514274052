/**
 * Online / offline as the till experiences it, learned from the API calls it makes anyway (every
 * answered call proves SocialHub is reachable; a refused, reset or timed-out one that it is not),
 * so the status strip needs no extra traffic. Listeners hear only real changes.
 */
import type { ApiCallRecord } from '../api/index.ts';

export interface OnlineState {
  readonly online: boolean;
  /** When the current state began (epoch ms), null before anything was observed. */
  readonly since: number | null;
  readonly detail: string | null;
}

export interface OnlineStatus {
  state(): OnlineState;
  observe(record: ApiCallRecord): void;
  /** For outcomes known without a call (e.g. the sandbox could not start). */
  set(online: boolean, detail: string | null): void;
  subscribe(listener: (state: OnlineState) => void): () => void;
}

const UNREACHABLE = new Set(['connection-refused', 'dns', 'network', 'timeout', 'reset']);

export function createOnlineStatus(now: () => number): OnlineStatus {
  let current: OnlineState = { online: false, since: null, detail: 'Not checked yet.' };
  const listeners = new Set<(state: OnlineState) => void>();

  function set(online: boolean, detail: string | null): void {
    if (current.since !== null && current.online === online && current.detail === detail) return;
    const changed = current.since === null || current.online !== online;
    current = { online, since: changed ? now() : current.since, detail };
    for (const l of listeners) {
      try {
        l(current);
      } catch {
        // A listener's bug must not break the API call that reported this.
      }
    }
  }

  return {
    state: () => current,
    observe(record) {
      if (record.outcome === 'invalid-input' || record.outcome === 'insecure-base-url') return; // nothing left the process
      if (UNREACHABLE.has(record.outcome)) set(false, `SocialHub did not answer (${record.outcome}).`);
      else set(true, null);
    },
    set,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
