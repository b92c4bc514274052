/**
 * Public types of the exactly-once engine. Results are the IPC shapes of
 * shared/ipc/schemas/till.ts (`WriteOutcome`, `CouponVerdict`, `SaleSummary`), so the IPC
 * handlers and the CLI pass them through unchanged.
 */
import type { SocialHubClient } from '../api/index.ts';
import type { Journal, KeyingSettings } from '../journal/index.ts';
import type { JournalRow, JournalStats } from '../../../shared/journal/row.ts';
import type { EarnRule, RoundingMode } from '../../../shared/earn/earn-rule.ts';
import type { CouponVerdict, SaleSummary, WriteOutcome } from '../../../shared/ipc/schemas/till.ts';

export type { CouponVerdict, SaleSummary, WriteOutcome } from '../../../shared/ipc/schemas/till.ts';

/** The part of a {@link SaleSummary} that says what happened to a sale's points. */
export type SaleAward = Pick<SaleSummary, 'award' | 'clawedBack' | 'pendingClawback' | 'clawbacks'> & {
  /** The dedup key the sale's award is (or would be) recorded under. */
  awardKey: string;
};

/** What the engine calls on the API client: the write-scoped key's client. */
export type EngineClient = Pick<SocialHubClient, 'postPoints' | 'getPoints' | 'getCoupons' | 'redeemCoupon' | 'getStore'>;

/**
 * Named moments where a test harness may kill the process (SIGKILL) to prove crash safety.
 * Production passes nothing (a no-op); the engine never branches on these.
 * - `after-record`: the intent is durable, nothing sent yet
 * - `before-send`: the row is `sending`, the request has not left
 * - `mid-request`: the request is in flight
 * - `after-apply`: a 2xx arrived, the journal does not know yet
 * - `mid-verify`: the ledger was read, the verdict is not journaled yet
 */
export type CrashPoint = 'after-record' | 'before-send' | 'mid-request' | 'after-apply' | 'mid-verify';

export interface EngineConfig {
  journal: Journal;
  /** Write-scoped client. Create it with `timeoutMs: requestTimeoutMs`. */
  client: EngineClient;
  /** Store and till ids as they appear in the ledger marker ([A-Za-z0-9_-], ≤ 64). */
  storeId: string;
  tillId: string;
  /**
   * `forever`: POS transaction ids never repeat. `business-day`: they restart each business
   * day, so the business date is part of the dedup key and of the ledger marker.
   */
  txnIdScope?: 'forever' | 'business-day' | undefined;
  /**
   * The rest of how sales are keyed (journal keying.ts): business-day start (HH:MM), the store's
   * time zone, and whether POS ids are unique per store or per till. All of these, the store
   * and `txnIdScope` are settled in the journal: left out, the journal's own are used; given
   * and different, createEngine throws JournalKeyingError before anything is recorded.
   */
  dayStart?: string | undefined;
  timeZone?: string | undefined;
  idsUniquePer?: 'store' | 'till' | undefined;
  /** Today's business date (tests). Default: from the journal's day start and time zone (shared/time/business-day.ts). */
  businessDate?: () => string;
  /** The client's per-request timeout; bounds how long `award()` can keep a cashier waiting. */
  requestTimeoutMs: number;
  /**
   * The no-resend window: after an unknown outcome, how long before the ledger read-back may
   * prove absence and the write be sent again. It is what the till assumes is the longest a
   * request may take to be applied by SocialHub. Default 2 × requestTimeoutMs (never less).
   */
  settleMs?: number;
  /** Capped exponential backoff with full jitter for not-applied failures. Default { baseMs: 500, capMs: 60 000 }. */
  backoff?: { baseMs: number; capMs: number };
  /** Clamp for a 429's Retry-After. Default 300 000. */
  retryAfterMaxMs?: number;
  /** Lease on a row while a worker talks to the server. Default max(5 000, 4 × requestTimeoutMs). */
  leaseMs?: number;
  /** Unique per process (e.g. `app:<pid>:<random>`); every worker derives its own lease owner from it. */
  owner: string;
  /** Epoch ms. Give the journal the same clock (its leases and due times use it). Default Date.now. */
  now?: () => number;
  /** Default: a real timer. Tests inject virtual time. */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1). Default Math.random. */
  random?: () => number;
  /** Journal rows changed (the UI's journal-changed event). Must not throw. */
  onChange?: (ids: number[]) => void;
  /** Connectivity changed: offline (circuit open), back online, key refused. Must not throw. */
  onConnectivity?: (online: boolean, detail: string | null) => void;
  /** Test hook; see {@link CrashPoint}. */
  crashPoint?: (name: CrashPoint) => void;
  /** Lets `award()` take `saleTotalMinor` without `points` (no tier multiplier is applied). */
  earnRule?: EarnRule;
  /** Rounding of proportional clawbacks. Default `floor` (never takes back more than the returned share). */
  clawbackRounding?: RoundingMode;
  /** The tenant's rate limit, if known: the engine paces itself to just under it. Default: no pacing (429s are honoured). */
  rateLimit?: { perSecond: number; burst?: number };
  /** Consecutive network failures that open the circuit (offline). Default 3. */
  breakerThreshold?: number;
  /** Probe interval while offline. Default 5 000. */
  probeIntervalMs?: number;
  /** How far before a row's creation the ledger read-back looks (clock skew). Default 15 min. */
  ledgerMarginMs?: number;
  /**
   * The duplicate-check window: a resent write is watched for a late first copy until this long
   * after its first unknown attempt, and waits at most this long for its own entry to show.
   * Default max(60 000, 10 × settleMs).
   */
  duplicateCheckMaxMs?: number;
  /** A queued redeem this long after the scan that sent it is parked: only a new scan sends it. Default 120 000. */
  redeemWindowMs?: number;
  /**
   * How far the till's clock may be from SocialHub's. A coupon SocialHub shows redeemed counts as
   * this till's lost success only if its `redeemedAt` falls within one of our unknown attempts
   * (start .. end + settle), widened by this much. Default 2 000.
   */
  redeemClockSkewMs?: number;
  /** Background drainer poll interval when idle. Default 250. */
  idlePollMs?: number;
  /**
   * Parallel drainer workers, each claiming the oldest due row. Default 1: strict creation order.
   * With N > 1 rows are still claimed in order but up to N are in flight, so neighbours may land
   * out of order; needed to reach a high rate limit when each send costs a round trip.
   */
  drainConcurrency?: number;
}

