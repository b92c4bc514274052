/**
 * Retention. Deleted: `confirmed` and `rejected` rows that became final before the cutoff,
 * with their attempts and history — but never a row that
 *   - is unfinished (also enforced by a trigger),
 *   - was `resolved` by a manager, or ever passed through `needs-attention`,
 *   - carries a note (a person wrote something about it),
 *   - still has a child row (a clawback or redeem pointing at it) that is kept.
 * Manager decisions and anything a person touched are kept forever. Runs in small batches so
 * the other process never waits long for the write lock.
 */
import type { DatabaseSync } from 'node:sqlite';
import { prepared } from './statements.ts';

export interface PruneCounts {
  rows: number;
  attempts: number;
  events: number;
}

const BATCH = 2000;

const CANDIDATES = `
  SELECT i.id FROM intents i
  WHERE i.state IN ('confirmed', 'rejected')
    AND i.finished_at < :cutoff
    AND i.note IS NULL
    AND NOT EXISTS (SELECT 1 FROM events e WHERE e.intent_id = i.id AND e.to_state = 'needs-attention')
    AND NOT EXISTS (SELECT 1 FROM intents c WHERE c.parent_id = i.id)
  LIMIT ${BATCH}`;

/**
 * Deletes one batch inside the caller's write transaction. Children go in earlier batches
 * than their parents (a parent qualifies only once its children are gone); call until it
 * returns 0 rows.
 */
export function pruneBatch(db: DatabaseSync, cutoff: number): PruneCounts {
  const ids = prepared(db, CANDIDATES)
    .all({ cutoff })
    .map((r) => Number(r.id));
  if (ids.length === 0) return { rows: 0, attempts: 0, events: 0 };
  const list = JSON.stringify(ids);
  const inList = 'IN (SELECT value FROM json_each(:ids))';
  const attempts = Number(prepared(db, `DELETE FROM attempts WHERE intent_id ${inList}`).run({ ids: list }).changes);
  const events = Number(prepared(db, `DELETE FROM events WHERE intent_id ${inList}`).run({ ids: list }).changes);
  const rows = Number(prepared(db, `DELETE FROM intents WHERE id ${inList}`).run({ ids: list }).changes);
  return { rows, attempts, events };
}
