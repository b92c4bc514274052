/**
 * Typed journal errors. Races (another process moved the row) are *results*, not errors;
 * these are for "cannot write at all", "busy", and caller bugs.
 */

export type UnavailableReason =
  | 'missing'
  | 'orphan-wal'
  | 'not-a-file'
  | 'empty'
  | 'not-a-database'
  | 'not-a-journal'
  | 'corrupt'
  | 'permission-denied'
  | 'read-only'
  | 'disk-full'
  | 'io-error'
  | 'too-new'
  | 'sqlite-too-old'
  | 'closed';

export class JournalError extends Error {
  override name = 'JournalError';
}

/**
 * The journal cannot be read or written. Writes are stopped; nothing must be sent to the API.
 * The message is a sentence a manager can act on; the file is never modified by the refusal.
 */
export class JournalUnavailableError extends JournalError {
  override name = 'JournalUnavailableError';
  readonly reason: UnavailableReason;
  readonly path: string;
  constructor(path: string, reason: UnavailableReason, detail: string, options?: { cause?: unknown }) {
    super(unavailableMessage(path, reason, detail), options);
    this.reason = reason;
    this.path = path;
  }
}

function unavailableMessage(path: string, reason: UnavailableReason, detail: string): string {
  switch (reason) {
    case 'missing':
      return `The journal at ${path} does not exist (${detail}). Writes are stopped.`;
    case 'orphan-wal':
    case 'empty':
    case 'not-a-file':
    case 'not-a-database':
    case 'not-a-journal':
    case 'corrupt':
    case 'permission-denied':
      return `The journal at ${path} cannot be read (${detail}). Writes are stopped; the file was left untouched.`;
    case 'too-new':
      return `The journal at ${path} was written by a newer version of SocialHub Till (${detail}). Writes are stopped; the file was left untouched — update this app.`;
    case 'read-only':
    case 'disk-full':
    case 'io-error':
      return `The journal at ${path} cannot be written (${detail}). Writes are stopped; nothing was sent.`;
    case 'sqlite-too-old':
      return `The journal at ${path} cannot be opened safely (${detail}). Writes are stopped.`;
    case 'closed':
      return `The journal at ${path} is closed. Writes are stopped.`;
  }
}

/** Another process held the write lock longer than the busy timeout. Nothing was written; try again. */
export class JournalBusyError extends JournalError {
  override name = 'JournalBusyError';
}

export interface KeyingDifference {
  /** The setting's name as a manager reads it ("time zone"). */
  setting: string;
  journal: string;
  process: string;
}

/**
 * This program keys sales differently from the journal it shares (another time zone, id scope,
 * business-day start, store or per-till ids): the same sale would get a second key. Nothing was
 * written; fix the program's settings (or point it at its own journal).
 */
export class JournalKeyingError extends JournalError {
  override name = 'JournalKeyingError';
  readonly differences: readonly KeyingDifference[];
  readonly path: string;
  /** `unreadable`: why the journal's own keying cannot be compared (then `differences` is empty). */
  constructor(path: string, differences: readonly KeyingDifference[], unreadable?: string) {
    const list = differences.map((d) => `${d.setting} is ${d.journal} in the journal but ${d.process} here`).join('; ');
    super(
      unreadable === undefined
        ? `The journal at ${path} keys sales differently: ${list}. Nothing was written; use the journal's settings (or its own journal for this program).`
        : `The journal at ${path} ${unreadable}. Nothing was written; use a program that reads them (or its own journal for this program).`,
    );
    this.differences = differences;
    this.path = path;
  }
}

/** The caller passed something the journal refuses (a bug in the caller, not a race). */
export class JournalInputError extends JournalError {
  override name = 'JournalInputError';
}

/** A transition the state table forbids for one of the `from` states (a bug in the caller). */
export class IllegalTransitionError extends JournalError {
  override name = 'IllegalTransitionError';
}

export type ConflictReason = 'token-reused' | 'clawback-exceeds-award' | 'constraint' | 'pos-sale-closed';

/** The write contradicts rows already in the journal; nothing was written. */
export class JournalConflictError extends JournalError {
  override name = 'JournalConflictError';
  readonly reason: ConflictReason;
  constructor(reason: ConflictReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

// SQLite primary result codes (https://sqlite.org/rescode.html).
const SQLITE_PERM = 3;
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_CONSTRAINT = 19;
const SQLITE_NOTADB = 26;

/** The primary SQLite result code of a `node:sqlite` error, or undefined for anything else. */
export function sqliteCode(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'errcode' in err && typeof err.errcode === 'number') return err.errcode & 0xff;
  return undefined;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Unavailable reason for a SQLite error that means the file itself is unusable. */
export function unavailableReasonOf(err: unknown): UnavailableReason | undefined {
  switch (sqliteCode(err)) {
    case SQLITE_CORRUPT:
      return 'corrupt';
    case SQLITE_NOTADB:
      return 'not-a-database';
    case SQLITE_READONLY:
      return 'read-only';
    case SQLITE_FULL:
      return 'disk-full';
    case SQLITE_PERM:
      return 'permission-denied';
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return 'io-error';
    default:
      return undefined;
  }
}

/** Converts a raw `node:sqlite` error into the journal's typed errors; journal errors pass through. */
export function toJournalError(err: unknown, path: string): Error {
  if (err instanceof JournalError) return err;
  const code = sqliteCode(err);
  if (code === SQLITE_BUSY || code === SQLITE_LOCKED) {
    return new JournalBusyError(`The journal at ${path} is busy (another process holds the write lock). Nothing was written; try again.`, { cause: err });
  }
  if (code === SQLITE_CONSTRAINT) return new JournalConflictError('constraint', `Journal constraint violated: ${errorText(err)}`, { cause: err });
  const reason = unavailableReasonOf(err);
  if (reason) return new JournalUnavailableError(path, reason, errorText(err), { cause: err });
  return err instanceof Error ? err : new JournalError(errorText(err));
}

/** "field: problem; field: problem" from zod issues (kept free of a zod import). */
export function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}
