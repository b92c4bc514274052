/**
 * "HONOR was shown to the cashier" for a confirmed redeem, claimed at most once: two processes
 * (app and CLI) answering re-scans of one coupon can never both show it.
 * Called inside the journal's write transactions only.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { appendEvent } from './history.ts';
import { toJournalRow } from './row-mapping.ts';
import { prepared } from './statements.ts';

export interface HonorClaim {
  /** True: this call is the one that shows HONOR. False: it was shown before, or the row is not a confirmed redeem. */
  first: boolean;
  row: JournalRow | undefined;
}

export function claimHonorShown(db: DatabaseSync, id: number, by: string, now: number): HonorClaim {
  const updated = prepared(
    db,
    `UPDATE intents SET honor_shown_at = :now, version = version + 1
     WHERE id = :id AND kind = 'redeem' AND state = 'confirmed' AND honor_shown_at IS NULL
     RETURNING *`,
  ).get({ id, now });
  if (updated) {
    appendEvent(db, id, now, { type: 'note', actor: by, detail: 'HONOR shown to the cashier.' });
    return { first: true, row: toJournalRow(updated) };
  }
  const r = prepared(db, 'SELECT * FROM intents WHERE id = :id').get({ id });
  return { first: false, row: r ? toJournalRow(r) : undefined };
}
