/**
 * Validation issues for people: every zod issue main (or the renderer's own check) reports gets a
 * catalogue id and values beside zod's English `message`, so a field problem reads in the till's
 * language. The schemas' own wordings are matched by their exact English text (one table, kept
 * beside the schemas' strings by the test); anything else by zod's issue code.
 */
import { defineMessages } from '@formatjs/intl';
import type { z } from 'zod';
import { localize, type LocalizedText } from '../i18n/translator.ts';

export const ISSUE_MESSAGES = defineMessages({
  idChars: { id: 'issue.idChars', defaultMessage: 'Must be {min}–{max} letters, digits, _ or -.', description: 'Field problem: an id has the wrong characters or length' },
  amountEmpty: { id: 'issue.amountEmpty', defaultMessage: 'Enter an amount.', description: 'Field problem: the amount is empty' },
  amountTooLong: { id: 'issue.amountTooLong', defaultMessage: 'The amount is too long.', description: 'Field problem: the amount has too many characters' },
  businessDate: { id: 'issue.businessDate', defaultMessage: 'Must be a real date in YYYY-MM-DD form.', description: 'Field problem: the business date is not a real date' },
  reasonShort: { id: 'issue.reasonShort', defaultMessage: 'Write a reason of at least {min} characters.', description: 'Field problem: the manager’s reason is too short' },
  noteShort: { id: 'issue.noteShort', defaultMessage: 'Write a note of at least {min} characters.', description: 'Field problem: the adjustment note is too short' },
  pointsZero: { id: 'issue.pointsZero', defaultMessage: 'Points must not be zero.', description: 'Field problem: an adjustment of 0 points' },
  clockTime: { id: 'issue.clockTime', defaultMessage: 'Must be a time as HH:MM (00:00–23:59).', description: 'Field problem: a clock time setting is malformed' },
  printableAscii: { id: 'issue.printableAscii', defaultMessage: 'Only plain printable characters (ASCII) are allowed.', description: 'Field problem: scanner prefix/suffix has other characters' },
  currencyCode: { id: 'issue.currencyCode', defaultMessage: 'Must be a three-letter currency code such as EUR.', description: 'Field problem: currency is not an ISO 4217 code' },
  currencyUnknown: { id: 'issue.currencyUnknown', defaultMessage: 'This till does not know that currency.', description: 'Field problem: currency code unknown to the till' },
  language: { id: 'issue.language', defaultMessage: 'Must be one of the till’s languages.', description: 'Field problem: unsupported language' },
  setupCode: { id: 'issue.setupCode', defaultMessage: 'A set-up code is 12 letters and digits, as XXXX-XXXX-XXXX.', description: 'Field problem: set-up code malformed' },
  keyFormat: { id: 'issue.keyFormat', defaultMessage: 'A key starts with fl_live_ or fl_test_ followed by letters, digits, _ or -.', description: 'Field problem: API key malformed' },
  keyLength: {
    id: 'issue.keyLength',
    defaultMessage: '{bound, select, least {A key is at least {n, number} characters.} other {A key is at most {n, number} characters.}}',
    description: 'Field problem: API key too short or too long',
  },
  pinDigits: { id: 'issue.pinDigits', defaultMessage: 'A PIN is {min} to {max} digits.', description: 'Field problem: PIN length or characters wrong' },
  baseUrl: { id: 'issue.baseUrl', defaultMessage: 'Must be an http(s) address without a user name or password.', description: 'Field problem: API base URL malformed' },
  hostName: { id: 'issue.hostName', defaultMessage: 'Must be a host name or *.domain.', description: 'Field problem: an allow-list entry is not a host name' },
  perUnitMax: { id: 'issue.perUnitMax', defaultMessage: 'Points per unit must be at most {max, number}.', description: 'Field problem: earn rule points per unit too large' },
  perUnitDecimals: { id: 'issue.perUnitDecimals', defaultMessage: 'Points per unit may have at most {max} decimal places.', description: 'Field problem: earn rule points per unit has too many decimals' },
  perUnitNegative: { id: 'issue.perUnitNegative', defaultMessage: 'Points per unit must not be negative.', description: 'Field problem: earn rule points per unit below zero' },
  pattern: {
    id: 'issue.pattern',
    defaultMessage: 'This pattern cannot be used: check its named groups, and avoid nested or repeated wildcards.',
    description: 'Field problem: a scan or receipt-code pattern is empty, too long, slow or lacks its named groups',
  },
  empty: { id: 'issue.empty', defaultMessage: 'Must not be empty.', description: 'Field problem: an empty text' },
  tooShort: { id: 'issue.tooShort', defaultMessage: 'Must be at least {min, plural, one {# character} other {# characters}}.', description: 'Field problem: text too short' },
  tooLong: { id: 'issue.tooLong', defaultMessage: 'Must be at most {max, plural, one {# character} other {# characters}}.', description: 'Field problem: text too long' },
  tooSmall: { id: 'issue.tooSmall', defaultMessage: 'Must be at least {min, number}.', description: 'Field problem: number too small' },
  tooBig: { id: 'issue.tooBig', defaultMessage: 'Must be at most {max, number}.', description: 'Field problem: number too large' },
  wrongType: { id: 'issue.wrongType', defaultMessage: 'This value has the wrong form.', description: 'Field problem: a value of the wrong type (a bug or an old screen)' },
  notAllowed: { id: 'issue.notAllowed', defaultMessage: 'This value is not one of the allowed choices.', description: 'Field problem: not one of an enum’s values' },
  unexpectedField: { id: 'issue.unexpectedField', defaultMessage: 'Unexpected field: {keys}.', description: 'Field problem: the request carried fields the till does not take; {keys} are their names' },
  invalid: { id: 'issue.invalid', defaultMessage: 'This value is not valid.', description: 'Field problem without a more specific sentence' },
});

