/**
 * The POS link's wire shapes (`/pos/v1/…`): what a point-of-sale system sends the till and what
 * it reads back. One source for the server's validation, the simulator, the till's IPC views and
 * the OpenAPI document POS vendors get (openapi.ts generates it from these).
 */
import { z } from 'zod';
import { DEDUP_PART_PATTERN } from '../journal/dedup-key.ts';
import { parseMoneyMachine } from '../money.ts';
import { isBusinessDate } from '../time/business-day.ts';
import { TOKEN_VALUE } from '../ledger/sale-token.ts';

/** A POS transaction id / return id: what the ledger marker and dedup key can carry. */
export const posIdSchema = z
  .string()
  .regex(TOKEN_VALUE, 'must be 1–64 of A–Z, a–z, 0–9, _ or -')
  .meta({ description: 'The POS transaction id: 1–64 of A–Z, a–z, 0–9, _ or -.', example: '90871' });

/**
 * Money as the POS prints it: a decimal string. How many decimals it may have is the currency's
 * own (USD 2, JPY 0, KWD 3), checked where the currency is known (`salePutSchema`, the return's sale).
 */
export const moneySchema = z
  .string()
  .regex(/^\d{1,16}(?:\.\d{1,4})?$/, 'must be a decimal string like "19.99"')
  .meta({ description: "A non-negative decimal amount as a string, with at most the currency's own decimals: 19.99 USD, 1980 JPY, 12.345 KWD.", example: '19.99' });

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like "USD"')
  .meta({ description: 'ISO 4217 currency code.', example: 'USD' });

export const businessDateSchema = z
  .string()
  .refine(isBusinessDate, 'must be a real date in YYYY-MM-DD form')
  .meta({ description: 'The business date the POS booked the sale on (YYYY-MM-DD).', example: '2026-12-05' });

export const saleLineSchema = z
  .strictObject({
    sku: z.string().min(1).max(64),
    qty: z.number().positive().max(1_000_000),
    /** The line's amount (after discounts), in the sale's currency. */
    amount: moneySchema,
    /** False for lines that never earn points: gift cards, tobacco, deposits. */
    earns: z.boolean(),
  })
  .meta({ id: 'SaleLine', description: 'One receipt line. Lines with `earns: false` are left out of the points base.' });
export type SaleLine = z.output<typeof saleLineSchema>;

export const SALE_LINES_MAX = 500;

export const salePutSchema = z
  .strictObject({
    total: moneySchema,
    currency: currencySchema,
    businessDate: businessDateSchema.optional(),
    cashierId: z.string().regex(DEDUP_PART_PATTERN).optional().meta({ description: "The POS cashier's id, kept with the sale." }),
    lines: z.array(saleLineSchema).max(SALE_LINES_MAX).optional(),
  })
  .superRefine((sale, ctx) => {
    // Each amount in the sale's own currency: "19.99 JPY" or "12.3456 KWD" is refused here, by field.
    const check = (text: string, path: (string | number)[], what: string): void => {
      const r = parseMoneyMachine(text, { currency: sale.currency, what });
      if (!r.ok) ctx.addIssue({ code: 'custom', path, message: r.message.replace(/\.$/, '') }); // the server ends the sentence
    };
    check(sale.total, ['total'], 'total');
    sale.lines?.forEach((l, i) => check(l.amount, ['lines', i, 'amount'], `amount of line ${i + 1}`));
  })
  .meta({ id: 'SalePut', description: 'A sale the POS hands to the till for loyalty. Sending the same body again returns the same sale.' });
export type SalePut = z.output<typeof salePutSchema>;

export const POS_SALE_STATES = ['waiting-for-member', 'awarded', 'pending', 'no-member', 'cancelled'] as const;
export const posSaleStateSchema = z.enum(POS_SALE_STATES).meta({
  id: 'SaleState',
  description:
    'waiting-for-member: the till shows the sale and waits for the member. awarded: SocialHub confirmed the points. pending: the points are recorded and on their way. no-member: the POS moved on without a member. cancelled: the POS voided the sale.',
});
export type PosSaleState = z.output<typeof posSaleStateSchema>;

export const saleStatusSchema = z
  .object({
    posTxnId: posIdSchema,
    state: posSaleStateSchema,
    total: moneySchema,
    currency: currencySchema,
    /** The part of the total that earns points (lines with `earns: false` left out). */
    earnBase: moneySchema,
    member: z.object({ name: z.string().nullable(), maskedId: z.string() }).nullable(),
    points: z.number().int().nonnegative().nullable(),
    balanceAfter: z.number().int().nullable(),
    /** Points taken back by returns and cancellation, as a positive number. */
    pointsReversed: z.number().int().nonnegative(),
    receiptLines: z.array(z.string()),
    /** Changes with every state change: a long-poll or SSE client compares it. */
    version: z.number().int().nonnegative(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SaleStatus', description: 'What the till knows about a sale, with lines ready to print on the receipt.' });
export type SaleStatus = z.output<typeof saleStatusSchema>;

export const returnPostSchema = z
  .strictObject({
    total: moneySchema.optional(),
    lines: z.array(saleLineSchema).min(1).max(SALE_LINES_MAX).optional(),
  })
  .refine((r) => (r.total === undefined) !== (r.lines === undefined), 'give either the returned total or the returned lines')
  .meta({ id: 'ReturnPost', description: 'A return of part of a sale: the returned total, or the returned lines (earning lines only count).' });
export type ReturnPost = z.output<typeof returnPostSchema>;

export const returnResultSchema = z
  .object({
    posTxnId: posIdSchema,
    returnId: posIdSchema,
    outcome: z.enum(['reversed', 'pending', 'nothing-to-reverse', 'duplicate']),
    /** Points taken back by this return (capped at what is left of the award). */
    pointsReversed: z.number().int().nonnegative(),
    capped: z.boolean(),
    receiptLines: z.array(z.string()),
    sale: saleStatusSchema,
  })
  .meta({ id: 'ReturnResult' });
export type ReturnResult = z.output<typeof returnResultSchema>;

export const cancelPostSchema = z
  .strictObject({ reason: z.string().max(200).optional() })
  .meta({ id: 'CancelPost', description: 'Voids the sale: before the award nothing is sent; after it the points are taken back in full.' });

export const POS_ERROR_CODES = [
  'bad-request',
  'unauthorized',
  'forbidden-host',
  'forbidden-origin',
  'body-too-large',
  'rate-limited',
  'not-found',
  'conflict',
  'method-not-allowed',
  'unsupported-media-type',
  'till-not-ready',
  'internal',
] as const;
export const posErrorSchema = z
  .object({ code: z.enum(POS_ERROR_CODES), message: z.string() })
  .meta({ id: 'Error', description: 'Every refusal: a stable code and a sentence for the POS log.' });
export type PosError = z.output<typeof posErrorSchema>;

export const conflictSchema = posErrorSchema
  .extend({ differences: z.array(z.object({ field: z.string(), stored: z.unknown(), sent: z.unknown() })) })
  .meta({ id: 'Conflict', description: 'The same transaction id was sent with a different body: each differing field.' });

/** The SSE stream's one event type: a sale's new status. */
export const SSE_EVENT = 'sale';