export interface AwardInput {
  memberId: string;
  posTxnId: string;
  /** Points to award. Required unless the engine has an `earnRule` and `saleTotalMinor` is given. */
  points?: number;
  /** Sale total in minor units of `currency`; kept for proportional clawback. */
  saleTotalMinor?: number;
  /** The currency the sale total's minor units are in (the store's). Default USD. */
  currency?: string;
  /** Business date of the sale (YYYY-MM-DD); `business-day` scope only. Default: today's. */
  businessDate?: string;
  /**
   * The POS-link sale (journal id) this award is for: recorded only while that sale is open, in
   * the record's own commit, so a cancel at the POS and this award never both win.
   */
  posSaleId?: number;
}

export interface ClawbackInput {
  /** The original sale. */
  posTxnId: string;
  /** Unique per return of that sale: the same returnId twice is a duplicate. */
  returnId: string;
  /** The original sale's business date (`business-day` scope). Default: today's. */
  businessDate?: string;
  /** `proportional` (default): the returned share of the award. `points`: exactly `points`. Both capped at what is left. */
  mode?: 'proportional' | 'points';
  /** Returned amount in minor units (proportional mode). */
  returnedAmountMinor?: number;
  /** Points to take back (points mode). */
  points?: number;
  rounding?: RoundingMode;
  /** The currency the journal's minor units are in (the store's). Default USD. */
  currency?: string;
}

export interface RedeemInput {
  couponId: string;
  /** The member whose card is shown: their coupon list is how an unknown outcome is resolved. */
  memberId: string;
  /** The POS transaction open while redeeming: a later return of that sale is flagged for the manager. */
  linkedPosTxnId?: string;
  businessDate?: string;
}

export interface AdjustInput {
  memberId: string;
  /** Signed, non-zero. */
  points: number;
  /** Goes into the ledger marker ([A-Za-z0-9_-]), e.g. GOODWILL. */
  reasonCode: string;
  /** The manager's note, kept in the journal (not sent). */
  note: string;
  /**
   * Makes the adjustment exactly-once: the same ref twice is a duplicate. One per form submission,
   * made by the caller (the engine refuses an adjustment without one rather than invent it).
   */
  ref: string;
}

/** Result of a manager action. */
export type ActionResult = { ok: true; row: JournalRow; message: string } | { ok: false; row: JournalRow | null; message: string };

/** Counts by state of the rows `recover()` looked at, after it finished. */
export interface RecoverReport {
  examined: number;
  confirmed: number;
  rejected: number;
  resolved: number;
  needsAttention: number;
  /** Still queued/unknown: offline, key refused, rate-limited, or leased by another process. */
  pending: number;
  /** Rows found in sending/verifying with an expired lease (a crash mid-request): treated as unknown. */
  abandoned: number;
}

