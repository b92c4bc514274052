/**
 * What every manager screen shares: the bridge, a `call()` that turns any failure into an
 * envelope error (never a thrown exception, never a stack) and sends the console back to the PIN
 * dialog on LOCKED, and the current settings.
 */
import { createContext, useContext } from 'react';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { Envelope, IpcErrorBody } from '../../shared/ipc/envelope.ts';
import type { Settings } from '../../shared/ipc/schemas/settings.ts';
import type { JournalRow } from '../../shared/journal/row.ts';

export interface ManagerSession {
  readonly till: TillBridge;
  call: <T>(fn: (till: TillBridge) => Promise<Envelope<T>>) => Promise<Envelope<T>>;
  /** Counts unlocks: data fetched before a lock is re-read after the next unlock. */
  readonly generation: number;
  readonly settings: Settings | null;
  setSettings: (settings: Settings) => void;
  /** Re-read the settings (after something else changed them, e.g. the scanner wizard). */
  refreshSettings: () => void;
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

/** The message to show for an envelope error: its own message, never more. */
export function errorText(error: IpcErrorBody): string {
  if (error.code === 'LOCKED') return 'The manager console locked itself. Enter the PIN to continue.';
  const first = error.issues?.[0];
  if (error.code === 'INVALID_PAYLOAD' && first !== undefined) {
    const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    return `${error.message} (${where}${first.message})`;
  }
  return error.message;
}

/** Wraps a bridge call: a rejected promise (the bridge itself failed) becomes an INTERNAL error. */
export async function safeCall<T>(
  till: TillBridge,
  fn: (till: TillBridge) => Promise<Envelope<T>>,
  onLocked: () => void,
): Promise<Envelope<T>> {
  let env: Envelope<T>;
  try {
    env = await fn(till);
  } catch {
    env = { ok: false, error: { code: 'INTERNAL', message: 'The till did not answer. Try again; if it keeps happening, restart the app.' } };
  }
  if (!env.ok && env.error.code === 'LOCKED') onLocked();
  return env;
}
