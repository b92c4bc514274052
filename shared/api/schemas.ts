/**
 * SocialHub v2 REST shapes — the one schema the API client, the embedded sandbox and the IPC
 * contract all derive their types from, so they cannot drift apart.
 *
 * Shapes marked *assumed* in the vendor contract are validated only on the fields we use. Every
 * object is a plain `z.object`, which drops fields it does not declare: whatever else a server
 * sends (a member's email or date of birth, say) never gets past the client, and so never reaches
 * the journal, the logs or the renderer.
 */
import { z } from 'zod';

/** Path ids: anything outside this alphabet is rejected before it can reach a URL path. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const entityId = z.string().regex(ID_PATTERN, 'must be 1–64 characters of A–Z, a–z, 0–9, _ or -');

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;
/** Largest magnitude of one points movement we accept (the API's own bound is not published). */
export const AMOUNT_MAX = 1_000_000;
export const DESCRIPTION_MAX = 500;

const isoDateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date-time');

export const storeSchema = z.object({
  id: entityId,
  name: z.string(),
  status: z.string(),
});
export const storesPageSchema = z.object({
  stores: z.array(storeSchema),
  total: z.number().int().nonnegative(),
});

export const rosterMemberSchema = z.object({
  id: entityId,
  name: z.string(),
  status: z.string(),
  tier: z.string(),
  balance: z.number().int(),
});
export const membersPageSchema = z.object({
  members: z.array(rosterMemberSchema),
  total: z.number().int().nonnegative(),
});

export const memberSchema = z.object({
  id: entityId,
  name: z.string(),
  status: z.string(),
  joinedAt: isoDateTime,
});

export const ledgerTransactionSchema = z.object({
  id: z.string().min(1),
  amount: z.number().int(),
  description: z.string(),
  createdAt: isoDateTime,
  balanceAfter: z.number().int(),
});
export const pointsPageSchema = z.object({
  memberId: entityId,
  balance: z.number().int(),
  transactions: z.array(ledgerTransactionSchema),
  total: z.number().int().nonnegative(),
});

export const pointsRequestSchema = z.object({
  amount: z
    .number()
    .int('amount must be a whole number of points')
    .refine((n) => n !== 0, 'amount must not be zero')
    .refine((n) => Math.abs(n) <= AMOUNT_MAX, `amount must be between -${AMOUNT_MAX} and ${AMOUNT_MAX}`),
  description: z
    .string()
    .refine((s) => s.trim().length > 0, 'description must not be empty')
    .refine((s) => s.length <= DESCRIPTION_MAX, `description must be at most ${DESCRIPTION_MAX} characters`),
});
export const pointsResponseSchema = z.object({
  transactionId: z.string().min(1),
  balance: z.number().int(),
});

export const tierSchema = z.object({
  tier: z.object({ id: z.string(), name: z.string(), multiplier: z.number().positive() }),
  next: z.object({ name: z.string(), pointsToNext: z.number().int().nonnegative() }).nullable(),
});

export const couponStatus = z.enum(['active', 'redeemed', 'expired']);
export const couponSchema = z.object({
  id: entityId,
  code: z.string(),
  title: z.string(),
  status: couponStatus,
  expiresAt: isoDateTime.nullable(),
  /**
   * When it was redeemed, in the server's clock. Optional: the vendor does not promise it. Kept as
   * a plain string so an odd format costs only the proof it would give, never the whole list.
   */
  redeemedAt: z.string().nullable().optional(),
});
export const couponsSchema = z.object({ coupons: z.array(couponSchema) });

/** 200 means "redeemed, honor it"; the body is not specified by the vendor, so nothing is required. */
export const redeemResponseSchema = z.object({
  id: z.string().optional(),
  status: z.string().optional(),
  redeemedAt: z.string().optional(),
});

export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

export type Store = z.infer<typeof storeSchema>;
export type StoresPage = z.infer<typeof storesPageSchema>;
export type RosterMember = z.infer<typeof rosterMemberSchema>;
export type MembersPage = z.infer<typeof membersPageSchema>;
export type Member = z.infer<typeof memberSchema>;
export type LedgerTransaction = z.infer<typeof ledgerTransactionSchema>;
export type PointsPage = z.infer<typeof pointsPageSchema>;
export type PointsRequest = z.infer<typeof pointsRequestSchema>;
export type PointsResponse = z.infer<typeof pointsResponseSchema>;
export type Tier = z.infer<typeof tierSchema>;
export type CouponStatus = z.infer<typeof couponStatus>;
export type Coupon = z.infer<typeof couponSchema>;
export type Coupons = z.infer<typeof couponsSchema>;
export type RedeemResponse = z.infer<typeof redeemResponseSchema>;
