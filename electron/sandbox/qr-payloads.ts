/**
 * What the member portal encodes in its QR codes. The QR sheet prints these and the till's scan
 * parser reads them back; the convention itself lives in shared/scan so the two cannot differ.
 */
import { PORTAL_ORIGIN, portalUrl } from '../../shared/scan/scan-parser.ts';

export { PORTAL_ORIGIN };

/** Member card QR: `https://portal.socialhub.ai/m/<memberId>`. */
export function memberQrPayload(memberId: string): string {
  return portalUrl('member', memberId);
}

/** Coupon QR: `https://portal.socialhub.ai/c/<couponId>`. */
export function couponQrPayload(couponId: string): string {
  return portalUrl('coupon', couponId);
}
