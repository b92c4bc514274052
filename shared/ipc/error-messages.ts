/**
 * A sentence for every IPC error code, for people: what the renderer shows, in the till's
 * language, when main sent an error without a more specific `messageId`. Main keeps sending the
 * English `message` too (logs, the CLI, an older renderer).
 */
import { defineMessages } from '@formatjs/intl';
import type { ErrorCode } from './envelope.ts';

export const ERROR_CODE_MESSAGES = defineMessages({
  FORBIDDEN: { id: 'error.code.FORBIDDEN', defaultMessage: 'This screen may not use the till.', description: 'IPC error: the caller is not the till window' },
  UNKNOWN_CHANNEL: { id: 'error.code.UNKNOWN_CHANNEL', defaultMessage: 'The till does not know that request.', description: 'IPC error: unknown request name (a bug)' },
  INVALID_PAYLOAD: { id: 'error.code.INVALID_PAYLOAD', defaultMessage: 'The request was not valid.', description: 'IPC error: the request data failed validation' },
  LOCKED: { id: 'error.code.LOCKED', defaultMessage: 'Unlock the manager functions with the manager PIN first.', description: 'IPC error: a manager action while the manager session is locked' },
  INTERNAL: { id: 'error.code.INTERNAL', defaultMessage: 'The till could not finish that. Try again; if it keeps happening, call a manager.', description: 'Generic error; details are only in the log' },
  SETTINGS_INVALID: { id: 'error.code.SETTINGS_INVALID', defaultMessage: 'Some settings are not allowed.', description: 'Settings save refused by validation' },
  SETTINGS_UNSAVED: { id: 'error.code.SETTINGS_UNSAVED', defaultMessage: 'The settings could not be saved; nothing was changed.', description: 'Settings file could not be written' },
  SETTINGS_LOCKED: { id: 'error.code.SETTINGS_LOCKED', defaultMessage: 'Managed by your organisation: this setting cannot be changed at the till.', description: 'The fleet policy locks the setting' },
  SUPPORT_BUNDLE_FAILED: { id: 'error.code.SUPPORT_BUNDLE_FAILED', defaultMessage: 'The support bundle could not be saved there; choose another place.', description: 'Support bundle could not be written' },
  KEY_INVALID: { id: 'error.code.KEY_INVALID', defaultMessage: 'SocialHub refused the API key; a manager should check the keys.', description: 'API key rejected or malformed' },
  KEY_MODE_MISMATCH: { id: 'error.code.KEY_MODE_MISMATCH', defaultMessage: 'This key is for the other mode (test or live).', description: 'A test key in live mode or the reverse' },
  KEY_NOT_CONFIGURED: { id: 'error.code.KEY_NOT_CONFIGURED', defaultMessage: 'No API key is set; a manager must set one.', description: 'No write key stored' },
  KEYRING_UNAVAILABLE: { id: 'error.code.KEYRING_UNAVAILABLE', defaultMessage: 'The system keyring cannot be used, so keys cannot be stored.', description: 'OS keyring missing' },
  KEYRING_UNPROTECTED: { id: 'error.code.KEYRING_UNPROTECTED', defaultMessage: 'The system keyring does not protect keys on this computer.', description: 'OS keyring is a plain-text fallback' },
  KEYS_UNREADABLE: { id: 'error.code.KEYS_UNREADABLE', defaultMessage: 'The stored keys cannot be read; a manager must set them again.', description: 'Stored keys cannot be decrypted' },
  API_UNAVAILABLE: { id: 'error.code.API_UNAVAILABLE', defaultMessage: 'SocialHub cannot be used right now. Try again soon.', description: 'No SocialHub service available' },
  KEY_ORIGIN_MISMATCH: { id: 'error.code.KEY_ORIGIN_MISMATCH', defaultMessage: 'The key was set for another API address; it was not sent.', description: 'Stored key bound to another server' },
  BASE_URL_NOT_ALLOWED: { id: 'error.code.BASE_URL_NOT_ALLOWED', defaultMessage: 'The API address is not allowed; nothing was sent.', description: 'API address not on the allow-list' },
  PIN_INVALID: { id: 'error.code.PIN_INVALID', defaultMessage: 'That PIN cannot be used; choose another.', description: 'PIN format wrong when setting it' },
  PIN_TOO_EASY: { id: 'error.code.PIN_TOO_EASY', defaultMessage: 'That PIN is too easy to guess; choose another.', description: 'New PIN refused: a repeated digit or a run like 123456' },
  PIN_NOT_SET: { id: 'error.code.PIN_NOT_SET', defaultMessage: 'No manager PIN is set yet.', description: 'Manager PIN not configured' },
  PIN_LOCKED_OUT: { id: 'error.code.PIN_LOCKED_OUT', defaultMessage: 'Too many wrong PINs. Wait, then try again.', description: 'PIN entry locked after failures' },
  PIN_WRONG: { id: 'error.code.PIN_WRONG', defaultMessage: 'Wrong PIN.', description: 'Wrong manager PIN' },
  PIN_UNREADABLE: { id: 'error.code.PIN_UNREADABLE', defaultMessage: 'The stored PIN cannot be read; reset it with the setup code.', description: 'Stored PIN file broken' },
  SETUP_CODE_REQUIRED: { id: 'error.code.SETUP_CODE_REQUIRED', defaultMessage: 'Enter the setup code.', description: 'Setup code needed to reset the PIN' },
  SETUP_CODE_WRONG: { id: 'error.code.SETUP_CODE_WRONG', defaultMessage: 'Wrong setup code.', description: 'Setup code does not match' },
  SETUP_CODE_UNAVAILABLE: { id: 'error.code.SETUP_CODE_UNAVAILABLE', defaultMessage: 'No setup code is available on this till.', description: 'Setup code not provisioned' },
  RESET_NOT_ALLOWED: { id: 'error.code.RESET_NOT_ALLOWED', defaultMessage: 'The PIN cannot be reset here.', description: 'PIN reset refused' },
  AMOUNT_INVALID: { id: 'error.code.AMOUNT_INVALID', defaultMessage: 'That amount cannot be used. Check it and try again.', description: 'Sale total or returned amount refused' },
  CARD_NOT_SHOWN: { id: 'error.code.CARD_NOT_SHOWN', defaultMessage: 'Scan the member card first.', description: 'Award/redeem without a fresh member card on screen' },
  JOURNAL_UNAVAILABLE: { id: 'error.code.JOURNAL_UNAVAILABLE', defaultMessage: 'The journal cannot be used. Writes are stopped; call a manager.', description: 'Local journal unreadable: no writes' },
  SALE_NOT_FOUND: { id: 'error.code.SALE_NOT_FOUND', defaultMessage: 'That sale is not in this till’s journal.', description: 'Return for an unknown sale' },
  NOT_CONFIRMED: { id: 'error.code.NOT_CONFIRMED', defaultMessage: 'The points for that sale are not confirmed yet.', description: 'Return before the award was confirmed' },
  NOTHING_TO_REVERSE: { id: 'error.code.NOTHING_TO_REVERSE', defaultMessage: 'Nothing is left to take back for that sale.', description: 'Return with nothing left to claw back' },
  UNSAFE_RESEND: { id: 'error.code.UNSAFE_RESEND', defaultMessage: 'Not sent again: it may already have been applied. Check it first.', description: 'Resend refused: outcome unknown' },
  NOT_FOUND: { id: 'error.code.NOT_FOUND', defaultMessage: 'Not found.', description: 'A journal row or item does not exist' },
  INVALID_STATE: { id: 'error.code.INVALID_STATE', defaultMessage: 'That cannot be done now.', description: 'Action not allowed in the current state' },
  READ_KEY_MISSING: { id: 'error.code.READ_KEY_MISSING', defaultMessage: 'Set a read key first (manager: Settings → Keys).', description: 'Read-only API key missing' },
  OFFLINE: { id: 'error.code.OFFLINE', defaultMessage: 'SocialHub cannot be reached right now; try again when the till is online.', description: 'Network down for a read' },
} satisfies Record<ErrorCode, { id: string; defaultMessage: string; description: string }>);
