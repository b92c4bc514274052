/**
 * What the member portal encodes in its QR codes. The QR sheet prints these and the till's scan
 * parser reads them back, so the convention lives in one pure module.
 */

export const PORTAL_ORIGIN = 'https://portal.socialhub.ai';

/** Member card QR: `https://portal.socialhub.ai/m/<memberId>`. */
export function memberQrPayload(memberId: string): string {
  return `${PORTAL_ORIGIN}/m/${encodeURIComponent(memberId)}`;
}

/** Coupon QR: `https://portal.socialhub.ai/c/<couponId>`. */
export function couponQrPayload(couponId: string): string {
  return `${PORTAL_ORIGIN}/c/${encodeURIComponent(couponId)}`;
}
