/**
 * Leases: who may work on a row right now, across processes. Each operation is one UPDATE with
 * the free-or-expired condition in its WHERE, so two processes can never both win a row.
 * A lease is live while `lease_until > now`.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { JOURNAL_KINDS, isJournalState, isUnfinished } from '../../../shared/journal/states.ts';
import type { JournalKind, UnfinishedState } from '../../../shared/journal/states.ts';
import { JournalInputError } from './journal-errors.ts';
import { toJournalRow } from './row-mapping.ts';
import { prepared } from './statements.ts';
import { LEASE_MAX_MS, ownerSchema } from './transition-rules.ts';

/** Must match the WHERE of the intents_claimable partial index word for word, or the index is not used. */
export const CLAIMABLE_SQL = "state IN ('queued','sending','unknown','verifying')";

export function checkLeaseArgs(owner: string, leaseMs: number): void {
  if (!ownerSchema.safeParse(owner).success) throw new JournalInputError('A lease owner must be 1–128 characters.');
  if (!Number.isInteger(leaseMs) || leaseMs < 1 || leaseMs > LEASE_MAX_MS) throw new JournalInputError(`leaseMs must be a whole number between 1 and ${LEASE_MAX_MS}.`);
}

export function claimRow(db: DatabaseSync, id: number, owner: string, leaseMs: number, states: readonly UnfinishedState[], now: number): JournalRow | null {
  checkLeaseArgs(owner, leaseMs);
  if (states.length === 0 || states.some((s) => !isJournalState(s) || !isUnfinished(s))) throw new JournalInputError('claim: states must be unfinished states.');
  const stateList = [...new Set(states)].map((s) => `'${s}'`).join(',');
  const r = prepared(
    db,
    `UPDATE intents SET lease_owner = :owner, lease_until = :until, version = version + 1
     WHERE id = :id AND state IN (${stateList})
       AND (lease_until IS NULL OR lease_until <= :now OR lease_owner = :owner)
     RETURNING *`,
  ).get({ id, owner, until: now + leaseMs, now });
  return r ? toJournalRow(r) : null;
}

export function claimNextDueRow(db: DatabaseSync, owner: string, leaseMs: number, kinds: readonly JournalKind[] | undefined, now: number): JournalRow | null {
  checkLeaseArgs(owner, leaseMs);
  const unique = kinds ? [...new Set(kinds)] : undefined;
  if (unique && (unique.length === 0 || unique.some((k) => !JOURNAL_KINDS.includes(k)))) throw new JournalInputError('claimNextDue: kinds must be journal kinds.');
  const kindSql = unique ? ` AND kind IN (${unique.map((k) => `'${k}'`).join(',')})` : '';
  const r = prepared(
    db,
    `UPDATE intents SET lease_owner = :owner, lease_until = :until, version = version + 1
     WHERE id = (
       SELECT id FROM intents INDEXED BY intents_claimable
       WHERE ${CLAIMABLE_SQL}
         AND (lease_until IS NULL OR lease_until <= :now)
         AND (next_attempt_at IS NULL OR next_attempt_at <= :now)${kindSql}
       ORDER BY id LIMIT 1)
     RETURNING *`,
  ).get({ owner, until: now + leaseMs, now });
  return r ? toJournalRow(r) : null;
}

export function releaseRow(db: DatabaseSync, id: number, owner: string): boolean {
  const r = prepared(db, 'UPDATE intents SET lease_owner = NULL, lease_until = NULL, version = version + 1 WHERE id = :id AND lease_owner = :owner RETURNING id').get({
    id,
    owner,
  });
  return r !== undefined;
}
