/**
 * Resolving an unknown outcome by reading back, never by resending blindly:
 * - points rows: the member's ledger, newest first, back to the row's creation minus a margin,
 *   looking for the exact marker (descriptionMatches).
 * - redeems: the member's coupon list, and whether its redeemedAt proves the redeem was ours.
 * Found → confirmed. Absent after the settle delay → provably not applied → queued (resend is safe).
 * Absent before it → still unknown. The read failing → still unknown, retried later.
 */
import { PaginationError, paginateLedger } from '../api/index.ts';
import type { ApiFailure } from '../api/index.ts';
import type { AttemptOutcome, JournalRow, TransitionPatch } from '../journal/index.ts';
import type { LedgerTransaction } from '../../../shared/api/schemas.ts';
import { descriptionMatches } from '../../../shared/ledger/sale-token.ts';
import type { SaleToken } from '../../../shared/ledger/sale-token.ts';
import { fullJitter } from './backoff.ts';
import { MEMBER_NOT_FOUND_READS, REASON_CODES } from './constants.ts';
import type { Ctx } from './context.ts';
import { couponStatus } from './coupons.ts';
import { honorNotShownText } from './coupon-verdict.ts';
import { judgeRedeemed } from './redeem-ownership.ts';
import { ledgerToken } from './intents.ts';
import { lateCopyWatchEnd, resendBalanceVerdict } from './late-copy.ts';
import { observeFailure } from './observe.ts';
import { clockTime } from './outcome.ts';
import { paced } from './pace.ts';

type Target = 'confirmed' | 'queued' | 'unknown' | 'needs-attention';

/** Ledger reads of this row that ended in a 404, counted back from the latest read. */
function consecutiveNotFoundReads(ctx: Ctx, row: JournalRow): number {
  const reads = ctx.journal.attempts(row.id).filter((a) => a.kind === 'verify' && a.finishedAt !== null);
  let n = 0;
  for (let i = reads.length - 1; i >= 0 && reads[i]?.httpStatus === 404; i--) n++;
  return n;
}

/** When the last send started: absence in the ledger proves nothing until settleMs after it. */
export function lastSendAt(ctx: Ctx, row: JournalRow): number | null {
  const sends = ctx.journal.attempts(row.id).filter((a) => a.kind === 'send');
  return sends.at(-1)?.startedAt ?? null;
}

/**
 * `newestAt`: the newest entry the read could see — a lagging ledger shows nothing younger.
 * `balance`: the member's balance as of that same (possibly stale) view.
 */
type LedgerRead = { ok: true; matches: LedgerTransaction[]; newestAt: number | null; balance: number | null } | { ok: false; failure: ApiFailure };

async function readLedger(ctx: Ctx, row: JournalRow, token: SaleToken, owner: string): Promise<LedgerRead> {
  const cutoff = row.createdAt - ctx.ledgerMarginMs;
  const found = new Map<string, LedgerTransaction>();
  let newestAt: number | null = null;
  let balance: number | null = null;
  const client = {
    getPoints: async (...args: Parameters<Ctx['client']['getPoints']>) => {
      await paced(ctx);
      const r = await ctx.client.getPoints(...args);
      observeFailure(ctx, r, 0);
      if (r.ok && balance === null) balance = r.value.balance;
      return r;
    },
  };
  try {
    // 429s end the walk at once (maxRateLimitWaits 0): the row is retried after Retry-After instead.
    for await (const page of paginateLedger(client, row.memberId, { pageSize: 200, maxRateLimitWaits: 0, sleep: ctx.sleep })) {
      const first = page.items[0];
      if (newestAt === null && first) newestAt = Date.parse(first.createdAt);
      // The ledger can shift under pagination: an entry seen twice is still one entry.
      // Store-unique POS ids: another till's entry for this sale is this sale (keying.ts).
      for (const t of page.items) if (descriptionMatches(t.description, token, { perTill: ctx.idsPerTill })) found.set(t.id, t);
      const oldest = page.items.at(-1);
      if (oldest && Date.parse(oldest.createdAt) < cutoff) break;
      ctx.journal.claim(row.id, owner, ctx.leaseMs, ['verifying']);
    }
  } catch (err) {
    if (err instanceof PaginationError) return { ok: false, failure: err.failure };
    throw err;
  }
  return { ok: true, matches: [...found.values()], newestAt, balance };
}

/**
 * Verifies `row` (state `unknown`, or `needs-attention` for a manager) under a lease of `owner`.
 * Returns the row afterwards, or as it is if it could not be taken.
 */
