/**
 * Whose redeem is it? SocialHub's coupon list says "redeemed", never by which key or till, and
 * tills of one store usually share a key. The only evidence that a redeem SocialHub shows is this
 * till's lost success is time: the coupon's `redeemedAt` must fall inside one of our attempts
 * that may have applied — from its start to its end (reply or timeout) plus the settle delay
 * (the longest a request may take to apply), widened by the clock-skew allowance. Anything else
 * (no `redeemedAt`, an unreadable one, a time outside every attempt) is not proof: the row goes
 * to a manager and the cashier is told not to honor it.
 *
 * What this cannot tell: another till redeeming the same coupon inside our own window. That
 * needs the customer to reach the other till and be served within the settle delay of our
 * unknown attempt; the till then takes it as its own.
 */
import type { Attempt, JournalRow } from '../journal/index.ts';
import type { Ctx } from './context.ts';

export type Ownership = { ours: true; at: number; attemptStartedAt: number } | { ours: false; why: string };

interface Window {
  startedAt: number;
  from: number;
  to: number;
}

/** Send attempts that may have redeemed the coupon: unknown outcomes, excluding definite refusals. */
function mayHaveApplied(a: Attempt): boolean {
  if (a.kind !== 'send') return false;
  if (a.classification === 'applied') return true;
  if (a.classification !== 'unknown-outcome') return false;
  return a.httpStatus === null || a.httpStatus >= 500;
}

export function attemptWindows(ctx: Ctx, row: JournalRow, options: { excludeOpen?: boolean } = {}): Window[] {
  return ctx.journal
    .attempts(row.id)
    .filter((a) => (a.finishedAt === null ? !options.excludeOpen && a.kind === 'send' : mayHaveApplied(a)))
    .map((a) => {
      // A request cannot outlive the client's timeout; an abandoned attempt is closed much later.
      const end = Math.min(a.finishedAt ?? Infinity, a.startedAt + ctx.requestTimeoutMs);
      return { startedAt: a.startedAt, from: a.startedAt - ctx.redeemClockSkewMs, to: end + ctx.settleMs + ctx.redeemClockSkewMs };
    });
}

const hms = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** `excludeOpen`: the attempt in flight right now (a 404 being judged) did not redeem it. */
export function judgeRedeemed(ctx: Ctx, row: JournalRow, redeemedAt: string | null, options: { excludeOpen?: boolean } = {}): Ownership {
  const windows = attemptWindows(ctx, row, options);
  if (redeemedAt === null) {
    return { ours: false, why: 'SocialHub shows the coupon redeemed but not when, so nothing proves it was this till (another till may have redeemed it)' };
  }
  const at = Date.parse(redeemedAt);
  if (Number.isNaN(at)) {
    return { ours: false, why: `SocialHub shows the coupon redeemed at an unreadable time (${JSON.stringify(redeemedAt.slice(0, 40))}), so nothing proves it was this till` };
  }
  const hit = windows.find((w) => at >= w.from && at <= w.to);
  if (hit) return { ours: true, at, attemptStartedAt: hit.startedAt };
  const spans = windows.map((w) => `${hms(w.from)}–${hms(w.to)}`).join(', ') || 'none';
  return {
    ours: false,
    why: `SocialHub shows the coupon redeemed at ${hms(at)} UTC, outside this till's attempts (${spans} UTC): another till or channel redeemed it`,
  };
}
