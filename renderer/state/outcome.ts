/**
 * What the cashier sees after an award or a return: the engine's WriteOutcome, then the journal
 * row it names as that row moves (checking → confirmed, queued → confirmed, …).
 */
import { defineMessages } from '@formatjs/intl';
import type { CashierWriteOutcome } from '../../shared/ipc/schemas/till.ts';
import type { LocalizedText, Translator } from '../../shared/i18n/translator.ts';
import type { CashierJournalRow } from '../../shared/journal/row.ts';

export type OutcomeStatus = CashierWriteOutcome['status'] | 'resolved';

export interface OutcomeView {
  /** Local key (unique per outcome shown). */
  key: string;
  kind: 'award' | 'return';
  memberId: string;
  memberName: string | null;
  posTxnId: string;
  returnId: string | null;
  status: OutcomeStatus;
  /** The engine's own sentence, English (the fallback when `localized` is unknown). */
  message: string;
  /** The same sentence as a catalogue message, shown in the till's language (see `engineText`). */
  localized: LocalizedText | null;
  points: number;
  balance: number | null;
  /** Duplicate of a sale older than the id-uniqueness window. */
  stale: boolean;
  rowId: number | null;
  /** When the journal first recorded the write (for "already awarded at 14:02"). */
  rowCreatedAt: number | null;
  /** When this outcome was last updated. */
  at: number;
}

/** Statuses after which nothing will change for this write. */
export function isSettled(status: OutcomeStatus): boolean {
  return status === 'confirmed' || status === 'duplicate' || status === 'rejected' || status === 'resolved';
}

/** Whether a view should keep following its journal row. */
export function shouldFollow(view: OutcomeView): boolean {
  return view.rowId !== null && !isSettled(view.status);
}

export interface OutcomeContext {
  key: string;
  kind: 'award' | 'return';
  memberId: string;
  memberName: string | null;
  posTxnId: string;
  returnId?: string | null;
  at: number;
}

export function viewFromOutcome(outcome: CashierWriteOutcome, ctx: OutcomeContext): OutcomeView {
  return {
    key: ctx.key,
    kind: ctx.kind,
    memberId: outcome.row?.memberId ?? ctx.memberId,
    memberName: ctx.memberName,
    posTxnId: ctx.posTxnId,
    returnId: ctx.returnId ?? null,
    status: outcome.status,
    message: outcome.message,
    localized: outcome.localized,
    points: outcome.points,
    balance: outcome.balance,
    stale: outcome.stale,
    rowId: outcome.row?.id ?? null,
    rowCreatedAt: outcome.row?.createdAt ?? null,
    at: ctx.at,
  };
}

const ROW_MESSAGES = defineMessages({
  confirmed: { id: 'cashier.outcome.row.confirmed', defaultMessage: 'SocialHub confirmed it.', description: 'The write, followed on its journal row, was confirmed' },
  rejected: { id: 'cashier.outcome.row.rejected', defaultMessage: 'SocialHub refused it: {detail}', description: 'The write was refused; {detail} is SocialHub’s own reason (not translated)' },
  refused: { id: 'cashier.outcome.row.refused', defaultMessage: 'SocialHub refused it.', description: 'The write was refused, no reason given' },
  resolved: { id: 'cashier.outcome.row.resolved', defaultMessage: 'A manager resolved it.', description: 'A manager resolved the write' },
  needsAttention: { id: 'cashier.outcome.row.needsAttention', defaultMessage: 'A manager must check it.', description: 'The write now waits for a manager' },
  queued: { id: 'cashier.outcome.row.queued', defaultMessage: 'It was not applied yet and will be sent automatically.', description: 'The write went back to the queue' },
  checking: { id: 'cashier.outcome.row.checking', defaultMessage: 'Checking with SocialHub whether it went through.', description: 'The write’s outcome is being verified' },
});

const says = (m: (typeof ROW_MESSAGES)[keyof typeof ROW_MESSAGES], values?: Record<string, string>): { message: string; localized: LocalizedText } => ({
  message: values?.detail ?? m.defaultMessage,
  localized: values === undefined ? { messageId: m.id } : { messageId: m.id, values },
});

/** The view after its journal row moved. A duplicate never follows its (earlier) row. */
export function applyRow(view: OutcomeView, row: CashierJournalRow, at: number): OutcomeView {
  if (view.status === 'duplicate' || row.id !== view.rowId) return view;
  const next = { ...view, at };
  switch (row.state) {
    case 'confirmed':
      return {
        ...next,
        status: 'confirmed',
        points: row.amount,
        balance: row.balance ?? view.balance,
        ...(view.status === 'confirmed' ? {} : says(ROW_MESSAGES.confirmed)),
      };
    case 'rejected':
      return { ...next, status: 'rejected', ...(row.lastError !== null ? says(ROW_MESSAGES.rejected, { detail: row.lastError }) : says(ROW_MESSAGES.refused)) };
    case 'resolved':
      return { ...next, status: 'resolved', ...says(ROW_MESSAGES.resolved) };
    case 'needs-attention':
      return { ...next, status: 'needs-attention', ...says(ROW_MESSAGES.needsAttention), message: row.lastError ?? ROW_MESSAGES.needsAttention.defaultMessage };
    case 'queued':
    case 'sending':
      return view.status === 'queued' ? view : { ...next, status: 'queued', ...says(ROW_MESSAGES.queued) };
    case 'unknown':
    case 'verifying':
      return view.status === 'checking' ? view : { ...next, status: 'checking', ...says(ROW_MESSAGES.checking) };
  }
}

/** The engine's sentence in the till's language when the translator knows it, else main's English. */
export function engineText(view: Pick<OutcomeView, 'message' | 'localized'>, translator: Translator): string {
  const localized = view.localized;
  return localized !== null && translator.has(localized.messageId) ? translator.text(localized) : view.message;
}
