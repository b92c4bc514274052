/**
 * "The card was shown": which members this session fetched a complete card for (balance, tier
 * and coupons all answered), and when. Main keeps this, not the renderer, so an award for a
 * member the cashier never looked at — or looked at an hour ago — is refused whatever the page
 * sends. In memory on purpose: a restart means the card must be shown again.
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';

export interface ShownCard {
  readonly fetchedAt: number;
  /** The tier multiplier the card showed; the award uses this one, not one the renderer sends. */
  readonly tierMultiplier: number;
  readonly tierName: string;
  /** The member's name as the card showed it (for a POS receipt line); null when that part failed. */
  readonly memberName?: string | null;
  /** The coupons the card listed: a scanned coupon is matched to the member whose card is up. */
  readonly couponIds: readonly string[];
}

export interface CardSession {
  record(memberId: string, card: ShownCard): void;
  /** Throws CARD_NOT_SHOWN unless a complete card was fetched within `freshnessMinutes` of `now`. */
  require(memberId: string, now: number, freshnessMinutes: number): ShownCard;
  /**
   * Throws CARD_NOT_SHOWN unless this member's card was shown within `freshnessMinutes` and listed
   * this coupon: a redeem is for a coupon the cashier saw on that member's card, never for a member
   * id the page merely names.
   */
  requireCoupon(memberId: string, couponId: string, now: number, freshnessMinutes: number): void;
  forget(memberId: string): void;
  /** The member of the most recently shown, still fresh card that lists this coupon. */
  memberForCoupon(couponId: string, now: number, freshnessMinutes: number): string | null;
}

/** Bounded so a long shift cannot grow it without limit; oldest entries go first. */
const MAX_MEMBERS = 5_000;

export function createCardSession(): CardSession {
  const shown = new Map<string, ShownCard>();
  return {
    record(memberId, card) {
      shown.delete(memberId); // re-insert: Map order is then "least recently shown first"
      shown.set(memberId, card);
      if (shown.size > MAX_MEMBERS) {
        const oldest = shown.keys().next();
        if (oldest.done !== true) shown.delete(oldest.value);
      }
    },
    require(memberId, now, freshnessMinutes) {
      const card = shown.get(memberId);
      if (card === undefined) {
        throw new IpcError('CARD_NOT_SHOWN', "Show the member's card (balance, tier and coupons) before awarding points.");
      }
      const ageMs = now - card.fetchedAt;
      if (ageMs > freshnessMinutes * 60_000 || ageMs < -60_000) {
        throw new IpcError('CARD_NOT_SHOWN', `The member's card is more than ${freshnessMinutes} minutes old; scan the card again before awarding points.`);
      }
      return card;
    },
    requireCoupon(memberId, couponId, now, freshnessMinutes) {
      const card = shown.get(memberId);
      if (card === undefined) throw new IpcError('CARD_NOT_SHOWN', "Show the member's card first, so the coupon can be checked against their coupons.");
      const ageMs = now - card.fetchedAt;
      if (ageMs > freshnessMinutes * 60_000 || ageMs < -60_000) {
        throw new IpcError('CARD_NOT_SHOWN', `The member's card is more than ${freshnessMinutes} minutes old; scan the card again before redeeming.`);
      }
      if (!card.couponIds.includes(couponId)) {
        throw new IpcError('CARD_NOT_SHOWN', "This coupon is not on the card shown: scan the card of the member it belongs to, then the coupon again.");
      }
    },
    forget(memberId) {
      shown.delete(memberId);
    },
    memberForCoupon(couponId, now, freshnessMinutes) {
      let found: string | null = null;
      for (const [memberId, card] of shown) {
        if (now - card.fetchedAt <= freshnessMinutes * 60_000 && card.couponIds.includes(couponId)) found = memberId; // later = more recent
      }
      return found;
    },
  };
}