export async function verifyRow(ctx: Ctx, row: JournalRow, owner: string): Promise<JournalRow> {
  if (row.state !== 'unknown' && row.state !== 'needs-attention') return row;
  const taken = ctx.move(row.id, { from: [row.state], to: 'verifying', owner, leaseMs: ctx.leaseMs });
  if (!taken.ok || !taken.row) return taken.row ?? row;
  const v = taken.row;
  const sentAt = lastSendAt(ctx, v);
  // The send's own due time counts too: it was set after any pacing wait, when the request left.
  const settledAt = Math.max((sentAt ?? 0) + ctx.settleMs, row.state === 'unknown' ? (row.nextAttemptAt ?? 0) : 0);
  const settled = sentAt === null || ctx.now() >= settledAt;
  const keepDue = Math.max(ctx.now(), settledAt);
  const close = (to: Target, patch: TransitionPatch, outcome: AttemptOutcome): JournalRow =>
    ctx.move(v.id, { from: ['verifying'], to, owner, leaseMs: ctx.leaseMs, patch, outcome }).row ?? v;
  const readFailed = (message: string, failure?: ApiFailure): JournalRow =>
    close(
      'unknown',
      { nextAttemptAt: Math.max(keepDue, ctx.now() + fullJitter(v.verifyCount - 1, ctx.backoff, ctx.random)), lastError: `Could not check yet: ${message}`.slice(0, 1000) },
      { ...(failure?.status !== undefined && { httpStatus: failure.status }), reason: 'verify-failed', message: message.slice(0, 1000) },
    );

  if (v.kind === 'redeem') {
    const status = await couponStatus(ctx, v.memberId, v.couponId ?? '');
    ctx.crash('mid-verify');
    if (!status.ok) return readFailed(status.message);
    if (status.status === 'redeemed') {
      // "Redeemed" alone is not ours: another till may have redeemed it (see redeem-ownership).
      const owner = judgeRedeemed(ctx, v, status.redeemedAt);
      if (!owner.ours) {
        return close('needs-attention', { reasonCode: REASON_CODES.redeemNotProvenOurs, lastError: owner.why.slice(0, 1000) }, { reason: 'coupon-redeemed-not-proven-ours' });
      }
      // Proven ours, but nobody at the till has seen HONOR: it waits in front of the manager
      // until a scan (or the cashier's poll) shows it once — see redeem.ts.
      return close(
        'needs-attention',
        { reasonCode: REASON_CODES.redeemHonorNotShown, lastError: honorNotShownText(ctx, owner.attemptStartedAt) },
        { reason: 'coupon-redeemed-by-this-till' },
      );
    }
    if (status.status === 'absent') {
      return close(
        'needs-attention',
        {
          reasonCode: REASON_CODES.couponNotOnMember,
          lastError: `Coupon ${v.couponId ?? ''} is not on member ${v.memberId}'s list (another member's coupon, or the wrong card), so the till cannot tell whether it was redeemed`,
        },
        { reason: 'coupon-absent' },
      );
    }
    if (!settled) return close('unknown', { nextAttemptAt: keepDue, lastError: v.lastError }, { reason: 'not-settled' });
    // Not redeemed: it waits for the customer's next scan (never resent in the background).
    return close('queued', { lastError: `Coupon still ${status.status} after the earlier attempt: it was not redeemed.` }, { reason: `coupon-${status.status}` });
  }

  const token = ledgerToken(v);
  if (token === null) {
    return close('needs-attention', { reasonCode: 'unreadable-marker', lastError: 'The ledger marker of this row cannot be read back' }, { reason: 'unreadable-marker' });
  }
  const read = await readLedger(ctx, v, token, owner);
  ctx.crash('mid-verify');
  if (!read.ok) {
    if (read.failure.status === 404 && v.attemptCount === 0) {
      // Checked before its first send (old queued row, or a copied journal): SocialHub has no such
      // member, so no copy of it can have been applied. Sending it gets a certain refusal, which
      // lets the sale re-entered with the right card count (retire-refused.ts).
      return close(
        'queued',
        { lastError: `SocialHub does not know member ${v.memberId}, so no copy of this write was applied; sending it for SocialHub's answer.` },
        { httpStatus: 404, reason: 'member-not-found-before-send', message: read.failure.message.slice(0, 1000) },
      );
    }
    if (read.failure.status === 404 && consecutiveNotFoundReads(ctx, v) + 1 >= MEMBER_NOT_FOUND_READS) {
      return close(
        'needs-attention',
        {
          reasonCode: REASON_CODES.memberNotFound,
          lastError: `SocialHub answered ${MEMBER_NOT_FOUND_READS} ledger checks in a row that member ${v.memberId} does not exist, so the till cannot tell whether this write landed`,
        },
        { httpStatus: 404, reason: 'member-not-found', message: read.failure.message.slice(0, 1000) },
      );
    }
    return readFailed(read.failure.message, read.failure);
  }
  const { matches } = read;
  // In a duplicate check our own entry counts even while the lagging ledger still hides it.
  const duplicate = (ids: string[]): JournalRow =>
    close(
      'needs-attention',
      {
        reasonCode: REASON_CODES.duplicateOnLedger,
        lastError: `SocialHub shows this write ${ids.length} times (${ids.join(', ')}): ${Math.abs(v.amount) * (ids.length - 1)} points too many — reconciliation offers the compensating adjustment`,
      },
      { reason: 'duplicate-on-ledger' },
    );

  const watching = (until: number): JournalRow =>
    close(
      'unknown',
      {
        nextAttemptAt: Math.min(ctx.now() + ctx.settleMs, until),
        lastError: `Applied once; watching SocialHub's ledger until ${clockTime(until, ctx.now())} in case the earlier attempt lands late.`,
      },
      { reason: 'watching-for-late-copy' },
    );

  if (v.serverTxnId !== null) {
    // A resend that SocialHub confirmed: judge duplicates once our own entry is visible, since
    // a ledger that shows a later entry also shows every earlier one.
    const own = matches.find((m) => m.id === v.serverTxnId);
    const others = matches.filter((m) => m.id !== v.serverTxnId).map((m) => m.id);
    if (others.length > 0) return duplicate([v.serverTxnId, ...others]);
    if (own) {
      // The first attempt may still land: keep watching until the window since it has passed.
      const watchEnd = lateCopyWatchEnd(ctx, v, sentAt ?? ctx.now());
      if (ctx.now() < watchEnd) return watching(watchEnd);
      return close('confirmed', { balance: own.balanceAfter, lastError: null }, { reason: 'marker-found-once' });
    }
    const balance = resendBalanceVerdict(ctx, v);
    if (balance === 'hidden-copy') {
      // The resend's balance showed a second copy, and the lagging ledger cannot say otherwise.
      return close(
        'needs-attention',
        {
          reasonCode: REASON_CODES.duplicateOnLedger,
          lastError: `${v.lastError ?? ''} The ledger still does not show the entries: ${Math.abs(v.amount)} points too many if so — reconciliation offers the compensating adjustment`.trim().slice(0, 1000),
        },
        { reason: 'hidden-copy-by-balance' },
      );
    }
    if (sentAt !== null && ctx.now() - sentAt < ctx.duplicateCheckMaxMs) {
      return close('unknown', { nextAttemptAt: ctx.now() + ctx.settleMs, lastError: v.lastError }, { reason: 'own-entry-not-visible' });
    }
    if (balance === 'one-copy') {
      return close(
        'confirmed',
        { lastError: "SocialHub confirmed it and its balance showed no second copy, but its ledger never showed the entry" },
        { reason: 'balance-shows-one-copy' },
      );
    }
    return close(
      'needs-attention',
      {
        reasonCode: REASON_CODES.duplicateCheckInconclusive,
        lastError: "SocialHub confirmed the resend, but its ledger never showed the entry and the balance does not rule out a second copy: duplicate check inconclusive — compare the member's ledger",
      },
      { reason: 'duplicate-check-inconclusive' },
    );
  }
  if (matches.length >= 2) return duplicate(matches.map((m) => m.id));
  const [one] = matches;
  if (one) {
    // Resent after an unknown outcome: one copy proves nothing until the read can see past the
    // latest send, or a lagging ledger may be hiding the second copy.
    const lastMaybe = ctx.journal
      .attempts(v.id)
      .filter((a) => a.kind === 'send' && a.classification !== 'not-applied' && a.classification !== 'rejected')
      .map((a) => a.startedAt);
    const latest = lastMaybe.at(-1) ?? 0;
    const caughtUp = lastMaybe.length < 2 || (read.newestAt !== null && read.newestAt >= latest) || ctx.now() - latest >= ctx.duplicateCheckMaxMs;
    if (!caughtUp) return close('unknown', { nextAttemptAt: ctx.now() + ctx.settleMs, lastError: v.lastError }, { reason: 'ledger-not-caught-up' });
    const watchEnd = (lastMaybe[0] ?? 0) + ctx.duplicateCheckMaxMs;
    if (lastMaybe.length >= 2 && ctx.now() < watchEnd) return watching(watchEnd);
    return close('confirmed', { serverTxnId: one.id.slice(0, 128), balance: one.balanceAfter, lastError: null }, { reason: 'marker-found' });
  }
  if (!settled) return close('unknown', { nextAttemptAt: keepDue, lastError: v.lastError }, { reason: 'not-settled' });
  // The balance this read saw: the resend's reply is compared with it to spot a hidden copy.
  return close('queued', { balance: read.balance, lastError: 'Not in the SocialHub ledger after the settle delay: it was not applied.' }, { reason: 'marker-absent' });
}
