/** The PIN dialog's wording: wrong PIN, attempts left, lockout countdown, set-up code. Pure, for tests. */
import { normaliseSetupCode, PIN_PATTERN, PIN_RULE } from '../../../shared/ipc/schemas/pin.ts';
import type { PinVerifyResult } from '../../../shared/ipc/contract.ts';
import { formatTime } from '../../../shared/time/date-format.ts';

export type VerifyView =
  | { kind: 'unlocked' }
  | { kind: 'wrong'; text: string }
  | { kind: 'locked-out'; until: number }
  | { kind: 'not-set' };

export function verifyView(r: PinVerifyResult): VerifyView {
  switch (r.result) {
    case 'unlocked':
      return { kind: 'unlocked' };
    case 'wrong':
      return {
        kind: 'wrong',
        text:
          r.attemptsLeft === 1
            ? 'Wrong PIN. One attempt left before the manager console locks for a while.'
            : `Wrong PIN. ${r.attemptsLeft} attempts left before the manager console locks for a while.`,
      };
    case 'locked-out':
      return { kind: 'locked-out', until: Date.parse(r.retryAt) };
    case 'not-set':
      return { kind: 'not-set' };
  }
}

/** "4:05" / "0:09" */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function lockoutText(until: number): string {
  return `Too many wrong PINs. Try again at ${formatTime(until)}.`;
}

/** What is wrong with a typed PIN, or null. */
export function pinProblem(pin: string): string | null {
  if (pin === '') return 'Enter the PIN.';
  return PIN_PATTERN.test(pin) ? null : PIN_RULE;
}

/** What is wrong with a typed set-up code, or null. */
export function setupCodeProblem(code: string): string | null {
  if (code.trim() === '') return 'Enter the set-up code.';
  return normaliseSetupCode(code) === null ? 'A set-up code is 12 letters and digits, written like 7KQ4-M2XD-9PRT.' : null;
}

/** For the first PIN: both entries valid and equal. */
export function newPinProblem(pin: string, repeat: string): { pin?: string; repeat?: string } | null {
  const p = pinProblem(pin);
  if (p !== null) return { pin: p };
  if (/^(\d)\1+$/.test(pin) || '0123456789012'.includes(pin) || '9876543210987'.includes(pin)) return { pin: 'Choose a PIN that is harder to guess than a repeated digit or a run.' };
  if (repeat !== pin) return { repeat: 'The two PINs differ.' };
  return null;
}
