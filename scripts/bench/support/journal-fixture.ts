/**
 * A busy till's journal for the manager benches, bulk-loaded in one transaction with the journal's
 * own fixture loader (electron/core/journal/testing/fixtures.ts: legal state moves, attempts
 * and history like real rows).
 *
 * The mix is the loader's (mostly confirmed awards; clawbacks, redeems, adjustments; 5 000 members;
 * 90 days up to an hour ago) with two changes so the till's engine stays idle while it is measured:
 * rows the drainer would pick up (`queued`, `unknown`) are moved to the states a till that has been
 * online settles them in (`confirmed`, `needs-attention` — which waits for a manager), and member
 * ids look like SocialHub's (`mb_0042`).
 */
import { openJournal } from '../../../electron/core/journal/index.ts';
import { bulkInsert, mixedRows } from '../../../electron/core/journal/testing/fixtures.ts';
import type { BulkRow } from '../../../electron/core/journal/testing/fixtures.ts';
import { addDays, calendarDateAt, dayWindow } from '../../../shared/time/business-day.ts';

export const DAY_MS = 86_400_000;

export function managerRows(count: number, now: number): BulkRow[] {
  const span = 90 * DAY_MS - 3_600_000;
  return mixedRows(count, { start: now - 90 * DAY_MS, spanMs: span, seed: 7 }).map((r) => ({
    ...r,
    state: r.state === 'queued' ? 'confirmed' : r.state === 'unknown' ? 'needs-attention' : r.state,
    memberId: `mb_${r.memberId.slice(2).padStart(4, '0')}`,
  }));
}

/** Creates the journal file at `path` with `count` rows; returns the load time in ms. */
export function buildManagerJournal(path: string, count: number, now = Date.now()): number {
  const t = performance.now();
  openJournal({ path }).close();
  bulkInsert(path, managerRows(count, now));
  return performance.now() - t;
}

/** Local midnight `days` days before today (what the manager's date input means). */
export function localDayStart(daysAgo: number, now = new Date()): number {
  return dayWindow(localDateInput(daysAgo, now)).start;
}

/** `YYYY-MM-DD` of the local day `daysAgo` days before today, as a date input holds it. */
export function localDateInput(daysAgo: number, now = new Date()): string {
  return addDays(calendarDateAt(now.getTime()), -daysAgo);
}
