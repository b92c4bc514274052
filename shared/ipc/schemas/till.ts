/**
 * The till's own channels (cashier and manager): member card, award, redeem, returns, journal,
 * reconciliation. Shapes only — main implements them (electron/core/till-handlers), the renderer
 * consumes them through `window.till`.
 *
 * Money crosses the bridge as the string the cashier typed ("19.99"); main parses it with
 * shared/earn's parseMoney so the renderer cannot smuggle a float past the earn rule.
 */
import { z } from 'zod';
import { couponSchema, entityId, ledgerTransactionSchema, memberSchema, tierSchema } from '../../api/schemas.ts';
import { defineChannel } from '../define-channel.ts';
import { cashierJournalRowSchema, journalCursorSchema, journalRowSchema, journalStatsSchema, apiCallSchema, journalKindSchema, journalStateSchema } from '../../journal/row.ts';
import { isBusinessDate } from '../../time/business-day.ts';
import { localizedSchema } from '../envelope.ts';

const epochMs = z.number().int().nonnegative();
const rowId = z.number().int().positive();
/** POS transaction / return ids as the till prints them. */
export const posIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');
export const moneyInputSchema = z.string().trim().min(1, 'enter an amount').max(20, 'amount is too long');
export const businessDateSchema = z.string().refine(isBusinessDate, 'must be a real date in YYYY-MM-DD form');

/** One part of the member card: each request can fail on its own and the card shows what it has. */
function part<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
  ]);
}

export const memberCardSchema = z.object({
  memberId: entityId,
  /** When main fetched it; awards are accepted only within the freshness window after this. */
  fetchedAt: epochMs,
  member: part(memberSchema),
  points: part(z.object({ balance: z.number().int(), recent: z.array(ledgerTransactionSchema).max(20) })),
  tier: part(tierSchema),
  coupons: part(z.array(couponSchema)),
});
export type MemberCard = z.output<typeof memberCardSchema>;

export const earnPreviewSchema = z.object({
  points: z.number().int().nonnegative(),
  /** Sale total in minor units, as parsed. */
  saleTotalMinor: z.number().int().nonnegative(),
  base: z.number(),
  multiplier: z.number(),
  tierApplied: z.boolean(),
  /** Human summary, e.g. "19.99 × 10 pts × 1.25 (Silver) = 249 pts". */
  explanation: z.string(),
  /** The same summary for people: `amount` is the machine total, which the renderer shows in the till's money format. */
  explanationLocalized: localizedSchema.optional(),
});
export type EarnPreview = z.output<typeof earnPreviewSchema>;

/**
 * What the cashier sees after any write. `row` is the journal row (new or the earlier one).
 * - confirmed: SocialHub applied it (balance is the new balance)
 * - duplicate: this sale was already recorded earlier (see row.createdAt / row.amount); `stale`
 *   when the original is older than the id-uniqueness window (per-business-day ids)
 * - queued: SocialHub unreachable; will be sent automatically — do not re-enter
 * - checking: the outcome is unknown and is being verified against the ledger
 * - needs-attention: a manager must decide
 * - rejected: SocialHub refused it (message says why)
 */
function writeOutcomeOf<R extends z.ZodType>(row: R) {
  return z.object({
    status: z.enum(['confirmed', 'duplicate', 'queued', 'checking', 'needs-attention', 'rejected']),
    /** English, for logs and the CLI; people are shown `localized` in the till's language. */
    message: z.string(),
    localized: localizedSchema,
    points: z.number().int(),
    balance: z.number().int().nullable(),
    stale: z.boolean(),
    row: row.nullable(),
  });
}
export const writeOutcomeSchema = writeOutcomeOf(journalRowSchema);
/** The cashier's write answers: the row without the manager's notes (see cashierJournalRowSchema). */
export const cashierWriteOutcomeSchema = writeOutcomeOf(cashierJournalRowSchema);
export type WriteOutcome = z.output<typeof writeOutcomeSchema>;
export type CashierWriteOutcome = z.output<typeof cashierWriteOutcomeSchema>;

