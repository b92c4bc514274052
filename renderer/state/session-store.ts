/**
 * The manager session as the console sees it: the PIN gate (verify, set with the set-up code,
 * clear the till), unlock, lock, auto-lock, and a session that ended under a call (any call that
 * comes back LOCKED sends the console back to the PIN, with the screens kept as they were).
 * Typed digits stay in the gate's fields; everything that asks main lives here.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { LockState, PinVerifyResult } from '../../shared/ipc/contract.ts';
import { defineMessages } from '@formatjs/intl';
import { PIN_MAX_DIGITS, PIN_MIN_DIGITS, pinSchema } from '../../shared/ipc/schemas/pin.ts';
import { englishText, type Translator } from '../../shared/i18n/translator.ts';
import { call, errorText } from '../app/call.ts';
import { newPinProblem, PIN_MESSAGES, pinProblem, setupCodeProblem, verifyView } from './pin-rules.ts';
import type { Translate } from './locale-store.ts';

/** closed: the console is not open · checking: asking main · locked: the PIN gate · open: unlocked. */
export type SessionPhase = 'closed' | 'checking' | 'locked' | 'open';

const MESSAGES = defineMessages({
  sessionEnded: { id: 'manager.pin.sessionEnded', defaultMessage: 'The manager session ended. Enter the PIN to continue.', description: 'PIN gate notice: a call found the manager session gone' },
  autoLocked: {
    id: 'manager.pin.autoLocked',
    defaultMessage: 'Locked after {minutes, plural, one {# minute} other {# minutes}} without manager activity.',
    description: 'PIN gate notice: the console locked itself after idle minutes',
  },
  enterCurrent: { id: 'manager.pin.enterCurrent', defaultMessage: 'Enter the current PIN.', description: 'Change PIN: the current PIN is missing or malformed' },
  sameAsCurrent: { id: 'manager.pin.sameAsCurrent', defaultMessage: 'Choose a PIN different from the current one.', description: 'Change PIN: the new PIN equals the current one' },
  newDiffer: { id: 'manager.pin.newDiffer', defaultMessage: 'The two new PINs differ.', description: 'Change PIN: new PIN and its repeat differ' },
});

export const SESSION_ENDED = englishText(MESSAGES.sessionEnded);

export function autoLockNotice(minutes: number, t: Translate = englishText): string {
  return t(MESSAGES.autoLocked, { minutes });
}

export interface PinFieldErrors {
  code?: string;
  pin?: string;
  repeat?: string;
}

export interface ChangePinErrors {
  current?: string;
  next?: string;
  repeat?: string;
}

/** `sent`: main saw the attempt (the current PIN was used up and is typed again). */
export type ChangePinResult = { ok: true } | { ok: false; sent: boolean; errors: ChangePinErrors; failure: string | null };

export interface SessionState {
  phase: SessionPhase;
  lock: LockState | null;
  /** Why the gate is shown again (auto-lock, a session that ended under a call); none for the Lock button. */
  notice: string | null;
  /** The console cannot start (the PIN status could not be read). */
  startError: string | null;
  /** Counts unlocks: screens fetched before a lock re-read after the next one. */
  generation: number;
  busy: 'verify' | 'set' | 'clear' | null;
  /** The gate's message line (wrong PIN, a refused set-up code…). */
  message: string | null;
  fieldErrors: PinFieldErrors;
  /** A lockout after too many wrong PINs (epoch ms). */
  lockedOutUntil: number | null;
  clearMessage: string | null;

  /** The console opened: a session left open (a reload, a crashed window) is closed first. */
  open(): Promise<void>;
  /** The console closed: the manager session ends with it. */
  close(): void;
  /** The Lock button. */
  lockNow(): Promise<void>;
  verify(pin: string): Promise<boolean>;
  /** Set the PIN with the till's set-up code (first run, untrusted record, forgotten PIN). */
  setPinWithCode(input: { code: string; pin: string; repeat: string }): Promise<boolean>;
  /** No set-up code: both keys and all settings go, the journal stays; back to a first run. */
  clearTill(): Promise<void>;
  changePin(input: { current: string; next: string; repeat: string }): Promise<ChangePinResult>;
  /** Main's lock-state event (auto-lock, a lock from elsewhere). */
  applyLockState(state: LockState): void;
  /** A call came back LOCKED. */
  sessionEnded(): void;
  clearGate(): void;
}

export type SessionStore = StoreApi<SessionState>;

export type SessionBridge = Pick<TillBridge, 'pinStatus' | 'pinLock' | 'pinVerify' | 'pinSet' | 'tillReset'>;

/** What is wrong with a PIN change before it is sent (none: an empty object). */
export function changePinProblems(current: string, next: string, repeat: string, t: Translate = englishText): ChangePinErrors {
  const e: ChangePinErrors = {};
  if (!pinSchema.safeParse(current).success) e.current = t(MESSAGES.enterCurrent);
  if (!pinSchema.safeParse(next).success) e.next = t(PIN_MESSAGES.pinRule, { min: PIN_MIN_DIGITS, max: PIN_MAX_DIGITS });
  else if (next === current) e.next = t(MESSAGES.sameAsCurrent);
  if (repeat !== next) e.repeat = t(MESSAGES.newDiffer);
  return e;
}

const GATE_RESET = { busy: null, message: null, fieldErrors: {}, clearMessage: null } as const;

