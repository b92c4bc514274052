/**
 * Journal row → what the cashier sees (WriteOutcome), in plain sentences; coupon verdicts are in
 * coupon-verdict.ts.
 * `queued` and `checking` always say "do not re-enter": the till owns the retry.
 */
import { defineMessages } from '@formatjs/intl';
import type { WriteOutcome } from './types.ts';
import { localize, type LocalizedText } from '../../../shared/i18n/translator.ts';
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

/**
 * The same moment as ICU values: `{today, select, yes {{at, time, short}} other {{at, date, short} {at, time, short}}}`
 * in a message shows it in the till's own clock and date style.
 */
export function whenValues(ms: number, now: number): { at: number; today: 'yes' | 'no' } {
  return { at: ms, today: calendarDateAt(ms) === calendarDateAt(now) ? 'yes' : 'no' };
}

/**
 * The write outcomes for people (the cashier's screen, the manager's re-send), in the till's
 * language. The English `message` beside them stays as it was, for logs and the CLI. The screen
 * already names the member and the sale, so these sentences do not repeat them.
 */
export const OUTCOME_MESSAGES = defineMessages({
  confirmed: {
    id: 'write.outcome.confirmed',
    defaultMessage:
      '{kind, select, award {Awarded {points, plural, one {# point} other {# points}}.} clawback {Took back {points, plural, one {# point} other {# points}}.} other {Adjusted by {points, plural, one {# point} other {# points}}.}}',
    description: 'A write SocialHub applied; {kind} is award, clawback (a return) or adjustment',
  },
  confirmedBalance: {
    id: 'write.outcome.confirmedBalance',
    defaultMessage:
      '{kind, select, award {Awarded {points, plural, one {# point} other {# points}}.} clawback {Took back {points, plural, one {# point} other {# points}}.} other {Adjusted by {points, plural, one {# point} other {# points}}.}} New balance: {balance, number}.',
    description: 'A write SocialHub applied, with the member’s new balance',
  },
  returnConfirmedNotes: {
    id: 'write.outcome.returnConfirmedNotes',
    defaultMessage:
      'Took back {points, plural, one {# point} other {# points}}.{capped, select, yes { Capped at the {points, number} points left on the sale.} other {}}{coupons, select, none {} other { A coupon ({coupons}) was redeemed on this sale: a manager has been told.}}',
    description: 'A return applied, with notes: capped at what was left, and/or a coupon redeemed on the sale ({coupons} lists coupon ids)',
  },
  queued: {
    id: 'write.outcome.queued',
    defaultMessage:
      '{why, select, blocked {Sending is paused until a manager checks the keys and the API address.} offline {SocialHub is unreachable right now.} backoff {SocialHub could not be reached just now.} slowDown {SocialHub asked the till to slow down.} failed {SocialHub could not be reached.} other {It is waiting its turn to be sent.}} It is saved and will be sent automatically. Do not enter it again.',
    description: 'A write waiting to be sent; {why} says why it was not sent yet',
  },
  checking: {
    id: 'write.outcome.checking',
    defaultMessage: 'No clear answer from SocialHub yet. The till is checking whether it went through. Do not enter it again.',
    description: 'A write whose outcome is unknown and being verified',
  },
  needsAttention: { id: 'write.outcome.needsAttention', defaultMessage: 'A manager must check it (Manager console → Needs attention).', description: 'A write that waits for a manager' },
  rejected: { id: 'write.outcome.rejected', defaultMessage: 'SocialHub refused it: {detail}', description: 'A write SocialHub refused; {detail} is SocialHub’s own reason (not translated)' },
  rejectedNoReason: { id: 'write.outcome.rejectedNoReason', defaultMessage: 'SocialHub refused it and gave no reason.', description: 'A write SocialHub refused without a reason' },
  resolved: { id: 'write.outcome.resolved', defaultMessage: 'A manager closed it: {resolution}', description: 'A write a manager resolved; {resolution} is the manager’s own note' },
  duplicate: {
    id: 'write.outcome.duplicate',
    defaultMessage:
      '{stale, select, yes {From an earlier business day ({businessDate}): this was already recorded on {at, date, short} at {at, time, short}. Nothing was sent again.} other {This was already recorded at {today, select, yes {{at, time, short}} other {{at, date, short} {at, time, short}}}. Nothing was sent again.}}',
    description: 'The same write was entered again; the earlier one stands. {stale}: the earlier one is from an earlier business day',
  },
  duplicateDiffers: {
    id: 'write.outcome.duplicateDiffers',
    defaultMessage:
      '{stale, select, yes {From an earlier business day ({businessDate}): this was already recorded on {at, date, short} at {at, time, short}. Nothing was sent again.} other {This was already recorded at {today, select, yes {{at, time, short}} other {{at, date, short} {at, time, short}}}. Nothing was sent again.}} The earlier entry differs ({diffMember, select, first {member} next {, member} other {}}{diffPoints, select, first {points} next {, points} other {}}{diffSaleTotal, select, first {sale total} next {, sale total} other {}}{diffReturned, select, first {returned amount} next {, returned amount} other {}}{diffCoupon, select, first {coupon} next {, coupon} other {}}{diffSale, select, first {original sale} next {, original sale} other {}}{diffOther, select, first {other details} next {, other details} other {}}); it is the one that counts.',
    description:
      'Duplicate whose earlier entry differs. Each {diff…} names one kind of difference: first = the first one listed, next = a later one (after a list separator), other = not different',
  },
  saleNotFound: { id: 'write.outcome.saleNotFound', defaultMessage: 'Sale {sale} is not in this till’s journal: points can only be taken back for sales this till awarded.', description: 'Return refused: unknown sale' },
  notConfirmed: { id: 'write.outcome.notConfirmed', defaultMessage: 'The points for sale {sale} are not confirmed yet, so nothing can be taken back.', description: 'Return refused: the award is not confirmed' },
  nothingLeft: { id: 'write.outcome.nothingLeft', defaultMessage: 'All points of sale {sale} have already been taken back.', description: 'Return refused: nothing left to take back' },
  notAnAward: { id: 'write.outcome.notAnAward', defaultMessage: 'That journal entry is not an award.', description: 'Return refused: the linked row is not an award (a bug)' },
  noSaleTotal: {
    id: 'write.outcome.noSaleTotal',
    defaultMessage: 'The sale total was not recorded for this sale, so the share to take back cannot be worked out: enter the points instead.',
    description: 'Return by amount refused: no sale total stored',
  },
  shareInvalid: {
    id: 'write.outcome.shareInvalid',
    defaultMessage: 'The points to take back cannot be worked out from that returned amount. Check it, or enter the points instead.',
    description: 'Return by amount refused (e.g. more than the sale total)',
  },
  zeroPoints: { id: 'write.outcome.zeroPoints', defaultMessage: 'The returned share rounds to 0 points, so nothing was sent.', description: 'Return refused: nothing to take back after rounding' },
  conflict: {
    id: 'write.outcome.conflict',
    defaultMessage: 'Nothing was taken back: another return of this sale was recorded at the same moment. Look the sale up again.',
    description: 'Return refused: a concurrent return of the same sale',
  },
});