function couponVerdictOf<R extends z.ZodType>(row: R) {
  return z.object({
    /** `checking` never reads as honor: the UI shows NOT YET until a verdict arrives. */
    verdict: z.enum(['honor', 'do-not-honor', 'checking']),
    /** English, for logs and the CLI; the cashier is shown `localized` in the till's language. */
    reason: z.string(),
    localized: localizedSchema,
    couponId: entityId,
    /** Set when this till's own earlier attempt is what redeemed it ("redeemed by this till at 14:02"). */
    redeemedByThisTillAt: epochMs.nullable(),
    row: row.nullable(),
  });
}
export const couponVerdictSchema = couponVerdictOf(journalRowSchema);
export const cashierCouponVerdictSchema = couponVerdictOf(cashierJournalRowSchema);
export type CouponVerdict = z.output<typeof couponVerdictSchema>;
export type CashierCouponVerdict = z.output<typeof cashierCouponVerdictSchema>;

function saleSummaryOf<R extends z.ZodType>(row: R) {
  return z.object({
    found: z.boolean(),
    posTxnId: z.string(),
    award: row.nullable(),
    /** Confirmed award points. */
    awarded: z.number().int().nonnegative(),
    /** Confirmed clawbacks, as a positive number. */
    clawedBack: z.number().int().nonnegative(),
    /** Clawbacks recorded but not yet confirmed, as a positive number (they count against the cap). */
    pendingClawback: z.number().int().nonnegative(),
    reversible: z.number().int().nonnegative(),
    saleTotalMinor: z.number().int().nullable(),
    clawbacks: z.array(row),
    /** Coupons redeemed while this sale was open: a return must be flagged for the manager. */
    redemptions: z.array(row),
    /** Why a return cannot be made, when it cannot (never confirmed, fully reversed, …). */
    blocker: z.string().nullable(),
    /** `blocker` for people: a catalogue id in the till's language (absent from an older main). */
    blockerLocalized: localizedSchema.nullable().optional(),
  });
}
export const saleSummarySchema = saleSummaryOf(journalRowSchema);
export const cashierSaleSummarySchema = saleSummaryOf(cashierJournalRowSchema);
export type SaleSummary = z.output<typeof saleSummarySchema>;
export type CashierSaleSummary = z.output<typeof cashierSaleSummarySchema>;

