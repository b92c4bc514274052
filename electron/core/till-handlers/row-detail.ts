/**
 * One journal row as the detail drawer shows it: the row, its attempts and history, the rows that
 * point at it, and the manager actions its state allows right now (derived from the shared state
 * table, so the buttons can never offer what the journal would refuse).
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { CashierRowDetail, RowDetail } from '../../../shared/ipc/schemas/till.ts';
import type { Attempt, JournalRow } from '../../../shared/journal/row.ts';
import { transitionBlocker } from '../../../shared/journal/states.ts';
import type { Journal } from '../journal/index.ts';
import { isRetiredKey } from '../journal/retire-refused.ts';

export function allowedActions(row: Pick<JournalRow, 'state' | 'maybeApplied' | 'kind' | 'dedupKey'>, attempts: readonly Pick<Attempt, 'kind' | 'classification'>[] = []): RowDetail['actions'] {
  return {
    verify: transitionBlocker(row.state, 'verifying', row) === null,
    // Resend only where verification proved the write was not applied.
    resend: transitionBlocker(row.state, 'queued', row) === null,
    resolve: transitionBlocker(row.state, 'resolved', row) === null,
    // A sale refused for certain (no send with an unknown outcome), not already entered again.
    requeue:
      row.kind === 'award' &&
      row.state === 'rejected' &&
      !isRetiredKey(row.dedupKey) &&
      !attempts.some((a) => a.kind === 'send' && a.classification === 'unknown-outcome'),
  };
}

function attemptViews(journal: Journal, id: number): RowDetail['attempts'] {
  return journal.attempts(id).map((a) => ({
    n: a.n,
    kind: a.kind,
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    httpStatus: a.httpStatus,
    latencyMs: a.latencyMs,
    classification: a.classification,
    reason: a.reason,
    message: a.message,
  }));
}

export function rowDetail(journal: Journal, id: number): RowDetail {
  const row = journal.get(id);
  if (row === undefined) throw new IpcError('NOT_FOUND', `Journal row ${id} does not exist.`);
  return {
    row,
    attempts: attemptViews(journal, id),
    history: journal.events(id).map((e) => ({ at: e.at, type: e.type, fromState: e.fromState, toState: e.toState, actor: e.actor, detail: e.detail })),
    children: journal.children(id),
    actions: allowedActions(row, journal.attempts(id)),
  };
}

/** The cashier's view: the row and its attempts; the response schema drops the manager's notes. */
export function cashierRowDetail(journal: Journal, id: number): CashierRowDetail {
  const row = journal.get(id);
  if (row === undefined) throw new IpcError('NOT_FOUND', `Journal row ${id} does not exist.`);
  return { row, attempts: attemptViews(journal, id) };
}
