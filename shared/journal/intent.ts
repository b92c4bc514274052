/**
 * What the engine hands to `journal.record()`: one intended write, validated before it can be
 * journaled. The dedup key is derived from these fields by the journal, never passed in, so a
 * caller cannot record a write under a key that does not match it.
 */
import { z } from 'zod';
import { AMOUNT_MAX, DESCRIPTION_MAX, entityId } from '../api/schemas.ts';
import { DEDUP_PART_PATTERN } from './dedup-key.ts';
import { isBusinessDate } from '../time/business-day.ts';

const part = z.string().regex(DEDUP_PART_PATTERN, "must be 1–64 printable characters without spaces or ':'");
const businessDate = z.string().refine(isBusinessDate, 'must be a real date in YYYY-MM-DD form');
/** Money in minor units (cents), so proportional clawback never touches floats. */
const minorUnits = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const rowId = z.number().int().positive();
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, 'must not be blank');

const common = {
  storeId: part,
  tillId: part,
  memberId: entityId,
  /** Exactly the description that will be sent; it must contain `token`. */
  description: text(DESCRIPTION_MAX),
  /** The marker reconciliation looks for in the ledger; unique across the journal. */
  token: text(DESCRIPTION_MAX),
  /** Earliest send time (epoch ms); omitted = due now. */
  nextAttemptAt: z.number().int().nonnegative().optional(),
  /** Free text kept with the row (e.g. the cashier's reason for an adjustment). */
  note: text(1000).optional(),
};

export const awardIntentSchema = z.strictObject({
  kind: z.literal('award'),
  ...common,
  posTxnId: part,
  businessDate: businessDate.optional(),
  amount: z.number().int().min(1).max(AMOUNT_MAX),
  saleTotal: minorUnits.optional(),
});

export const clawbackIntentSchema = z.strictObject({
  kind: z.literal('clawback'),
  ...common,
  posTxnId: part,
  returnId: part,
  businessDate: businessDate.optional(),
  /** Negative: points taken back. */
  amount: z.number().int().min(-AMOUNT_MAX).max(-1),
  /** The award row this reverses, when the journal has it. */
  parentId: rowId.optional(),
  saleTotal: minorUnits.optional(),
  returnTotal: minorUnits.optional(),
});

export const redeemIntentSchema = z.strictObject({
  kind: z.literal('redeem'),
  ...common,
  couponId: entityId,
  /** The sale's award row, if that sale is already journaled. */
  parentId: rowId.optional(),
  /** The POS transaction open while the coupon was redeemed. */
  linkedPosTxnId: part.optional(),
  businessDate: businessDate.optional(),
});

export const adjustmentIntentSchema = z.strictObject({
  kind: z.literal('adjustment'),
  ...common,
  /** A uuid or the manager's reference; makes the key unique per adjustment. */
  ref: part,
  amount: z
    .number()
    .int()
    .min(-AMOUNT_MAX)
    .max(AMOUNT_MAX)
    .refine((n) => n !== 0, 'must not be zero'),
});

export const intentSchema = z
  .discriminatedUnion('kind', [awardIntentSchema, clawbackIntentSchema, redeemIntentSchema, adjustmentIntentSchema])
  .refine((i) => i.description.includes(i.token), { message: 'description must contain the token', path: ['description'] });

/** Input of `journal.record()`. */
export type Intent = z.input<typeof intentSchema>;
