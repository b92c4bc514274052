/**
 * Journal data as the UI sees it (over IPC): rows, attempts, history, API activity, the
 * manager-console filter and the status-strip stats. Times are epoch milliseconds.
 */
import { z } from 'zod';
import { JOURNAL_KINDS, JOURNAL_STATES, UNFINISHED_STATES } from './states.ts';

export const journalStateSchema = z.enum(JOURNAL_STATES);
export const journalKindSchema = z.enum(JOURNAL_KINDS);
const epochMs = z.number().int().nonnegative();
const rowId = z.number().int().positive();

export const journalRowSchema = z.object({
  id: rowId,
  dedupKey: z.string(),
  kind: journalKindSchema,
  storeId: z.string(),
  tillId: z.string(),
  posTxnId: z.string().nullable(),
  returnId: z.string().nullable(),
  businessDate: z.string().nullable(),
  couponId: z.string().nullable(),
  /** Adjustment reference. */
  ref: z.string().nullable(),
  memberId: z.string(),
  /** Points, signed (clawbacks negative, redeems 0). */
  amount: z.number().int(),
  description: z.string(),
  token: z.string(),
  /** Minor currency units. */
  saleTotal: z.number().int().nullable(),
  returnTotal: z.number().int().nullable(),
  parentId: rowId.nullable(),
  linkedPosTxnId: z.string().nullable(),
  state: journalStateSchema,
  /** A send may have reached the server and nothing has proved otherwise: verify before any resend. */
  maybeApplied: z.boolean(),
  /** Send attempts so far. */
  attemptCount: z.number().int().nonnegative(),
  /** Ledger read-backs so far. */
  verifyCount: z.number().int().nonnegative(),
  createdAt: epochMs,
  updatedAt: epochMs,
  /** When the row reached a final state. */
  finishedAt: epochMs.nullable(),
  nextAttemptAt: epochMs.nullable(),
  leaseOwner: z.string().nullable(),
  leaseUntil: epochMs.nullable(),
  serverTxnId: z.string().nullable(),
  /**
   * The member's balance as SocialHub last reported it for this write: after it, once applied;
   * before a resend, as the check that proved the write absent saw it (to spot a hidden copy).
   */
  balance: z.number().int().nullable(),
  lastError: z.string().nullable(),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  /** Redeems: when the cashier was first shown HONOR for it (null: never, or not a confirmed redeem). */
  honorShownAt: epochMs.nullable(),
  /** Bumped on every change; lets a view tell that a row moved under it. */
  version: z.number().int().positive(),
});
export type JournalRow = z.infer<typeof journalRowSchema>;

/**
 * A row as the cashier's channels answer it: the manager's note, resolution and who resolved it
 * are not the counter's to read, so the schema drops them (zod strips keys it does not declare).
 */
export const cashierJournalRowSchema = journalRowSchema.omit({ note: true, resolvedBy: true, resolution: true });
export type CashierJournalRow = z.infer<typeof cashierJournalRowSchema>;

export const ATTEMPT_KINDS = ['send', 'verify'] as const;
/** How an attempt ended; derived from the state the row moved to, so it cannot disagree with it. */
export const ATTEMPT_CLASSIFICATIONS = ['applied', 'rejected', 'not-applied', 'unknown-outcome'] as const;
export type AttemptClassification = (typeof ATTEMPT_CLASSIFICATIONS)[number];

export const attemptSchema = z.object({
  id: rowId,
  intentId: rowId,
  /** 1-based, per row, over sends and verifications. */
  n: z.number().int().positive(),
  kind: z.enum(ATTEMPT_KINDS),
  owner: z.string(),
  startedAt: epochMs,
  /** Null while in flight (or if the worker died mid-request). */
  finishedAt: epochMs.nullable(),
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().int().nonnegative().nullable(),
  classification: z.enum(ATTEMPT_CLASSIFICATIONS).nullable(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
});
export type Attempt = z.infer<typeof attemptSchema>;

export const journalEventSchema = z.object({
  id: rowId,
  intentId: rowId,
  at: epochMs,
  type: z.enum(['recorded', 'transition', 'note']),
  fromState: journalStateSchema.nullable(),
  toState: journalStateSchema.nullable(),
  actor: z.string().nullable(),
  detail: z.string().nullable(),
});
export type JournalEvent = z.infer<typeof journalEventSchema>;

/** Keyset cursor: the last row of the previous page. */
export const journalCursorSchema = z.strictObject({ createdAt: epochMs, id: rowId });
export type JournalCursor = z.infer<typeof journalCursorSchema>;

export const JOURNAL_PAGE_MAX = 200;

/** The manager console's filter. `search` is a case-sensitive prefix of a POS txn id, member id or coupon id. */
export const journalQuerySchema = z.strictObject({
  states: z.array(journalStateSchema).max(JOURNAL_STATES.length).optional(),
  kinds: z.array(journalKindSchema).max(JOURNAL_KINDS.length).optional(),
  /** created_at ≥ from */
  from: epochMs.optional(),
  /** created_at < to */
  to: epochMs.optional(),
  search: z.string().trim().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(JOURNAL_PAGE_MAX).default(50),
  before: journalCursorSchema.optional(),
});
export type JournalQuery = z.input<typeof journalQuerySchema>;
export type JournalFilter = Omit<JournalQuery, 'limit' | 'before'>;

export const journalPageSchema = z.object({
  rows: z.array(journalRowSchema),
  /** Pass as `before` for the next page; null on the last page. */
  next: journalCursorSchema.nullable(),
});
export type JournalPage = z.infer<typeof journalPageSchema>;

export const journalStatsSchema = z.object({
  counts: z.record(z.enum(UNFINISHED_STATES), z.number().int().nonnegative()),
  unfinished: z.number().int().nonnegative(),
  oldestUnfinishedAt: epochMs.nullable(),
});
export type JournalStats = z.infer<typeof journalStatsSchema>;

/** One API call for the manager's "API activity" view. `keyMask` must already be masked. */
export const apiCallInputSchema = z.strictObject({
  /** ISO-8601 or epoch ms. */
  at: z.union([epochMs, z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date-time')]),
  keyMask: z
    .string()
    .max(24)
    .refine((s) => s.includes('…'), 'must be a masked key (see maskKey), never the key itself'),
  method: z.enum(['GET', 'POST', 'PUT']),
  path: z.string().min(1).max(500),
  endpoint: z.string().min(1).max(120),
  status: z.number().int().min(100).max(599).optional(),
  /** Rounded to whole ms when stored. */
  latencyMs: z.number().nonnegative().max(86_400_000),
  outcome: z.string().min(1).max(40),
});
export type ApiCallInput = z.input<typeof apiCallInputSchema>;

export const apiCallSchema = z.object({
  id: rowId,
  at: epochMs,
  keyMask: z.string(),
  method: z.enum(['GET', 'POST', 'PUT']),
  path: z.string(),
  endpoint: z.string(),
  status: z.number().int().nullable(),
  latencyMs: z.number().int().nonnegative(),
  outcome: z.string(),
});
export type ApiCall = z.infer<typeof apiCallSchema>;
