/**
 * What a manager PIN and a set-up code look like. Pure zod: the IPC contract rejects a malformed
 * PIN or code at the door, and the PIN dialog shows the same rule.
 */
import { defineMessages } from '@formatjs/intl';
import { z } from 'zod';

export const PIN_MIN_DIGITS = 6;
export const PIN_MAX_DIGITS = 12;
export const PIN_PATTERN = /^\d{6,12}$/;
export const PIN_RULE = `A PIN is ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits.`;
/** The same rule for people, in the till's language: `intl.formatMessage(PIN_MESSAGES.rule, PIN_RULE_VALUES)`. */
export const PIN_MESSAGES = defineMessages({
  rule: { id: 'pin.rule', defaultMessage: 'A PIN is {min} to {max} digits.', description: 'Hint under the new-PIN field' },
  tooEasy: { id: 'manager.pin.tooEasy', defaultMessage: 'Choose a PIN that is harder to guess than a repeated digit or a run.', description: 'PIN gate: new PIN like 111111 or 123456' },
});
export const PIN_RULE_VALUES = { min: PIN_MIN_DIGITS, max: PIN_MAX_DIGITS } as const;
/** Every run of up to 12 digits, up or down, wrapping past 9/0 (3 rounds hold any 12-digit start). */
const RUN_UP = '0123456789'.repeat(3);
const RUN_DOWN = '9876543210'.repeat(3);
/**
 * A new PIN anyone would try first: one digit repeated (111111) or a run up or down, wrapping
 * past 9/0 (123456, 654321, 890123). Here so the PIN dialog and main's pin:set apply one rule.
 */
export function isGuessablePin(pin: string): boolean {
  return /^(\d)\1+$/.test(pin) || RUN_UP.includes(pin) || RUN_DOWN.includes(pin);
}
export const pinSchema = z.string().regex(PIN_PATTERN, `a PIN is ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits`);

/**
 * The set-up code: 12 Crockford base32 symbols, shown as `XXXX-XXXX-XXXX`. Typed by hand, so
 * case, spaces, dashes and the look-alikes O/0, I/L/1 do not matter (see normaliseSetupCode).
 */
export const SETUP_CODE_LENGTH = 12;
export const setupCodeSchema = z
  .string()
  .max(40)
  .refine((s) => normaliseSetupCode(s) !== null, 'a set-up code is 12 letters and digits, as XXXX-XXXX-XXXX');

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The canonical 12 symbols of a typed code, or null when it cannot be one. */
export function normaliseSetupCode(typed: string): string | null {
  const s = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== SETUP_CODE_LENGTH) return null;
  for (const ch of s) if (!CROCKFORD.includes(ch)) return null;
  return s;
}

/** `ABCD-EFGH-JKMN` from 12 canonical symbols. */
export function formatSetupCode(canonical: string): string {
  return `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8, 12)}`;
}

export const SETUP_CODE_ALPHABET = CROCKFORD;