/** Why a queued row is not sent yet, as a code for `OUTCOME_MESSAGES.queued`'s select. */
export type QueuedWhy = 'blocked' | 'offline' | 'backoff' | 'slowDown' | 'failed' | 'waiting';

export function queuedWhy(ctx: Ctx, row: JournalRow): QueuedWhy {
  if (ctx.link.blocked !== null) return 'blocked';
  if (!ctx.link.online) return 'offline';
  if (ctx.link.gate() === 'backoff') return 'backoff';
  if (ctx.link.rateLimitedUntil !== null) return 'slowDown';
  return row.lastError ? 'failed' : 'waiting';
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
      const kind = row.kind === 'award' || row.kind === 'clawback' ? row.kind : 'adjustment';
      const points = row.kind === 'clawback' ? -row.amount : row.amount;
      const localized =
        row.balance !== null
          ? localize(OUTCOME_MESSAGES.confirmedBalance, { kind, points, balance: row.balance })
          : localize(OUTCOME_MESSAGES.confirmed, { kind, points });
      return { ...base, status: 'confirmed', message: `${done}${balance}`, localized };
    }
    case 'queued':
      return {
        ...base,
        status: 'queued',
        message: `${queuedReason(ctx, row)} ${cap(what(row))} is saved and will be sent automatically — ${doNotRepeat(row)}.`,
        localized: localize(OUTCOME_MESSAGES.queued, { why: queuedWhy(ctx, row) }),
      };
    case 'sending':
    case 'unknown':
    case 'verifying':
      return {
        ...base,
        status: 'checking',
        message: `No clear answer from SocialHub yet. The till is checking whether ${what(row)} went through — ${doNotRepeat(row)}.`,
        localized: localize(OUTCOME_MESSAGES.checking),
      };
    case 'needs-attention':
      return {
        ...base,
        status: 'needs-attention',
        message: `A manager must check ${what(row)}: ${row.lastError ?? row.reasonCode ?? 'see the journal'}.`,
        localized: localize(OUTCOME_MESSAGES.needsAttention),
      };
    case 'rejected':
      return {
        ...base,
        status: 'rejected',
        message: `SocialHub refused ${what(row)}: ${row.lastError ?? 'no reason given'}.`,
        localized: row.lastError ? localize(OUTCOME_MESSAGES.rejected, { detail: row.lastError }) : localize(OUTCOME_MESSAGES.rejectedNoReason),
      };
    case 'resolved':
      return {
        ...base,
        status: 'rejected',
        message: `A manager closed ${what(row)}${row.resolvedBy ? ` (${row.resolvedBy})` : ''}: ${row.resolution ?? ''}`,
        localized: localize(OUTCOME_MESSAGES.resolved, { resolution: row.resolution ?? '' }),
      };
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
  const values = { stale: stale ? 'yes' : 'no', businessDate: row.businessDate ?? '', ...whenValues(row.createdAt, now) };
  return {
    status: 'duplicate',
    message: `${prefix}${cap(what(row))} was already recorded at ${when} (${state}). Nothing was sent again.${differs}`,
    localized:
      differences.length > 0
        ? localize(OUTCOME_MESSAGES.duplicateDiffers, { ...values, ...differenceValues(differences) })
        : localize(OUTCOME_MESSAGES.duplicate, values),
    points: row.amount,
    balance: row.state === 'confirmed' ? row.balance : null,
    stale,
    row,
  };
}

