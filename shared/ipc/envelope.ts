/**
 * What every invoke channel answers: a value or a typed error, never a rejected promise. The
 * renderer then handles failure as data, and a main-process
 * exception can never surface in the UI with its stack or its message.
 */
import { z } from 'zod';
import { localizeIssue } from './issue-messages.ts';

/**
 * Infrastructure codes first, then the domain codes the foundation channels use. The engine adds
 * its own codes here (one line each) so the renderer can switch over them exhaustively.
 */
export const ERROR_CODES = [
  // --- raised by the handler registry itself ---
  'FORBIDDEN', // the caller is not our own frame / origin
  'UNKNOWN_CHANNEL',
  'INVALID_PAYLOAD',
  'LOCKED', // a manager channel was called without an unlocked manager session
  'INTERNAL', // a bug or a blocked response; details are in the main-process log only
  // --- settings ---
  'SETTINGS_INVALID',
  'SETTINGS_UNSAVED',
  'SETTINGS_LOCKED', // the fleet policy locks the field: "Managed by your organisation"
  // --- support ---
  'SUPPORT_BUNDLE_FAILED', // the bundle could not be written where asked
  // --- keys ---
  'KEY_INVALID',
  'KEY_MODE_MISMATCH',
  'KEY_NOT_CONFIGURED',
  'KEYRING_UNAVAILABLE',
  'KEYRING_UNPROTECTED',
  'KEYS_UNREADABLE',
  'API_UNAVAILABLE', // no SocialHub to talk to right now (e.g. the embedded sandbox is not running)
  'KEY_ORIGIN_MISMATCH', // the stored key was sealed to another origin than the till now points at: not sent
  'BASE_URL_NOT_ALLOWED', // live mode, and the API address is not on the allow-list (or is loopback in a release build)
  // --- manager PIN ---
  'PIN_INVALID',
  'PIN_TOO_EASY', // a new PIN of one repeated digit or a run (shared/ipc/schemas/pin.ts isGuessablePin)
  'PIN_NOT_SET',
  'PIN_LOCKED_OUT',
  'PIN_WRONG',
  'PIN_UNREADABLE',
  'SETUP_CODE_REQUIRED',
  'SETUP_CODE_WRONG',
  'SETUP_CODE_UNAVAILABLE',
  'RESET_NOT_ALLOWED',
  // --- till: member card, award, redeem, returns, journal ---
  'AMOUNT_INVALID', // a sale total / returned amount the earn rule cannot use
  'CARD_NOT_SHOWN', // award for a member whose card this session did not fetch within the freshness window
  'JOURNAL_UNAVAILABLE', // the journal cannot be read: writes are stopped
  'SALE_NOT_FOUND',
  'NOT_CONFIRMED', // clawback of a sale whose award was never confirmed
  'NOTHING_TO_REVERSE',
  'UNSAFE_RESEND', // resend refused: the write may have been applied; verify first
  'NOT_FOUND',
  'INVALID_STATE',
  'READ_KEY_MISSING',
  'OFFLINE', // a read that needs SocialHub while it cannot be reached
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** A schema issue reduced to where and what: never the offending input, which may be a key. */
export const issueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  /** The problem for people (shared/ipc/issue-messages.ts): shown in the till's language; `message` stays English. */
  messageId: z.string().max(200).optional(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Issue = z.infer<typeof issueSchema>;

/** A zod error as issues the renderer may see: at most 20, each a path and a message. */
export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 20).map((i) => {
    const localized = localizeIssue(i);
    return { path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, ...localized };
  });
}
/**
 * The same error for people in any language: a catalogue id (shared/i18n/locales) and its
 * values. `message` stays English for logs, the CLI and its JSON, which are never localized.
 */
export const localizedSchema = z.object({
  messageId: z.string().max(200),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Localized = z.infer<typeof localizedSchema>;

export const ipcErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  issues: z.array(issueSchema).optional(),
  messageId: localizedSchema.shape.messageId.optional(),
  values: localizedSchema.shape.values,
});
export type IpcErrorBody = z.infer<typeof ipcErrorSchema>;

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: IpcErrorBody };
export type Envelope<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string, issues?: Issue[], localized?: Localized): Err {
  const error: IpcErrorBody = issues === undefined ? { code, message } : { code, message, issues };
  if (localized !== undefined) {
    error.messageId = localized.messageId;
    if (localized.values !== undefined) error.values = localized.values;
  }
  return { ok: false, error };
}

/** For consumers that want to check an envelope they received over a wire (the web host client). */
export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ipcErrorSchema }),
  ]);
}

/**
 * Thrown by a channel implementation for an expected, user-facing failure. The registry turns it
 * into `err(code, message)`; any other exception becomes a generic INTERNAL error.
 */
export class IpcError extends Error {
  readonly code: ErrorCode;
  readonly issues: Issue[] | undefined;
  /** The message for people, by catalogue id; without it the renderer shows the code's sentence. */
  readonly localized: Localized | undefined;
  constructor(code: ErrorCode, message: string, issues?: Issue[], localized?: Localized) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    this.issues = issues;
    this.localized = localized;
  }
}
