/**
 * Journal row → what the cashier sees (WriteOutcome), in plain sentences; coupon verdicts are in
 * coupon-verdict.ts.
 * `queued` and `checking` always say "do not re-enter": the till owns the retry.
 */
import type { WriteOutcome } from './types.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { STATE_LABELS } from '../../../shared/journal/states.ts';
import type { Ctx } from './context.ts';
import { calendarDateAt } from '../../../shared/time/business-day.ts';
import { formatClock } from '../../../shared/time/date-format.ts';

/** "14:02" today, "2026-11-24 14:02" otherwise (local time; English sentences, so en-US digits). */
export function clockTime(ms: number, now: number): string {
  const hm = formatClock(ms, 'en-US');
  const day = calendarDateAt(ms);
  return day === calendarDateAt(now) ? hm : `${day} ${hm}`;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

function what(row: JournalRow): string {
  switch (row.kind) {
    case 'award':
      return `the ${fmt(row.amount)} points for sale ${row.posTxnId ?? ''}`;
    case 'clawback':
      return `taking back ${fmt(-row.amount)} points for return ${row.returnId ?? ''}`;
    case 'adjustment':
      return `the adjustment of ${row.amount > 0 ? '+' : ''}${fmt(row.amount)} points`;
    case 'redeem':
      return `coupon ${row.couponId ?? ''}`;
  }
}

function doNotRepeat(row: JournalRow): string {
  return row.kind === 'award' ? 'do not re-enter the sale' : row.kind === 'clawback' ? 'do not enter the return again' : 'do not enter it again';
}

/** Why a row is waiting to be sent, as of now. */
export function queuedReason(ctx: Ctx, row: JournalRow): string {
  if (ctx.link.blocked !== null) return ctx.link.blocked;
  if (!ctx.link.online) return 'SocialHub is unreachable right now.';
  if (ctx.link.gate() === 'backoff') return `SocialHub could not be reached just now${row.lastError ? ` (${row.lastError})` : ''}.`;
  const until = ctx.link.rateLimitedUntil;
  if (until !== null) return `SocialHub asked the till to slow down (try again after ${clockTime(until, ctx.now())}).`;
  return row.lastError ? `SocialHub could not be reached (${row.lastError}).` : 'It is waiting its turn to be sent.';
}

/** Text after "SocialHub refused it:" — the server's own words, without our endpoint prefix. */
export function refusalText(message: string, endpoint: string): string {
  const plain = message.startsWith(`${endpoint}: `) ? message.slice(endpoint.length + 2) : message;
  return plain.replace(/^HTTP (\d{3}) [a-z_]+ — /, 'HTTP $1: ');
}

export function writeOutcome(ctx: Ctx, row: JournalRow): WriteOutcome {
  const base = { points: row.amount, balance: row.state === 'confirmed' ? row.balance : null, stale: false, row };
  const balance = row.balance !== null ? ` New balance: ${fmt(row.balance)}.` : '';
  switch (row.state) {
    case 'confirmed': {
      const done =
        row.kind === 'award'
          ? `Awarded ${fmt(row.amount)} points.`
          : row.kind === 'clawback'
            ? `Took back ${fmt(-row.amount)} points for return ${row.returnId ?? ''}.`
            : `Adjusted by ${row.amount > 0 ? '+' : ''}${fmt(row.amount)} points.`;
      return { ...base, status: 'confirmed', message: `${done}${balance}` };
    }
    case 'queued':
      return { ...base, status: 'queued', message: `${queuedReason(ctx, row)} ${cap(what(row))} is saved and will be sent automatically — ${doNotRepeat(row)}.` };
    case 'sending':
    case 'unknown':
    case 'verifying':
      return {
        ...base,
        status: 'checking',
        message: `No clear answer from SocialHub yet. The till is checking whether ${what(row)} went through — ${doNotRepeat(row)}.`,
      };
    case 'needs-attention':
      return { ...base, status: 'needs-attention', message: `A manager must check ${what(row)}: ${row.lastError ?? row.reasonCode ?? 'see the journal'}.` };
    case 'rejected':
      return { ...base, status: 'rejected', message: `SocialHub refused ${what(row)}: ${row.lastError ?? 'no reason given'}.` };
    case 'resolved':
      return { ...base, status: 'rejected', message: `A manager closed ${what(row)}${row.resolvedBy ? ` (${row.resolvedBy})` : ''}: ${row.resolution ?? ''}` };
  }
}

/** The same write was entered again: the earlier row stands and nothing was sent. */
export function duplicateOutcome(ctx: Ctx, row: JournalRow, differences: readonly string[]): WriteOutcome {
  const now = ctx.now();
  const stale = ctx.txnIdScope === 'business-day' && row.businessDate !== null && row.businessDate < ctx.businessDate();
  const when = clockTime(row.createdAt, now);
  const state = STATE_LABELS[row.state];
  const differs = differences.length > 0 ? ` The earlier entry differs (${differences.join(', ')}); it is the one that counts.` : '';
  const prefix = stale ? `This is from an earlier business day (${row.businessDate ?? ''}): ` : '';
  return {
    status: 'duplicate',
    message: `${prefix}${cap(what(row))} was already recorded at ${when} (${state}). Nothing was sent again.${differs}`,
    points: row.amount,
    balance: row.state === 'confirmed' ? row.balance : null,
    stale,
    row,
  };
}

/** A refusal before anything was recorded (e.g. a return of a sale that was never confirmed). */
export function refusedOutcome(message: string, points = 0): WriteOutcome {
  return { status: 'rejected', message, points, balance: null, stale: false, row: null };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