/** The journal columns a cashier knows by one name; everything else is "other details". */
const DIFFERENCE_KINDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['diffMember', ['memberId']],
  ['diffPoints', ['amount']],
  ['diffSaleTotal', ['saleTotal']],
  ['diffReturned', ['returnTotal']],
  ['diffCoupon', ['couponId']],
  ['diffSale', ['linkedPosTxnId']],
];

/**
 * One select value per kind of difference, so the catalogue names them in the till's language
 * instead of the journal's column names: `first`, then `next` for each later one, `no` otherwise.
 */
export function differenceValues(differences: readonly string[]): Record<string, string> {
  const named = new Set(DIFFERENCE_KINDS.flatMap(([, columns]) => columns));
  const kinds: Array<readonly [string, boolean]> = [
    ...DIFFERENCE_KINDS.map(([key, columns]) => [key, columns.some((c) => differences.includes(c))] as const),
    ['diffOther', differences.some((d) => !named.has(d))],
  ];
  const values: Record<string, string> = {};
  let listed = false;
  for (const [key, differs] of kinds) {
    values[key] = differs ? (listed ? 'next' : 'first') : 'no';
    listed ||= differs;
  }
  return values;
}

/** A refusal before anything was recorded (e.g. a return of a sale that was never confirmed). */
export function refusedOutcome(message: string, localized: LocalizedText, points = 0): WriteOutcome {
  return { status: 'rejected', message, localized, points, balance: null, stale: false, row: null };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
