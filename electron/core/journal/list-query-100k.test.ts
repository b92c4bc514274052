/**
 * The manager console at scale (issue 6, "done when"): filtering and search over a journal of
 * 100k rows return exactly what a plain in-memory filter over the same rows returns. Timing is
 * measured by `npm run bench:manager`, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalFilter } from '../../../shared/journal/row.ts';
import type { Journal } from './journal.ts';
import { T0, bulkInsert, mixedRows, testJournal } from './testing/fixtures.ts';
import type { BulkRow, TestJournal } from './testing/fixtures.ts';

const ROWS = 100_000;
const DAY = 86_400_000;
let t: TestJournal;
let j: Journal;
let rows: (BulkRow & { id: number })[];

beforeAll(() => {
  t = testJournal();
  j = t.journal;
  const generated = mixedRows(ROWS, { start: T0 - 90 * DAY, spanMs: 90 * DAY, seed: 7 });
  bulkInsert(t.path, generated);
  // bulkInsert assigns ids in insertion order on an empty journal.
  rows = generated.map((r, i) => ({ ...r, id: i + 1 }));
}, 120_000);
afterAll(() => t.dispose());

function expected(f: JournalFilter): (BulkRow & { id: number })[] {
  return rows
    .filter((r) => !f.states || f.states.includes(r.state))
    .filter((r) => !f.kinds || f.kinds.includes(r.kind))
    .filter((r) => f.from === undefined || r.createdAt >= f.from)
    .filter((r) => f.to === undefined || r.createdAt < f.to)
    .filter((r) => {
      const s = f.search;
      if (s === undefined) return true;
      const pos = r.kind === 'award' || r.kind === 'clawback' ? r.posTxnId : null;
      const coupon = r.kind === 'redeem' ? (r.couponId ?? null) : null;
      return [pos, r.memberId, coupon].some((v) => v?.startsWith(s));
    })
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

const filters: [string, JournalFilter][] = [
  ['everything (opening the list)', {}],
  ['needs attention', { states: ['needs-attention'] }],
  ['unknown awards', { states: ['unknown'], kinds: ['award'] }],
  ['confirmed clawbacks and redeems', { states: ['confirmed'], kinds: ['clawback', 'redeem'] }],
  ['last 7 days', { from: T0 - 7 * DAY, to: T0 + 1 }],
  ['a POS transaction id', { search: '154321' }],
  ['a transaction-id prefix', { search: '1999' }],
  ['a member id', { search: 'm_4242' }],
  ['a coupon id', { search: 'cp_777' }],
  ['combined', { states: ['confirmed'], kinds: ['award'], from: T0 - 30 * DAY, to: T0 - 20 * DAY, search: 'm_1' }],
];

describe(`manager list over ${ROWS.toLocaleString('en')} journal rows`, () => {
  it.each(filters)('%s: count and first pages match a plain filter', (_name, f) => {
    const want = expected(f);
    expect(want.length, 'the fixture must exercise this filter').toBeGreaterThan(0);
    expect(j.count(f)).toBe(want.length);
    let page = j.query({ ...f, limit: 200 });
    const got = [...page.rows];
    // Walk a few pages with the keyset cursor: no gaps, no repeats, newest first.
    for (let i = 0; i < 3 && page.next; i++) {
      page = j.query({ ...f, limit: 200, before: page.next });
      got.push(...page.rows);
    }
    expect(got.map((r) => r.id)).toEqual(want.slice(0, got.length).map((r) => r.id));
    expect(got.length).toBe(Math.min(want.length, 800));
  });

  it('counts every state the status strip shows', () => {
    const stats = j.stats();
    for (const state of ['queued', 'unknown', 'needs-attention'] as const) {
      expect(stats.counts[state]).toBe(rows.filter((r) => r.state === state).length);
    }
  });
});