export interface SessionHooks {
  /** Keys and settings were cleared: whoever holds settings reads them again. */
  onTillCleared?: () => void;
  /** The console was unlocked (main's own state — key storage, notices — may have moved meanwhile). */
  onUnlocked?: () => void;
  /** The till's current translator (the runtime's locale store). */
  translator: () => Translator;
}

export function createSessionStore(bridge: SessionBridge, hooks: SessionHooks): SessionStore {
  const tr = hooks.translator;
  const t: Translate = (m, v) => tr().t(m, v);
  const say = (error: Parameters<typeof errorText>[0]): string => errorText(error, tr());
  const store = createStore<SessionState>()((set, get) => {
    const toLocked = (notice: string | null): void => {
      if (get().phase !== 'open') return;
      set({ phase: 'locked', notice, ...GATE_RESET });
    };
    const unlocked = (lock: LockState): void => {
      set({ phase: 'open', lock, notice: null, generation: get().generation + 1, lockedOutUntil: null, ...GATE_RESET });
      hooks.onUnlocked?.();
    };
    const lockedOut = (lock: LockState | null): number | null => (lock?.lockedOutUntil != null ? Date.parse(lock.lockedOutUntil) : null);

    return {
      phase: 'closed',
      lock: null,
      notice: null,
      startError: null,
      generation: 0,
      lockedOutUntil: null,
      ...GATE_RESET,

      async open() {
        set({ phase: 'checking', startError: null, notice: null, ...GATE_RESET });
        const status = await call<LockState>(() => bridge.pinStatus());
        const result = status.ok && status.value.unlocked ? await call<LockState>(() => bridge.pinLock()) : status;
        if (get().phase !== 'checking') return;
        if (!result.ok) {
          set({ startError: t(PIN_MESSAGES.cannotStart, { reason: say(result.error) }) });
          return;
        }
        set({ phase: 'locked', lock: result.value, lockedOutUntil: lockedOut(result.value) });
      },

      close() {
        set({ phase: 'closed', notice: null, startError: null, ...GATE_RESET });
        void bridge.pinLock().catch(() => undefined);
      },

      async lockNow() {
        if (get().phase === 'open') set({ phase: 'locked', notice: null, ...GATE_RESET });
        const result = await call<LockState>(() => bridge.pinLock());
        if (result.ok) set({ lock: result.value });
      },

      async verify(pin) {
        const s = get();
        if (s.busy !== null || (s.lockedOutUntil !== null && s.lockedOutUntil > Date.now())) return false;
        const problem = pinProblem(pin, t);
        if (problem !== null) {
          set({ message: problem });
          return false;
        }
        set({ busy: 'verify' });
        const result = await call<PinVerifyResult>(() => bridge.pinVerify({ pin }));
        set({ busy: null });
        if (!result.ok) {
          set({ message: say(result.error) });
          return false;
        }
        const view = verifyView(result.value, t);
        set({ lock: result.value.state });
        switch (view.kind) {
          case 'unlocked':
            unlocked(result.value.state);
            return true;
          case 'wrong':
            set({ message: view.text });
            return false;
          case 'locked-out':
            set({ lockedOutUntil: view.until, message: null });
            return false;
          case 'not-set':
            set({ message: t(PIN_MESSAGES.notSet) });
            return false;
        }
      },

      async setPinWithCode({ code, pin, repeat }) {
        if (get().busy !== null) return false;
        const codeProblem = setupCodeProblem(code, t);
        const problems: PinFieldErrors = { ...(codeProblem === null ? {} : { code: codeProblem }), ...(newPinProblem(pin, repeat, t) ?? {}) };
        set({ fieldErrors: problems, message: null });
        if (Object.keys(problems).length > 0) return false;
        set({ busy: 'set' });
        const result = await call<LockState>(() => bridge.pinSet({ newPin: pin, setupCode: code }));
        set({ busy: null });
        if (!result.ok) {
          if (result.error.code === 'SETUP_CODE_WRONG') set({ fieldErrors: { code: say(result.error) } });
          else set({ message: say(result.error) });
          return false;
        }
        if (result.value.unlocked) unlocked(result.value);
        else set({ lock: result.value });
        return true;
      },

      async clearTill() {
        if (get().busy !== null) return;
        set({ busy: 'clear', clearMessage: null });
        const result = await call<LockState>(() => bridge.tillReset({ confirm: 'clear keys and settings' }));
        set({ busy: null });
        // Back on a first run: the gate shows the new set-up code.
        if (!result.ok) {
          set({ clearMessage: say(result.error) });
          return;
        }
        set({ lock: result.value, lockedOutUntil: lockedOut(result.value) });
        hooks.onTillCleared?.();
      },

      async changePin({ current, next, repeat }) {
        const errors = changePinProblems(current, next, repeat, t);
        if (Object.keys(errors).length > 0) return { ok: false, sent: false, errors, failure: null };
        const result = await call<LockState>(() => bridge.pinSet({ newPin: next, currentPin: current }));
        if (result.ok) {
          set({ lock: result.value });
          return { ok: true };
        }
        if (result.error.code === 'PIN_WRONG') return { ok: false, sent: true, errors: { current: say(result.error) }, failure: null };
        return { ok: false, sent: true, errors: {}, failure: say(result.error) };
      },

      applyLockState(lock) {
        set({ lock });
        if (!lock.unlocked) toLocked(autoLockNotice(lock.autoLockMinutes, t));
      },

      sessionEnded() {
        toLocked(t(MESSAGES.sessionEnded));
      },

      clearGate() {
        set({ ...GATE_RESET });
      },
    };
  });
  return store;
}
