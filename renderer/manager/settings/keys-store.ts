/**
 * The API keys as the manager console's Settings show them: the masked status of each key, set
 * (the typed key crosses the bridge once and is never kept here), test connection, remove, and
 * the explicit opt-in to store keys without a keyring. Only masks ever reach this store.
 */
import { defineMessages } from '@formatjs/intl';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { englishText, type Translator } from '../../../shared/i18n/translator.ts';
import { localizeIssue } from '../../../shared/ipc/issue-messages.ts';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { KeysStatus, KeyTestResult } from '../../../shared/ipc/contract.ts';
import { apiKeySchema, type KeyKind } from '../../../shared/ipc/schemas/keys.ts';
import { call, errorText } from '../../app/call.ts';

export interface KeySlotState {
  busy: 'set' | 'test' | 'clear' | null;
  /** A problem with the typed key, shown next to its field. */
  fieldError: string | null;
  error: string | null;
  /** "Saved: fl_test_…wxyz." / "Key removed." */
  saved: string | null;
  test: KeyTestResult | null;
}

export interface KeysState {
  status: KeysStatus | null;
  error: string | null;
  slots: Record<KeyKind, KeySlotState>;
  optIn: { busy: boolean; error: string | null };
  load(): Promise<void>;
  /** Returns whether the key was sent (the field is then cleared, whatever the answer). */
  setKey(kind: KeyKind, typed: string): Promise<boolean>;
  test(kind: KeyKind): Promise<void>;
  clear(kind: KeyKind): Promise<boolean>;
  allowPlainText(): Promise<void>;
}

const M = defineMessages({
  notAKey: { id: 'state.keys.notAKey', defaultMessage: 'This is not a SocialHub key.', description: 'A typed API key has the wrong form' },
  savedMask: { id: 'state.keys.savedMask', defaultMessage: 'Saved: {mask}.', description: 'An API key was saved; mask shows its first and last characters' },
  saved: { id: 'state.keys.saved', defaultMessage: 'Saved: key stored.', description: 'An API key was saved (no mask to show)' },
  removed: { id: 'state.keys.removed', defaultMessage: 'Key removed.', description: 'An API key was removed' },
});

export type KeysStore = StoreApi<KeysState>;

export type KeysBridge = Pick<TillBridge, 'keysStatus' | 'keysSet' | 'keysTest' | 'keysClear' | 'keysAllowPlainText'>;

const IDLE: KeySlotState = { busy: null, fieldError: null, error: null, saved: null, test: null };

/** What is wrong with a typed key, or null. */
export function keyProblem(typed: string, t: Translator['t'] = englishText): string | null {
  const parsed = apiKeySchema.safeParse(typed.trim());
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (issue === undefined) return t(M.notAKey);
  const localized = localizeIssue(issue);
  return t(localized.messageId, localized.values);
}

export interface KeysHooks {
  onStorageChanged?: () => void;
  /** The till's current translator. */
  translator: () => Translator;
}

export function createKeysStore(bridge: KeysBridge, hooks: KeysHooks): KeysStore {
  const tr = hooks.translator;
  const errText = (error: Parameters<typeof errorText>[0]): string => errorText(error, tr());
  return createStore<KeysState>()((set, get) => {
    const slot = (kind: KeyKind, patch: Partial<KeySlotState>): void => {
      set({ slots: { ...get().slots, [kind]: { ...get().slots[kind], ...patch } } });
    };
    const busy = (kind: KeyKind): boolean => get().slots[kind].busy !== null;
    /** Bumped by every call that answers with the key status, as it starts. */
    let generation = 0;
    /** The generation of the last status that landed: an older answer (a read that started before a save) must not replace it. */
    let applied = 0;
    const landStatus = (mine: number, status: KeysStatus, also: Partial<KeysState> = {}): void => {
      if (mine < applied) return set(also);
      applied = mine;
      set({ ...also, status });
    };

    return {
      status: null,
      error: null,
      slots: { write: IDLE, read: IDLE },
      optIn: { busy: false, error: null },

      async load() {
        const mine = ++generation;
        const result = await call<KeysStatus>(() => bridge.keysStatus());
        if (result.ok) landStatus(mine, result.value, { error: null });
        else set({ error: errText(result.error) });
      },

      async setKey(kind, typed) {
        if (busy(kind)) return false;
        slot(kind, { saved: null, error: null, test: null });
        const problem = keyProblem(typed, tr().t);
        if (problem !== null) {
          slot(kind, { fieldError: problem });
          return false;
        }
        slot(kind, { fieldError: null, busy: 'set' });
        const mine = ++generation;
        const result = await call<KeysStatus>(() => bridge.keysSet({ kind, key: typed.trim() }));
        slot(kind, { busy: null });
        if (!result.ok) {
          if (result.error.code === 'KEY_INVALID') slot(kind, { fieldError: errText(result.error) });
          else slot(kind, { error: errText(result.error) });
          return true;
        }
        landStatus(mine, result.value);
        const mask = result.value[kind].mask;
        slot(kind, { saved: mask !== null ? tr().t(M.savedMask, { mask }) : tr().t(M.saved) });
        hooks.onStorageChanged?.();
        return true;
      },

      async test(kind) {
        if (busy(kind)) return;
        slot(kind, { busy: 'test', error: null, saved: null, test: null });
        const result = await call<KeyTestResult>(() => bridge.keysTest({ kind }));
        slot(kind, result.ok ? { busy: null, test: result.value } : { busy: null, error: errText(result.error) });
      },

      async clear(kind) {
        if (busy(kind)) return false;
        slot(kind, { busy: 'clear', error: null, test: null });
        const mine = ++generation;
        const result = await call<KeysStatus>(() => bridge.keysClear({ kind }));
        slot(kind, { busy: null });
        if (!result.ok) {
          slot(kind, { error: errText(result.error) });
          return false;
        }
        landStatus(mine, result.value);
        slot(kind, { saved: tr().t(M.removed) });
        hooks.onStorageChanged?.();
        return true;
      },

      async allowPlainText() {
        if (get().optIn.busy) return;
        set({ optIn: { busy: true, error: null } });
        const mine = ++generation;
        const result = await call<KeysStatus>(() => bridge.keysAllowPlainText({ acknowledge: true }));
        if (result.ok) {
          landStatus(mine, result.value, { optIn: { busy: false, error: null } });
          hooks.onStorageChanged?.();
        } else set({ optIn: { busy: false, error: errText(result.error) } });
      },
    };
  });
}
