/**
 * "The card was shown": which members this session fetched a complete card for (balance, tier
 * and coupons all answered), and when. Main keeps this, not the renderer, so an award for a
 * member the cashier never looked at — or looked at an hour ago — is refused whatever the page
 * sends. In memory on purpose: a restart means the card must be shown again.
 */
import { defineMessages } from '@formatjs/intl';
import { localizedError } from '../../../shared/ipc/localized-error.ts';

const MESSAGES = defineMessages({
  notShownAward: { id: 'card.error.notShownAward', defaultMessage: "Show the member's card (balance, tier and coupons) before awarding points.", description: 'Award refused: no member card on screen' },
  staleAward: {
    id: 'card.error.staleAward',
    defaultMessage: "The member's card is more than {minutes, plural, one {# minute} other {# minutes}} old; scan the card again before awarding points.",
    description: 'Award refused: the card on screen is too old',
  },
  notShownCoupon: { id: 'card.error.notShownCoupon', defaultMessage: "Show the member's card first, so the coupon can be checked against their coupons.", description: 'Redeem refused: no member card on screen' },
  staleCoupon: {
    id: 'card.error.staleCoupon',
    defaultMessage: "The member's card is more than {minutes, plural, one {# minute} other {# minutes}} old; scan the card again before redeeming.",
    description: 'Redeem refused: the card on screen is too old',
  },
  couponNotOnCard: {
    id: 'card.error.couponNotOnCard',
    defaultMessage: 'This coupon is not on the card shown: scan the card of the member it belongs to, then the coupon again.',
    description: 'Redeem refused: the coupon belongs to another member',
  },
});
/** Also thrown by the coupon handler when no card is up at all. */
export const CARD_NOT_SHOWN_FOR_COUPON = MESSAGES.notShownCoupon;

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
        throw localizedError('CARD_NOT_SHOWN', MESSAGES.notShownAward);
      }
      const ageMs = now - card.fetchedAt;
      if (ageMs > freshnessMinutes * 60_000 || ageMs < -60_000) {
        throw localizedError('CARD_NOT_SHOWN', MESSAGES.staleAward, { minutes: freshnessMinutes });
      }
      return card;
    },
    requireCoupon(memberId, couponId, now, freshnessMinutes) {
      const card = shown.get(memberId);
      if (card === undefined) throw localizedError('CARD_NOT_SHOWN', MESSAGES.notShownCoupon);
      const ageMs = now - card.fetchedAt;
      if (ageMs > freshnessMinutes * 60_000 || ageMs < -60_000) {
        throw localizedError('CARD_NOT_SHOWN', MESSAGES.staleCoupon, { minutes: freshnessMinutes });
      }
      if (!card.couponIds.includes(couponId)) {
        throw localizedError('CARD_NOT_SHOWN', MESSAGES.couponNotOnCard);
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
