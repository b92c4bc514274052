/** Journal vocabulary the engine writes and other modules (exceptions view, CLI) read back. */

/** Note prefix on a clawback row whose sale had a coupon redeemed on it: the manager decides. */
export const COUPON_RETURN_FLAG = 'COUPON-RETURN:';

/** `by` of notes and `actor` of transitions the engine makes on its own. */
export const ENGINE_ACTOR = 'till-engine';

/** `reasonCode` values the engine uses when it moves a row to needs-attention. */
export const REASON_CODES = {
  /** Two or more ledger entries carry this write's marker: reconcile offers the compensating adjustment. */
  duplicateOnLedger: 'duplicate-on-ledger',
  /** A redeem that never reached SocialHub while the customer was there; a re-scan retries it. */
  redeemNotSent: 'redeem-not-sent',
  /** The coupon is not on the member's list, so an unknown redeem cannot be proven either way. */
  couponNotOnMember: 'coupon-not-on-member',
  /** SocialHub shows the coupon redeemed, but nothing proves this till's attempt did it (another till may have). */
  redeemNotProvenOurs: 'redeem-not-proven-ours',
  /** Proven redeemed by this till while nobody at the till was shown HONOR: a scan or the cashier's poll shows it once. */
  redeemHonorNotShown: 'redeem-honor-not-shown',
  /** SocialHub refused a redeem after an earlier attempt of ours had an unknown outcome. */
  redeemRefusedAfterUnknown: 'redeem-refused-after-unknown',
  /** SocialHub refused a resend (400/404) after an earlier attempt whose outcome was unknown: that one may have landed. */
  refusedAfterUnknown: 'refused-after-unknown',
  /** A resend was applied but its own ledger entry never showed within the duplicate-check window. */
  duplicateCheckInconclusive: 'duplicate-check-inconclusive',
  /** Every ledger read-back says the member does not exist, so an unknown write can never be proven. */
  memberNotFound: 'member-not-found',
  /** A manager resolved a row that was not waiting for one. */
  manager: 'manager',
} as const;

/** Consecutive 404s from the member's ledger after which an unknown write goes to a manager. */
export const MEMBER_NOT_FOUND_READS = 3;
