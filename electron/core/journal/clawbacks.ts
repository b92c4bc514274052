/**
 * Parent links and the clawback cap. Checked inside `record`'s write transaction, so two
 * returns recorded at once (even by two processes) cannot together claw back more than the
 * award gave.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { JournalKind } from '../../../shared/journal/states.ts';
import { JournalConflictError, JournalInputError } from './journal-errors.ts';
import { toJournalRow } from './row-mapping.ts';
import { prepared } from './statements.ts';

export interface ClawbackSummary {
  /** Points of the award (positive). */
  awarded: number;
  /** Points taken back by confirmed clawbacks (positive). */
  confirmed: number;
  /** Points of clawbacks not final yet or resolved by a manager: counted as taken, so two returns cannot over-claw. */
  pending: number;
  /** awarded − confirmed − pending. */
  remaining: number;
}

export function clawbackSummary(db: DatabaseSync, awardId: number): ClawbackSummary | undefined {
  const award = prepared(db, "SELECT amount FROM intents WHERE id = :id AND kind = 'award'").get({ id: awardId });
  if (!award) return undefined;
  const sums = prepared(
    db,
    `SELECT coalesce(sum(CASE WHEN state = 'confirmed' THEN -amount END), 0) AS confirmed,
            coalesce(sum(CASE WHEN state NOT IN ('confirmed', 'rejected') THEN -amount END), 0) AS pending
     FROM intents WHERE parent_id = :id AND kind = 'clawback'`,
  ).get({ id: awardId });
  const awarded = Number(award.amount);
  const confirmed = Number(sums?.confirmed ?? 0);
  const pending = Number(sums?.pending ?? 0);
  return { awarded, confirmed, pending, remaining: awarded - confirmed - pending };
}

/** A clawback's or redeem's parent must be an award of the same member; a clawback must fit in what is left of it. */
export function checkParent(db: DatabaseSync, child: { kind: JournalKind; parentId: number; memberId: string; amount: number }): void {
  const r = prepared(db, 'SELECT * FROM intents WHERE id = :id').get({ id: child.parentId });
  const parent = r ? toJournalRow(r) : undefined;
  if (!parent) throw new JournalInputError(`Parent row ${child.parentId} does not exist.`);
  if (parent.kind !== 'award') throw new JournalInputError(`A ${child.kind}'s parent must be an award row; row ${parent.id} is a ${parent.kind}.`);
  if (parent.memberId !== child.memberId) throw new JournalInputError(`Row ${parent.id} awarded member ${parent.memberId}, not ${child.memberId}.`);
  if (child.kind !== 'clawback') return;
  const summary = clawbackSummary(db, parent.id);
  if (summary && -child.amount > summary.remaining) {
    throw new JournalConflictError(
      'clawback-exceeds-award',
      `Clawing back ${-child.amount} points would exceed award ${parent.id}: ${summary.awarded} awarded, ${summary.confirmed} clawed back, ${summary.pending} pending.`,
    );
  }
}