const attemptViewSchema = z.object({
  n: z.number().int(),
  kind: z.string(),
  startedAt: epochMs,
  finishedAt: epochMs.nullable(),
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  classification: z.string().nullable(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
});

/** The manager's view of one row: everything, including its history and the manager's notes. */
export const rowDetailSchema = z.object({
  row: journalRowSchema,
  attempts: z.array(attemptViewSchema),
  history: z.array(
    z.object({ at: epochMs, type: z.string(), fromState: z.string().nullable(), toState: z.string().nullable(), actor: z.string().nullable(), detail: z.string().nullable() }),
  ),
  children: z.array(journalRowSchema),
  /** Manager actions this row allows right now. */
  actions: z.object({
    verify: z.boolean(),
    resend: z.boolean(),
    resolve: z.boolean(),
    /** A sale SocialHub refused for certain may be entered again under the corrected member. */
    requeue: z.boolean(),
  }),
});
export type RowDetail = z.output<typeof rowDetailSchema>;

/**
 * The cashier's view of a row its own screen produced (following an outcome): the row without
 * notes or resolution, and its attempts. No history: that is where managers' notes live.
 */
export const cashierRowDetailSchema = z.object({ row: cashierJournalRowSchema, attempts: z.array(attemptViewSchema) });
export type CashierRowDetail = z.output<typeof cashierRowDetailSchema>;

export const tillStatusSchema = z.object({
  mode: z.enum(['sandbox', 'live']),
  online: z.boolean(),
  onlineSince: epochMs.nullable(),
  detail: z.string().nullable(),
  queue: journalStatsSchema,
  storeId: z.string(),
  tillId: z.string(),
  /** Writes are stopped (e.g. the journal cannot be read); the message says why. */
  writesStopped: z.string().nullable(),
  /** Today's business date as main keys sales (the journal's zone and day start): the screens' default day. */
  businessDate: businessDateSchema,
});
export type TillStatus = z.output<typeof tillStatusSchema>;

export const journalFilterSchema = z.strictObject({
  states: z.array(journalStateSchema).max(8).optional(),
  kinds: z.array(journalKindSchema).max(4).optional(),
  from: epochMs.optional(),
  to: epochMs.optional(),
  search: z.string().trim().min(1).max(64).optional(),
});
export type JournalFilterInput = z.input<typeof journalFilterSchema>;

export const csvExportSchema = z.object({ filename: z.string(), csv: z.string(), rows: z.number().int().nonnegative() });

export const reconcileItemSchema = z.object({
  memberId: z.string(),
  token: z.string().nullable(),
  description: z.string(),
  amount: z.number().int(),
  journalId: rowId.nullable(),
  serverTxnIds: z.array(z.string()),
  at: epochMs.nullable(),
});
/** Why a member's ledger could not be read: SocialHub kept limiting, could not be reached, refused, or another failure. */
export const incompleteReasonSchema = z.enum(['rate-limited', 'unreachable', 'refused', 'failed']);
export type IncompleteReason = z.output<typeof incompleteReasonSchema>;

export const reconcileReportSchema = z.object({
  date: businessDateSchema,
  generatedAt: epochMs,
  matched: z.array(reconcileItemSchema),
  missingOnServer: z.array(reconcileItemSchema),
  /** Two or more ledger entries carry one journal write's token; `extraPoints` is what a compensating adjustment would take back. */
  duplicatedOnServer: z.array(reconcileItemSchema.extend({ extraPoints: z.number().int() })),
  unexpectedOnServer: z.array(reconcileItemSchema),
  totals: z.object({
    journalPoints: z.number().int(),
    serverPoints: z.number().int(),
    matched: z.number().int(),
    missing: z.number().int(),
    duplicated: z.number().int(),
    unexpected: z.number().int(),
  }),
  /**
   * Members whose ledger could not be read completely: the report is partial for them. `reason` is
   * for people (the console words it in its language); `message` is main's English detail, for logs.
   */
  incomplete: z.array(z.object({ memberId: z.string(), reason: incompleteReasonSchema.optional(), message: z.string() })),
});
export type ReconcileReport = z.output<typeof reconcileReportSchema>;

export const exceptionItemSchema = z.object({
  /** The clawback (return) row that reversed a sale on which a coupon was redeemed. */
  clawback: journalRowSchema,
  redemptions: z.array(journalRowSchema),
  decision: z.object({ note: z.string(), at: epochMs, by: z.string().nullable() }).nullable(),
});

export const tillInvokeContract = {
  /** Cashier: the card (member, balance, tier, coupons) fetched in parallel; marks the card shown. */
  memberCard: defineChannel('member:card', { request: z.strictObject({ memberId: entityId }), response: memberCardSchema, access: 'cashier' }),
  awardPreview: defineChannel('award:preview', {
    request: z.strictObject({ memberId: entityId, saleTotal: moneyInputSchema }),
    response: earnPreviewSchema,
    access: 'cashier' }),
  awardSubmit: defineChannel('award:submit', {
    request: z.strictObject({ memberId: entityId, posTxnId: posIdSchema, saleTotal: moneyInputSchema, businessDate: businessDateSchema.optional() }),
    response: cashierWriteOutcomeSchema,
    access: 'cashier' }),
  couponRedeem: defineChannel('coupon:redeem', {
    request: z.strictObject({ couponId: entityId, memberId: entityId.optional(), linkedPosTxnId: posIdSchema.optional() }),
    response: cashierCouponVerdictSchema,
    access: 'cashier' }),
  /** Poll a coupon verdict that was `checking`. */
  couponVerdict: defineChannel('coupon:verdict', { request: z.strictObject({ couponId: entityId }), response: cashierCouponVerdictSchema, access: 'cashier' }),
  saleLookup: defineChannel('sale:lookup', {
    request: z.strictObject({ posTxnId: posIdSchema, businessDate: businessDateSchema.optional() }),
    response: cashierSaleSummarySchema,
    access: 'cashier' }),
  saleReturn: defineChannel('sale:return', {
    request: z.strictObject({
      posTxnId: posIdSchema,
      returnId: posIdSchema,
      businessDate: businessDateSchema.optional(),
      /** proportional (default): points for `returnedAmount`; points: exactly `points`. Both capped. */
      mode: z.enum(['proportional', 'points']),
      returnedAmount: moneyInputSchema.optional(),
      points: z.number().int().positive().max(1_000_000).optional(),
    }),
    response: cashierWriteOutcomeSchema,
    access: 'cashier' }),
  /** A row this screen's own write produced (the cashier follows its outcome): no notes, no history. Others are refused. */
  journalDetail: defineChannel('journal:detail', { request: z.strictObject({ id: rowId }), response: cashierRowDetailSchema, access: 'cashier' }),
  statusGet: defineChannel('status:get', { request: z.undefined(), response: tillStatusSchema, access: 'cashier' }),

  // --- manager console ---
  journalList: defineChannel('journal:list', {
    request: z.strictObject({ filter: journalFilterSchema, limit: z.number().int().min(1).max(200).default(100), before: journalCursorSchema.optional() }),
    response: z.object({ rows: z.array(journalRowSchema), next: journalCursorSchema.nullable(), total: z.number().int().nonnegative() }),
    access: 'manager' }),
  /** Any journal row in full: attempts, history, notes, children and the actions it allows. */
  journalRow: defineChannel('journal:row', { request: z.strictObject({ id: rowId }), response: rowDetailSchema, access: 'manager' }),
  journalExport: defineChannel('journal:export', { request: z.strictObject({ filter: journalFilterSchema }), response: csvExportSchema, access: 'manager' }),
  journalVerify: defineChannel('journal:verify', { request: z.strictObject({ id: rowId }), response: rowDetailSchema, access: 'manager' }),
  /** Allowed only where verification proved the write was not applied. */
  journalResend: defineChannel('journal:resend', { request: z.strictObject({ id: rowId }), response: rowDetailSchema, access: 'manager' }),
  journalResolve: defineChannel('journal:resolve', {
    request: z.strictObject({ id: rowId, reason: z.string().trim().min(5, 'write a reason of at least 5 characters').max(1000) }),
    response: rowDetailSchema,
    access: 'manager' }),
  /** A sale refused for certain (e.g. a mistyped member), re-queued under the corrected member; answers the new entry. */
  journalRequeue: defineChannel('journal:requeue', {
    request: z.strictObject({
      id: rowId,
      memberId: entityId,
      reason: z.string().trim().min(5, 'write a reason of at least 5 characters').max(1000),
    }),
    response: rowDetailSchema,
    access: 'manager' }),
  adjustmentSubmit: defineChannel('adjustment:submit', {
    request: z.strictObject({
      memberId: entityId,
      points: z
        .number()
        .int()
        .min(-1_000_000)
        .max(1_000_000)
        .refine((n) => n !== 0, 'points must not be zero'),
      reasonCode: z.enum(['GOODWILL', 'CORRECTION', 'MISSED_AWARD', 'DUPLICATE_FIX', 'OTHER']),
      note: z.string().trim().min(5, 'write a note of at least 5 characters').max(500),
      /**
       * Required: minted once per adjustment form by the UI (derived from the duplicate for a
       * reconciliation compensation), so a double submit, a retry or a restart is recorded once.
       */
      ref: z.string().regex(/^[A-Za-z0-9_-]{8,48}$/, 'must be 8–48 letters, digits, _ or -'),
    }),
    response: writeOutcomeSchema,
    access: 'manager' }),
  exceptionsList: defineChannel('exceptions:list', { request: z.undefined(), response: z.object({ items: z.array(exceptionItemSchema) }), access: 'manager' }),
  exceptionResolve: defineChannel('exceptions:resolve', {
    request: z.strictObject({ clawbackId: rowId, note: z.string().trim().min(5).max(1000) }),
    response: z.object({ items: z.array(exceptionItemSchema) }),
    access: 'manager' }),
  apiActivityList: defineChannel('api-activity:list', {
    request: z.strictObject({
      from: epochMs.optional(),
      to: epochMs.optional(),
      endpoint: z.string().max(120).optional(),
      onlyFailures: z.boolean().optional(),
      limit: z.number().int().min(1).max(500).default(200),
      beforeId: rowId.optional(),
    }),
    response: z.object({ calls: z.array(apiCallSchema), nextBeforeId: rowId.nullable() }),
    access: 'manager' }),
  apiActivityExport: defineChannel('api-activity:export', {
    request: z.strictObject({ from: epochMs.optional(), to: epochMs.optional() }),
    response: csvExportSchema,
    access: 'manager' }),
  reconcileRun: defineChannel('reconcile:run', { request: z.strictObject({ date: businessDateSchema }), response: reconcileReportSchema, access: 'manager' }),
  reconcileExport: defineChannel('reconcile:export', { request: z.strictObject({ date: businessDateSchema }), response: csvExportSchema, access: 'manager' }),
  storesList: defineChannel('stores:list', {
    request: z.strictObject({ limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).default(0) }),
    response: z.object({ stores: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })), total: z.number().int() }),
    access: 'manager' }),
} as const;

export const reconcileProgressSchema = z.object({
  date: businessDateSchema,
  phase: z.enum(['journal', 'ledger', 'done']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  etaMs: z.number().int().nonnegative().nullable(),
});