/** The schemas' own English wordings (shared/ipc/schemas, shared/api, shared/earn) → their catalogue sentence. */
const BY_TEXT: Readonly<Record<string, LocalizedText>> = {
  'must be 1–64 letters, digits, _ or -': localize(ISSUE_MESSAGES.idChars, { min: 1, max: 64 }),
  'must be 1–64 characters of A–Z, a–z, 0–9, _ or -': localize(ISSUE_MESSAGES.idChars, { min: 1, max: 64 }),
  'must be 1–64 of A–Z, a–z, 0–9, _ or -': localize(ISSUE_MESSAGES.idChars, { min: 1, max: 64 }),
  'must be 8–48 letters, digits, _ or -': localize(ISSUE_MESSAGES.idChars, { min: 8, max: 48 }),
  'enter an amount': localize(ISSUE_MESSAGES.amountEmpty),
  'amount is too long': localize(ISSUE_MESSAGES.amountTooLong),
  'must be a real date in YYYY-MM-DD form': localize(ISSUE_MESSAGES.businessDate),
  'write a reason of at least 5 characters': localize(ISSUE_MESSAGES.reasonShort, { min: 5 }),
  'write a note of at least 5 characters': localize(ISSUE_MESSAGES.noteShort, { min: 5 }),
  'points must not be zero': localize(ISSUE_MESSAGES.pointsZero),
  'must be a time as HH:MM (00:00–23:59)': localize(ISSUE_MESSAGES.clockTime),
  'must be printable ASCII': localize(ISSUE_MESSAGES.printableAscii),
  'must be an ISO 4217 code such as EUR': localize(ISSUE_MESSAGES.currencyCode),
  'is not a currency this till knows': localize(ISSUE_MESSAGES.currencyUnknown),
  'must be one of the till’s languages': localize(ISSUE_MESSAGES.language),
  'a set-up code is 12 letters and digits, as XXXX-XXXX-XXXX': localize(ISSUE_MESSAGES.setupCode),
  'a key starts with fl_live_ or fl_test_ followed by letters, digits, _ or -': localize(ISSUE_MESSAGES.keyFormat),
  'points per unit may have at most 4 decimal places': localize(ISSUE_MESSAGES.perUnitDecimals, { max: 4 }),
  'points per unit must not be negative': localize(ISSUE_MESSAGES.perUnitNegative),
  'must be an http(s) URL without a user name or password': localize(ISSUE_MESSAGES.baseUrl),
  'must be a host name or *.domain': localize(ISSUE_MESSAGES.hostName),
};

/** Wordings with a number in them (the limit is the schema's own constant). */
const BY_PATTERN: readonly [RegExp, (m: RegExpExecArray) => LocalizedText][] = [
  [/^a key is at (least|most) (\d+) characters$/, (m) => localize(ISSUE_MESSAGES.keyLength, { bound: m[1] ?? 'least', n: Number(m[2]) })],
  [/^a PIN is (\d+) to (\d+) digits$/, (m) => localize(ISSUE_MESSAGES.pinDigits, { min: Number(m[1]), max: Number(m[2]) })],
  [/^points per unit must be at most (\d+)$/, (m) => localize(ISSUE_MESSAGES.perUnitMax, { max: Number(m[1]) })],
];

/** What a zod issue says, as a catalogue id and values (zod's `message` stays the English). */
export function localizeIssue(issue: z.core.$ZodIssue): LocalizedText {
  const known = BY_TEXT[issue.message];
  if (known !== undefined) return known;
  for (const [pattern, make] of BY_PATTERN) {
    const m = pattern.exec(issue.message);
    if (m !== null) return make(m);
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return localize(ISSUE_MESSAGES.unexpectedField, { keys: issue.keys.join(', ') });
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? localize(ISSUE_MESSAGES.empty) : localize(ISSUE_MESSAGES.tooShort, { min: Number(issue.minimum) });
      return localize(ISSUE_MESSAGES.tooSmall, { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return localize(ISSUE_MESSAGES.tooLong, { max: Number(issue.maximum) });
      return localize(ISSUE_MESSAGES.tooBig, { max: Number(issue.maximum) });
    case 'invalid_type':
      return localize(ISSUE_MESSAGES.wrongType);
    case 'invalid_value':
      return localize(ISSUE_MESSAGES.notAllowed);
    case 'custom':
      // The pattern checks explain in English (saved for logs); people get one sentence.
      if (/pattern/i.test(issue.message)) return localize(ISSUE_MESSAGES.pattern);
      return localize(ISSUE_MESSAGES.invalid);
    default:
      return localize(ISSUE_MESSAGES.invalid);
  }
}
