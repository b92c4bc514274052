/**
 * A sale SocialHub refused for certain (e.g. 404 for a mistyped member) is final, but it must
 * not block the same sale entered again with the right card. Such a row keeps everything it
 * recorded and its history; only its dedup key and token are renamed ("retired") so that the
 * corrected entry can take them. Runs inside `record`'s write transaction; the journal's
 * identity trigger allows exactly this rename and nothing else.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { appendEvent } from './history.ts';
import { prepared } from './statements.ts';

/** The renamed key and token: a space never occurs in a key the builder makes, so neither can be matched again. */
export function retiredName(value: string, id: number): string {
  return `${value} retired ${id}`;
}

/** True for a key renamed by {@link retireRefusedAward}. */
export function isRetiredKey(dedupKey: string): boolean {
  return / retired \d+$/.test(dedupKey);
}

/**
 * True if `row` is an award that was refused and none of whose sends had an unknown outcome, so
 * it never reached the member's account. (A refusal after an unknown outcome goes to a manager.)
 */
export function refusedForCertain(db: DatabaseSync, row: JournalRow): boolean {
  if (row.kind !== 'award' || row.state !== 'rejected') return false;
  // Only a send can have applied it: a failed ledger read (a verify attempt) proves nothing.
  const unknown = prepared(db, "SELECT 1 AS x FROM attempts WHERE intent_id = :id AND kind = 'send' AND classification = 'unknown-outcome' LIMIT 1").get({ id: row.id });
  return unknown === undefined;
}

/** Retires `row` if it was refused for certain; returns whether it did. */
export function retireRefusedAward(db: DatabaseSync, row: JournalRow, now: number): boolean {
  if (!refusedForCertain(db, row)) return false;
  prepared(db, 'UPDATE intents SET dedup_key = :key, token = :token, version = version + 1 WHERE id = :id').run({
    id: row.id,
    key: retiredName(row.dedupKey, row.id),
    token: retiredName(row.token, row.id),
  });
  appendEvent(db, row.id, now, { type: 'note', actor: 'journal', detail: 'Refused by SocialHub and entered again differently: the new entry is the one that counts.' });
  return true;
}