export interface DrainReport {
  /** Rows a worker acted on. */
  processed: number;
  /** Why the pass stopped. */
  stopped: 'idle' | 'offline' | 'key-rejected' | 'rate-limited' | 'max';
}

export interface EngineStatus {
  online: boolean;
  onlineSince: number | null;
  /** Why offline / paused, for the status strip. */
  detail: string | null;
  /** Sending is paused because SocialHub refused the key (401/403) or the address; null otherwise. */
  sendingBlocked: string | null;
  rateLimitedUntil: number | null;
  draining: boolean;
  queue: JournalStats;
  storeId: string;
  tillId: string;
}

export interface Engine {
  /**
   * Records the award (durably), then tries to send it once, bounded by the request timeout.
   * `confirmed` | `duplicate` (+`stale`) | `queued` (will be sent automatically — do not re-enter)
   * | `checking` (unknown outcome; the drainer verifies — poll the row) | `rejected` | `needs-attention`.
   * Throws EngineInputError for unusable input and journal errors when nothing could be recorded.
   */
  award(input: AwardInput): Promise<WriteOutcome>;
  /** A negative adjustment for a return, capped by what is left of the confirmed award. Refusals come back as `rejected` with row null. */
  clawback(input: ClawbackInput): Promise<WriteOutcome>;
  /**
   * Redeems a coupon once: `honor` only on proof (200, or SocialHub showing it redeemed at a time
   * within our own earlier unknown attempt), and at most once per coupon ever. Offline or refused →
   * `do-not-honor`; unknown → `checking` (never honor; poll couponVerdict). Redeemed without proof
   * that it was us, a 404 after our unknown attempt, or a coupon not on the card's member →
   * `do-not-honor` and the row waits for a manager. HONOR already shown → `do-not-honor`
   * "already redeemed by this till at …".
   */
  redeem(input: RedeemInput): Promise<CouponVerdict>;
  /** Manager adjustment (description token kind `adjustment`), exactly-once per `ref`. */
  adjust(input: AdjustInput): Promise<WriteOutcome>;
  /** What a return of this sale can take back, and why not when it cannot. */
  saleSummary(posTxnId: string, businessDate?: string): SaleSummary;
  /** A sale's award and what was taken back from it: indexed reads only, no coupon walk (the POS link's status). */
  saleAward(posTxnId: string, businessDate?: string): SaleAward;
  /** Today's business date as this engine keys sales (its settled day start and time zone). */
  businessDate(): string;
  /** How POS transaction ids are keyed: unique `forever`, or restarting every `business-day`. */
  txnIdScope(): 'forever' | 'business-day';
  /** The keying this engine settled at construction and keys every sale by. */
  keying(): KeyingSettings;
  /**
   * The journal's sentence while the journal is keyed otherwise than {@link Engine.keying} (another
   * program re-keyed it): every write, read-back, resend and recover is then refused. Null otherwise.
   */
  keyingRefusal(): string | null;
  /** The poll after `checking`: `honor` once our redemption is proven, no network. */
  couponVerdict(couponId: string): CouponVerdict;
  /** Manager: read the ledger (or coupon list) back now, whatever the settle timer says. */
  verifyNow(id: number): Promise<ActionResult>;
  /** Manager: send again — only where verification proved it was not applied (the journal enforces it). */
  resend(id: number): Promise<ActionResult>;
  /** Manager: close a row that needs a person, with a written reason. */
  resolve(id: number, reason: string, by: string): ActionResult;
  /**
   * Manager: a sale SocialHub refused for certain (e.g. a mistyped member) entered again under
   * the corrected member, with a written reason; the result's row is the new entry.
   */
  requeueCorrected(id: number, input: { memberId: string; reason: string; by: string }): Promise<ActionResult>;
  /**
   * On start: drive every unfinished row towards a final state (abandoned sends are verified,
   * never resent blindly). Resolves when nothing is left the engine can move, when sending is
   * blocked or offline, or after `timeoutMs` (default lease + 3 settle + 4 request timeouts).
   * Do not hold up the till for it: call `start()` alongside.
   */
  recover(options?: { timeoutMs?: number }): Promise<RecoverReport>;
  /** One pass over what is due now (the CLI's `drain`); does not wait for future due times. */
  drainOnce(options?: { max?: number }): Promise<DrainReport>;
  /** Starts the background drainer (offline queue, verification, probes). */
  start(): void;
  /** Stops the drainer and waits for in-flight work. Does not close the journal. */
  stop(): Promise<void>;
  status(): EngineStatus;
  /** Key re-provisioned: use this client from now on and lift a key-refused pause. */
  setClient(client: EngineClient): void;
}
