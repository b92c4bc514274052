/**
 * What the console's data tabs (transactions, attention, reconcile, activity, adjust) still read
 * from the shell while they keep their own state: the bridge from the runtime, the one `call()`
 * in envelope form, the unlock count, the settings store's settings, and the row-detail hooks.
 * Session, lock and settings state live in their stores (state/session-store.ts,
 * state/settings-store.ts); this context carries nothing of its own.
 */
import { createContext, useContext } from 'react';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { Envelope } from '../../shared/ipc/envelope.ts';
import type { Settings } from '../../shared/ipc/schemas/settings.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import { call } from '../app/call.ts';

export interface ManagerSession {
  readonly till: TillBridge;
  call: <T>(fn: (till: TillBridge) => Promise<Envelope<T>>) => Promise<Envelope<T>>;
  /** Counts unlocks: data fetched before a lock is re-read after the next unlock. */
  readonly generation: number;
  readonly settings: Settings | null;
  /** Open a journal row's detail drawer (from any tab). */
  openRow: (id: number) => void;
  /** A manager action changed a row: lists that show it patch it in place. */
  notifyRowChanged: (row: JournalRow) => void;
  onRowChanged: (listener: (row: JournalRow) => void) => () => void;
}

export const SessionContext = createContext<ManagerSession | null>(null);

export function useSession(): ManagerSession {
  const s = useContext(SessionContext);
  if (s === null) throw new Error('useSession outside the manager console');
  return s;
}

/** The one `call()` (app/call.ts) in the envelope shape these tabs expect; a bridge failure reads as INTERNAL. */
export function envelopeCall(till: TillBridge) {
  return async <T>(fn: (till: TillBridge) => Promise<Envelope<T>>): Promise<Envelope<T>> => {
    const result = await call<T>(() => fn(till));
    if (result.ok) return result;
    const { code, ...rest } = result.error;
    return { ok: false, error: { ...rest, code: code === 'BRIDGE' ? 'INTERNAL' : code } };
  };
}
