/**
 * The PIN rules and their wording: wrong PIN, attempts left, set-up code, a first PIN. Here, not
 * in manager/pin/, because the session store checks PINs before it calls main. Pure, for tests;
 * `t` is the runtime's translator (English when left out).
 */
import { defineMessages } from '@formatjs/intl';
import { isGuessablePin, normaliseSetupCode, PIN_MAX_DIGITS, PIN_MESSAGES as SHARED_PIN_MESSAGES, PIN_MIN_DIGITS, PIN_PATTERN } from '../../shared/ipc/schemas/pin.ts';
import type { PinVerifyResult } from '../../shared/ipc/contract.ts';
import { englishText } from '../../shared/i18n/translator.ts';
import type { Translate } from './locale-store.ts';

export const PIN_MESSAGES = defineMessages({
  wrong: {
    id: 'manager.pin.wrong',
    defaultMessage: 'Wrong PIN. {attemptsLeft, plural, one {One attempt} other {# attempts}} left before the manager console locks for a while.',
    description: 'PIN gate: wrong PIN, with the attempts left before a lockout',
  },
  lockout: { id: 'manager.pin.lockout', defaultMessage: 'Too many wrong PINs. Try again at {time}.', description: 'PIN gate: locked out until a clock time' },
  enterPin: { id: 'manager.pin.enterPin', defaultMessage: 'Enter the PIN.', description: 'PIN gate: the PIN field is empty' },
  pinRule: { id: 'manager.pin.rule', defaultMessage: 'A PIN is {min} to {max} digits.', description: 'PIN gate: the PIN has the wrong length or characters' },
  enterCode: { id: 'manager.pin.enterCode', defaultMessage: 'Enter the set-up code.', description: 'PIN gate: the set-up code field is empty' },
  codeShape: {
    id: 'manager.pin.codeShape',
    defaultMessage: 'A set-up code is 12 letters and digits, written like {example}.',
    description: 'PIN gate: the set-up code is malformed; example is a code like 7KQ4-M2XD-9PRT',
  },
  differ: { id: 'manager.pin.differ', defaultMessage: 'The two PINs differ.', description: 'PIN gate: new PIN and its repeat differ' },
  notSet: { id: 'manager.pin.notSet', defaultMessage: 'No manager PIN is set yet.', description: 'PIN gate: no PIN configured' },
  cannotStart: { id: 'manager.pin.cannotStart', defaultMessage: 'The manager console cannot start: {reason}', description: 'Manager console: the lock state could not be read; reason is a sentence' },
});

export type VerifyView =
  | { kind: 'unlocked' }
  | { kind: 'wrong'; text: string }
  | { kind: 'locked-out'; until: number }
  | { kind: 'not-set' };

export function verifyView(r: PinVerifyResult, t: Translate = englishText): VerifyView {
  switch (r.result) {
    case 'unlocked':
      return { kind: 'unlocked' };
    case 'wrong':
      return { kind: 'wrong', text: t(PIN_MESSAGES.wrong, { attemptsLeft: r.attemptsLeft }) };
    case 'locked-out':
      return { kind: 'locked-out', until: Date.parse(r.retryAt) };
    case 'not-set':
      return { kind: 'not-set' };
  }
}

/** What is wrong with a typed PIN, or null. */
export function pinProblem(pin: string, t: Translate = englishText): string | null {
  if (pin === '') return t(PIN_MESSAGES.enterPin);
  return PIN_PATTERN.test(pin) ? null : t(PIN_MESSAGES.pinRule, { min: PIN_MIN_DIGITS, max: PIN_MAX_DIGITS });
}

/** What is wrong with a typed set-up code, or null. */
export function setupCodeProblem(code: string, t: Translate = englishText): string | null {
  if (code.trim() === '') return t(PIN_MESSAGES.enterCode);
  return normaliseSetupCode(code) === null ? t(PIN_MESSAGES.codeShape, { example: '7KQ4-M2XD-9PRT' }) : null;
}

/** For the first PIN: both entries valid and equal. */
export function newPinProblem(pin: string, repeat: string, t: Translate = englishText): { pin?: string; repeat?: string } | null {
  const p = pinProblem(pin, t);
  if (p !== null) return { pin: p };
  if (isGuessablePin(pin)) return { pin: t(SHARED_PIN_MESSAGES.tooEasy) };
  if (repeat !== pin) return { repeat: t(PIN_MESSAGES.differ) };
  return null;
}
