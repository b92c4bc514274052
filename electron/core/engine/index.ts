/**
 * The exactly-once engine: awards, clawbacks, coupon redeems and manager adjustments on an API
 * with no idempotency key. "One sale never awards twice and no confirmed sale is ever lost."
 *
 * How:
 * - Journal before network: every write is recorded durably under its dedup key before a byte
 *   is sent; recording the same key again returns the earlier row (`duplicate`), never a send.
 * - Every ledger write carries a marker (shared/ledger/sale-token.ts) unique per sale across
 *   the tenant's tills. An unknown outcome (timeout, reset, 5xx, unreadable 2xx, crash mid-request)
 *   is resolved by reading the member's ledger back after `settleMs` and looking for the marker —
 *   never by resending blindly. Absent → provably not applied → resend. A write resent after an
 *   unknown outcome is re-read once its own entry is visible; two entries → `needs-attention`.
 * - Leases + compare-and-set transitions (the journal) let the app and the CLI share one journal.
 * - Not-applied failures back off (capped exponential, full jitter); 429 waits at least Retry-After
 *   (clamped); 401/403 pause all sending until `setClient()` (re-provisioned key) — rows stay queued;
 *   400/404 are final refusals with SocialHub's message. N consecutive network failures open a
 *   circuit (offline): writes queue, a probe runs every `probeIntervalMs`, the queue drains in
 *   creation order when it closes.
 *
 * Behaviour a caller must know:
 * - `award`/`clawback`/`adjust` never keep the cashier longer than about one request timeout.
 *   `queued` and `checking` both mean "do not re-enter"; poll the row (journal detail) for the end.
 * - Redeems are never queued for later honoring: a coupon cannot be validated offline. Offline,
 *   rate-limited or key-refused → `do-not-honor` (scan again later; a re-scan retries the same row).
 *   `checking` must read as NOT YET; the drainer reads the coupon back but never sends a redeem:
 *   only a scan at the till does. Shown still active → `queued` until the customer scans again
 *   (after `redeemWindowMs` parked as `needs-attention`, `redeem-not-sent`). Shown redeemed → ours
 *   only if its `redeemedAt` falls in one of our attempts (`redeemClockSkewMs`); otherwise
 *   `needs-attention` (`redeem-not-proven-ours`) and never HONOR. Ours while nobody watched →
 *   `needs-attention` (`redeem-honor-not-shown`) until a scan or the cashier's poll shows HONOR.
 * - HONOR is shown once per redeem (the journal's `honorShownAt`): later scans of the coupon →
 *   `do-not-honor`, "already redeemed by this till at HH:MM".
 *   `couponVerdict()` is the poll for a pending scan and says `honor` once that scan is proven.
 * - Stale duplicates: with `txnIdScope: 'business-day'` a re-entered sale from an earlier business
 *   day matches its original only when its date is given; it comes back `duplicate` with
 *   `stale: true` (when, how much) instead of a silent refusal. With `forever` an old duplicate is
 *   just a duplicate.
 * - A return of a sale on which a coupon was redeemed gets a journal note starting with
 *   {@link COUPON_RETURN_FLAG} on the clawback row, and `saleSummary().redemptions` lists them.
 */
export { createEngine } from './engine.ts';
export { EngineInputError } from './errors.ts';
export { COUPON_RETURN_FLAG, ENGINE_ACTOR, REASON_CODES } from './constants.ts';
export type {
  ActionResult,
  AdjustInput,
  AwardInput,
  ClawbackInput,
  CouponVerdict,
  CrashPoint,
  DrainReport,
  Engine,
  EngineClient,
  EngineConfig,
  EngineStatus,
  RecoverReport,
  RedeemInput,
  SaleAward,
  SaleSummary,
  WriteOutcome,
} from './types.ts';
