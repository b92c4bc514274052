/**
 * The PIN gate's form: the PIN as typed (field or on-screen keypad), the set-up-code form, which
 * form is shown (the forgotten-PIN reset) and the two-step "clear the till". Digits only; every
 * question to main goes through the session store. Emptied on an unlock and when the console
 * closes, so no PIN outlives the visit.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { PIN_MAX_DIGITS } from '../../../shared/ipc/schemas/pin.ts';
import type { SessionState, SessionStore } from '../../state/session-store.ts';
import { pinProblem } from '../../state/pin-rules.ts';

export type SetPinField = 'code' | 'pin' | 'repeat';

export interface PinGateState {
  /** The verify form's PIN. */
  pin: string;
  /** The set-up-code form. */
  code: string;
  newPin: string;
  repeat: string;
  /** The manager asked to reset a forgotten PIN (the PIN is set, the code form is shown). */
  forgot: boolean;
  /** The clear-the-till confirmation is shown. */
  askingClear: boolean;

  /** Typed or pasted into the PIN field: only the digits stay. */
  typePin(text: string): void;
  /** A keypad digit (ignored once the PIN is at its longest). */
  press(digit: string): void;
  backspace(): void;
  clearPin(): void;
  /** Unlock; a PIN refused before asking main stays to be corrected, a sent one is cleared. */
  verify(): Promise<void>;
  /** The set-up-code form's fields (the code as typed, the PINs digits only). */
  setField(field: SetPinField, text: string): void;
  /** Set the PIN with the code; the form empties when main took it. */
  setPin(): Promise<void>;
  forgotPin(): void;
  backFromForgot(): void;
  askClear(asking: boolean): void;
  reset(): void;
}

export type PinGateStore = StoreApi<PinGateState>;

const EMPTY = { pin: '', code: '', newPin: '', repeat: '', forgot: false, askingClear: false } as const;
const FIELD_KEYS = { code: 'code', pin: 'newPin', repeat: 'repeat' } as const satisfies Record<SetPinField, keyof PinGateState>;

const setupKey = (s: SessionState): string => `${String(s.lock?.configured)}-${s.lock?.setup ?? ''}-${s.lock?.setupCode ?? ''}`;

export function createPinGateStore(deps: { session: SessionStore }): PinGateStore {
  const { session } = deps;
  const digits = (text: string): string => text.replace(/\D/g, '');
  const store = createStore<PinGateState>()((set, get) => ({
    ...EMPTY,

    typePin(text) {
      set({ pin: digits(text) });
    },

    press(digit) {
      const pin = get().pin;
      if (pin.length < PIN_MAX_DIGITS) set({ pin: pin + digits(digit) });
    },

    backspace() {
      set({ pin: get().pin.slice(0, -1) });
    },

    clearPin() {
      set({ pin: '' });
    },

    async verify() {
      const s = session.getState();
      if (s.busy !== null || (s.lockedOutUntil !== null && s.lockedOutUntil > Date.now())) return;
      const typed = get().pin;
      const verifying = s.verify(typed);
      if (pinProblem(typed) === null) set({ pin: '' });
      await verifying;
    },

    setField(field, text) {
      set({ [FIELD_KEYS[field]]: field === 'code' ? text : digits(text) });
    },

    async setPin() {
      if (session.getState().busy !== null) return;
      const { code, newPin, repeat } = get();
      if (!(await session.getState().setPinWithCode({ code, pin: newPin, repeat }))) return;
      set({ code: '', newPin: '', repeat: '' });
    },

    forgotPin() {
      session.getState().clearGate();
      set({ ...EMPTY, forgot: true });
    },

    backFromForgot() {
      session.getState().clearGate();
      set({ ...EMPTY });
    },

    askClear(asking) {
      set({ askingClear: asking });
    },

    reset() {
      set(EMPTY);
    },
  }));
  session.subscribe((now, before) => {
    // Back at the gate after an unlock: the verify form again, not a half-done reset.
    if (now.phase === 'open' && before.phase !== 'open') store.getState().reset();
    // Another code form (a first run after clearing the till, a new set-up code): typed from scratch.
    else if (setupKey(now) !== setupKey(before)) store.setState({ code: '', newPin: '', repeat: '', askingClear: false });
  });
  return store;
}
