/**
 * What the cashier sees after an award or a return: the engine's WriteOutcome, then the journal
 * row it names as that row moves (checking → confirmed, queued → confirmed, …).
 */
import { defineMessages } from '@formatjs/intl';
import { englishText, type Translator } from '../../shared/i18n/translator.ts';
import type { CashierWriteOutcome } from '../../shared/ipc/schemas/till.ts';
import type { CashierJournalRow } from '../../shared/journal/row.ts';

const M = defineMessages({
  confirmed: { id: 'state.outcome.confirmed', defaultMessage: 'SocialHub confirmed it.', description: 'A followed write was confirmed' },
  refused: { id: 'state.outcome.refused', defaultMessage: 'SocialHub refused it.', description: 'A followed write was refused, no reason given' },
  resolved: { id: 'state.outcome.resolved', defaultMessage: 'A manager resolved it.', description: 'A followed write was settled by a manager' },
  needsManager: { id: 'state.outcome.needsManager', defaultMessage: 'A manager must check it.', description: 'A followed write needs a manager' },
  queued: { id: 'state.outcome.queued', defaultMessage: 'It was not applied yet and will be sent automatically.', description: 'A followed write is queued' },
  checking: { id: 'state.outcome.checking', defaultMessage: 'Checking with SocialHub whether it went through.', description: 'A followed write is being verified' },
});

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
  /** The engine's own sentence. */
  message: string;
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
    points: outcome.points,
    balance: outcome.balance,
    stale: outcome.stale,
    rowId: outcome.row?.id ?? null,
    rowCreatedAt: outcome.row?.createdAt ?? null,
    at: ctx.at,
  };
}

/** The view after its journal row moved. A duplicate never follows its (earlier) row. */
export function applyRow(view: OutcomeView, row: CashierJournalRow, at: number, t: Translator['t'] = englishText): OutcomeView {
  if (view.status === 'duplicate' || row.id !== view.rowId) return view;
  const next = { ...view, at };
  switch (row.state) {
    case 'confirmed':
      return { ...next, status: 'confirmed', points: row.amount, balance: row.balance ?? view.balance, message: view.status === 'confirmed' ? view.message : t(M.confirmed) };
    case 'rejected':
      return { ...next, status: 'rejected', message: row.lastError ?? t(M.refused) };
    case 'resolved':
      return { ...next, status: 'resolved', message: t(M.resolved) };
    case 'needs-attention':
      return { ...next, status: 'needs-attention', message: row.lastError ?? t(M.needsManager) };
    case 'queued':
    case 'sending':
      return view.status === 'queued' ? view : { ...next, status: 'queued', message: t(M.queued) };
    case 'unknown':
    case 'verifying':
      return view.status === 'checking' ? view : { ...next, status: 'checking', message: t(M.checking) };
  }
}
