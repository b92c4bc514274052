/**
 * Leases: who may work on a row right now, across processes. Each operation is one UPDATE with
 * the free-or-expired condition in its WHERE, so two processes can never both win a row.
 *
 * A lease is live while `lease_until > now` (wall clock) — and also after that, as long as its
 * holder is known to be alive, because a wall-clock jump must never hand a row that is being
 * sent to a second sender:
 * - `lease_holder` names the holding process and journal instance (`<pid>.<instance>`);
 * - in this process a lease lasts `leaseMs` on the instance's lease clock (monotonic by
 *   default), which no wall-clock step moves;
 * - another process's lease stands while that process is alive (all processes sharing a WAL
 *   journal are on one machine). A dead holder's lease ends at `lease_until` as before. A reused
 *   pid can only delay recovery, never cause a second send.
 * Rows leased by code without a holder (older journals) fall back to the wall clock alone.
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

/** Per journal instance in this process: its lease clock and (row, owner) → lease deadline on it. */
const local = new Map<string, { clock: () => number; owners: Map<string, number> }>();

export function registerInstance(instance: string, clock: () => number): string {
  local.set(instance, { clock, owners: new Map() });
  return `${process.pid}.${instance}`;
}

export function dropInstance(instance: string): void {
  local.delete(instance);
}

const leaseKey = (id: number, owner: string): string => `${id}\n${owner}`;

export function noteLease(instance: string, id: number, owner: string, leaseMs: number): void {
  const i = local.get(instance);
  i?.owners.set(leaseKey(id, owner), i.clock() + leaseMs);
}

export function forgetLease(instance: string, id: number, owner: string | null): void {
  if (owner !== null) local.get(instance)?.owners.delete(leaseKey(id, owner));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return typeof err === 'object' && err !== null && 'code' in err && err.code === 'EPERM';
  }
}

/** True when a lease whose `lease_until` has passed may be taken: its holder is gone or out of time. */
export function holderGone(id: unknown, holder: unknown, owner: unknown): boolean {
  if (typeof holder !== 'string' || typeof owner !== 'string' || typeof id !== 'number') return true;
  const dot = holder.indexOf('.');
  const pid = Number(holder.slice(0, dot));
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  if (pid !== process.pid) return !alive(pid);
  const i = local.get(holder.slice(dot + 1));
  const until = i?.owners.get(leaseKey(id, owner));
  return i === undefined || until === undefined || i.clock() >= until;
}

/** Registers `lease_gone(id, holder, owner)` for the lease conditions below. */
export function installLeaseFunction(db: DatabaseSync): void {
  db.function('lease_gone', { deterministic: false, directOnly: true }, (id, holder, owner) => (holderGone(id, holder, owner) ? 1 : 0));
}

/** A lease is free to `:owner` when none is set, it is already theirs, or it expired and its holder is gone. */
const FREE_SQL = '(lease_until IS NULL OR lease_owner = :owner OR (lease_until <= :now AND lease_gone(id, lease_holder, lease_owner)))';
const FREE_NOT_OURS_SQL = '(lease_until IS NULL OR (lease_until <= :now AND lease_gone(id, lease_holder, lease_owner)))';

export function claimRow(db: DatabaseSync, id: number, owner: string, leaseMs: number, states: readonly UnfinishedState[], now: number, holder: string | null = null): JournalRow | null {
  checkLeaseArgs(owner, leaseMs);
  if (states.length === 0 || states.some((s) => !isJournalState(s) || !isUnfinished(s))) throw new JournalInputError('claim: states must be unfinished states.');
  const stateList = [...new Set(states)].map((s) => `'${s}'`).join(',');
  const r = prepared(
    db,
    `UPDATE intents SET lease_owner = :owner, lease_until = :until, lease_holder = :holder, version = version + 1
     WHERE id = :id AND state IN (${stateList}) AND ${FREE_SQL}
     RETURNING *`,
  ).get({ id, owner, until: now + leaseMs, now, holder });
  return r ? toJournalRow(r) : null;
}

export function claimNextDueRow(
  db: DatabaseSync,
  owner: string,
  leaseMs: number,
  kinds: readonly JournalKind[] | undefined,
  now: number,
  holder: string | null = null,
): JournalRow | null {
  checkLeaseArgs(owner, leaseMs);
  const unique = kinds ? [...new Set(kinds)] : undefined;
  if (unique && (unique.length === 0 || unique.some((k) => !JOURNAL_KINDS.includes(k)))) throw new JournalInputError('claimNextDue: kinds must be journal kinds.');
  const kindSql = unique ? ` AND kind IN (${unique.map((k) => `'${k}'`).join(',')})` : '';
  const r = prepared(
    db,
    `UPDATE intents SET lease_owner = :owner, lease_until = :until, lease_holder = :holder, version = version + 1
     WHERE id = (
       SELECT id FROM intents INDEXED BY intents_claimable
       WHERE ${CLAIMABLE_SQL}
         AND ${FREE_NOT_OURS_SQL}
         AND (next_attempt_at IS NULL OR next_attempt_at <= :now)${kindSql}
       ORDER BY id LIMIT 1)
     RETURNING *`,
  ).get({ owner, until: now + leaseMs, now, holder });
  return r ? toJournalRow(r) : null;
}

export function releaseRow(db: DatabaseSync, id: number, owner: string): boolean {
  const r = prepared(db, 'UPDATE intents SET lease_owner = NULL, lease_until = NULL, lease_holder = NULL, version = version + 1 WHERE id = :id AND lease_owner = :owner RETURNING id').get({
    id,
    owner,
  });
  return r !== undefined;
}
