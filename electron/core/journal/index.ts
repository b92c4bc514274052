/** The journal's public surface: import from here, not from the modules behind it. */
export { Journal, openJournal } from './journal.ts';
export type {
  AttemptOutcome,
  ClawbackSummary,
  HonorClaim,
  JournalInfo,
  IdentityCheck,
  JournalIdentity,
  JournalOptions,
  KeyingClaim,
  KeyingSettings,
  PosSaleInput,
  PosSaleRow,
  PosSaleStatus,
  PruneResult,
  RecordClaimResult,
  RecordOptions,
  RecordResult,
  TransitionFailure,
  TransitionPatch,
  TransitionRequest,
  TransitionResult,
} from './journal.ts';
export type { ApiCallQuery } from './api-calls.ts';
export type { KeyOriginChange, KeyOriginChangeInput } from './key-origin-changes.ts';
export {
  IllegalTransitionError,
  JournalBusyError,
  JournalConflictError,
  JournalError,
  JournalInputError,
  JournalKeyingError,
  JournalUnavailableError,
} from './journal-errors.ts';
export type { ConflictReason, KeyingDifference, UnavailableReason } from './journal-errors.ts';
export { KEYING_DEFAULTS } from './keying.ts';
export { MIN_SQLITE_VERSION } from './open.ts';
export { SCHEMA_VERSION } from './schema.ts';
export { buildDedupKey, parseDedupKey } from '../../../shared/journal/dedup-key.ts';
export type { DedupKeyParts } from '../../../shared/journal/dedup-key.ts';
export type { Intent } from '../../../shared/journal/intent.ts';
export type { ApiCall, ApiCallInput, Attempt, JournalEvent, JournalFilter, JournalPage, JournalQuery, JournalRow, JournalStats } from '../../../shared/journal/row.ts';
export * from '../../../shared/journal/states.ts';
