/** A member's coupon, read back to resolve an unknown redeem. */
import type { Ctx } from './context.ts';
import { observeFailure } from './observe.ts';
import { paced } from './pace.ts';

export type CouponStatusResult =
  | { ok: true; status: 'redeemed' | 'active' | 'expired' | 'absent'; redeemedAt: string | null }
  | { ok: false; message: string };

export async function couponStatus(ctx: Ctx, memberId: string, couponId: string): Promise<CouponStatusResult> {
  await paced(ctx);
  const r = await ctx.client.getCoupons(memberId);
  observeFailure(ctx, r, 0);
  // The member is gone (or never was): their list cannot show the coupon either way.
  if (!r.ok && r.failure.status === 404) return { ok: true, status: 'absent', redeemedAt: null };
  if (!r.ok) return { ok: false, message: r.failure.message.slice(0, 1000) };
  const c = r.value.coupons.find((x) => x.id === couponId);
  return { ok: true, status: c ? c.status : 'absent', redeemedAt: c?.redeemedAt ?? null };
}
