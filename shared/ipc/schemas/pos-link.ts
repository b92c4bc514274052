/**
 * The POS link's IPC channels: the cashier's incoming sale (current, award, receipt-code
 * fallback, and the `event:pos-sale` push) and the manager's Settings → POS link (server on/off,
 * port, token create/rotate/revoke, today's share of sales with a member).
 */
import { z } from 'zod';
import { entityId } from '../../api/schemas.ts';
import { posIdSchema, saleStatusSchema } from '../../pos/schemas.ts';
import { defineChannel } from '../define-channel.ts';
import { cashierWriteOutcomeSchema } from './till.ts';

const epochMs = z.number().int().nonnegative();

/** The sale on the cashier's screen: the POS status plus when it arrived and who rang it up. */
export const cashierPosSaleSchema = z.object({
  sale: saleStatusSchema,
  receivedAt: epochMs,
  cashierId: z.string().nullable(),
});
export type CashierPosSale = z.output<typeof cashierPosSaleSchema>;

export const posTokenInfoSchema = z.object({
  configured: z.boolean(),
  mask: z.string().max(24).nullable(),
  createdAt: z.iso.datetime().nullable(),
});

export const posLinkStatusSchema = z.object({
  enabled: z.boolean(),
  port: z.number().int(),
  /** Where it listens now, or null (off, or it could not bind: see `error`). */
  listening: z.object({ port: z.number().int(), hosts: z.array(z.string()) }).nullable(),
  error: z.string().nullable(),
  token: posTokenInfoSchema,
});
export type PosLinkStatus = z.output<typeof posLinkStatusSchema>;

export const posLinkShareSchema = z.object({
  from: epochMs,
  to: epochMs,
  /** Sales the POS handed over and did not cancel. */
  sales: z.number().int().nonnegative(),
  withMember: z.number().int().nonnegative(),
  noMember: z.number().int().nonnegative(),
  /** Still waiting at the till. */
  waiting: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  /** withMember / (withMember + noMember); null before any sale was decided. */
  share: z.number().min(0).max(1).nullable(),
  missed: z.array(z.object({ posTxnId: posIdSchema, total: z.string(), currency: z.string(), receivedAt: epochMs, cashierId: z.string().nullable() })),
});
export type PosLinkShare = z.output<typeof posLinkShareSchema>;

export const posLinkInvokeContract = {
  // --- cashier ---
  posSaleCurrent: defineChannel('pos-sale:current', { request: z.undefined(), response: cashierPosSaleSchema.nullable() }),
  /** Awards the sale on screen to the member whose card is shown (same card rules as a typed sale). */
  posSaleAward: defineChannel('pos-sale:award', {
    request: z.strictObject({ posTxnId: posIdSchema, memberId: entityId }),
    response: cashierWriteOutcomeSchema,
  }),
  /** A scanned receipt code → transaction id and total (the fallback for a POS without the link), or null. */
  posReceiptCode: defineChannel('pos-sale:receipt-code', {
    request: z.strictObject({ code: z.string().min(1).max(512) }),
    response: z.object({ posTxnId: posIdSchema, total: z.string() }).nullable(),
  }),
  // --- manager ---
  posLinkStatus: defineChannel('pos-link:status', { request: z.undefined(), response: posLinkStatusSchema, access: 'manager' }),
  posLinkConfigure: defineChannel('pos-link:configure', {
    request: z.strictObject({ enabled: z.boolean().optional(), port: z.number().int().min(1024).max(65_535).optional() }),
    response: posLinkStatusSchema,
    access: 'manager',
  }),
  /** A new token (replacing any other), shown this once. */
  posLinkTokenCreate: defineChannel('pos-link:token-create', {
    request: z.undefined(),
    response: z.object({ token: z.string(), status: posLinkStatusSchema }),
    access: 'manager',
  }),
  /** Same as create, named for the manager's intent: the old token stops working at once. */
  posLinkTokenRotate: defineChannel('pos-link:token-rotate', {
    request: z.undefined(),
    response: z.object({ token: z.string(), status: posLinkStatusSchema }),
    access: 'manager',
  }),
  posLinkTokenRevoke: defineChannel('pos-link:token-revoke', { request: z.undefined(), response: posLinkStatusSchema, access: 'manager' }),
  /** The share of sales with a member in [from, to) (default: today's business day) and the missed ones. */
  posLinkShare: defineChannel('pos-link:share', {
    request: z.strictObject({ from: epochMs.optional(), to: epochMs.optional() }),
    response: posLinkShareSchema,
    access: 'manager',
  }),
} as const;
