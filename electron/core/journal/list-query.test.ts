import fc from 'fast-check';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptSchema, journalEventSchema, journalPageSchema, journalStatsSchema } from '../../../shared/journal/row.ts';
import type { JournalFilter, JournalQuery, JournalRow } from '../../../shared/journal/row.ts';
import { JOURNAL_KINDS, JOURNAL_STATES } from '../../../shared/journal/states.ts';
import type { Journal } from './journal.ts';
import { JournalInputError } from './journal-errors.ts';
import { countSql, pageSql, parseQuery } from './list-query.ts';
import { toJournalRow } from './row-mapping.ts';
import { T0, award, bulkInsert, mixedRows, redeem, testJournal } from './testing/fixtures.ts';
import type { TestJournal } from './testing/fixtures.ts';

let t: TestJournal;
let j: Journal;
let all: JournalRow[];

beforeAll(() => {
  t = testJournal();
  j = t.journal;
  bulkInsert(t.path, mixedRows(3000, { start: T0 - 30 * 86_400_000, spanMs: 30 * 86_400_000 }));
  // Same-millisecond rows (ties on created_at) and a redeem linked to an open sale.
  for (let i = 0; i < 30; i++) j.record(award(`tie${i}`, { memberId: `m_tie${i % 3}` }));
  j.record(redeem('cp_linked', { linkedPosTxnId: '100123' }));
  const raw = new DatabaseSync(t.path, { readOnly: true });
  all = raw.prepare('SELECT * FROM intents').all().map(toJournalRow);
  raw.close();
});
afterAll(() => t.dispose());

const newestFirst = (a: JournalRow, b: JournalRow): number => b.createdAt - a.createdAt || b.id - a.id;

function reference(f: JournalFilter): JournalRow[] {
  const s = f.search?.trim();
  return all
    .filter((r) => !f.states || f.states.includes(r.state))
    .filter((r) => !f.kinds || f.kinds.includes(r.kind))
    .filter((r) => f.from === undefined || r.createdAt >= f.from)
    .filter((r) => f.to === undefined || r.createdAt < f.to)
    .filter((r) => s === undefined || [r.posTxnId, r.linkedPosTxnId, r.memberId, r.couponId].some((v) => v?.startsWith(s)))
    .sort(newestFirst);
}

function walk(f: JournalFilter, limit: number): JournalRow[] {
  const out: JournalRow[] = [];
  let page = j.query({ ...f, limit });
  out.push(...page.rows);
  while (page.next) {
    page = j.query({ ...f, limit, before: page.next });
    out.push(...page.rows);
  }
  return out;
}

describe('manager list query', () => {
  it('opens newest first, ties broken by id', () => {
    const page = j.query({});
    expect(page.rows).toHaveLength(50);
    expect(page.rows.map((r) => r.id)).toEqual(reference({}).slice(0, 50).map((r) => r.id));
    expect(page.rows[0]?.createdAt).toBe(T0);
    expect(j.count()).toBe(all.length);
  });

  it('pages through everything exactly once with the keyset cursor, across ties', () => {
    expect(walk({}, 37).map((r) => r.id)).toEqual(reference({}).map((r) => r.id));
  });

  it.each<[string, JournalFilter]>([
    ['state', { states: ['unknown'] }],
    ['states', { states: ['queued', 'needs-attention'] }],
    ['kind', { kinds: ['clawback'] }],
    ['state + kind', { states: ['confirmed'], kinds: ['redeem'] }],
    ['date range', { from: T0 - 10 * 86_400_000, to: T0 - 5 * 86_400_000 }],
    ['txn id prefix', { search: '1001' }],
    ['txn id exact', { search: '100123' }],
    ['member id', { search: 'm_tie1' }],
    ['coupon id', { search: 'cp_12' }],
    ['everything at once', { states: ['confirmed', 'rejected'], kinds: ['award'], from: T0 - 20 * 86_400_000, search: '10' }],
    ['nothing matches', { search: 'zzz' }],
  ])('filters by %s, with matching count and pagination', (_name, f) => {
    const expected = reference(f).map((r) => r.id);
    expect(walk(f, 23).map((r) => r.id)).toEqual(expected);
    expect(j.count(f)).toBe(expected.length);
  });

  it('finds a redeem by the sale it was linked to', () => {
    expect(j.query({ search: '100123' }).rows.map((r) => r.couponId ?? r.posTxnId)).toContain('cp_linked');
  });

  it('matches any random filter against a plain in-memory filter', () => {
    const filter = fc.record(
      {
        states: fc.uniqueArray(fc.constantFrom(...JOURNAL_STATES), { maxLength: 4 }),
        kinds: fc.uniqueArray(fc.constantFrom(...JOURNAL_KINDS), { maxLength: 3 }),
        from: fc.integer({ min: T0 - 31 * 86_400_000, max: T0 }),
        to: fc.integer({ min: T0 - 31 * 86_400_000, max: T0 + 1 }),
        search: fc.constantFrom('1', '10', '1002', 'm_', 'm_4', 'cp_', 'cp_2', 'tie', 'x'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filter, fc.integer({ min: 1, max: 200 }), (f, limit) => {
        const expected = reference(f);
        expect(j.query({ ...f, limit }).rows.map((r) => r.id)).toEqual(expected.slice(0, limit).map((r) => r.id));
        expect(j.count(f)).toBe(expected.length);
      }),
      { numRuns: 150 },
    );
  });

  it('returns exactly the shapes the UI validates (IPC schemas)', () => {
    expect(() => journalPageSchema.parse(j.query({ limit: 200 }))).not.toThrow();
    expect(() => journalPageSchema.parse(j.query({ states: ['resolved', 'needs-attention', 'unknown'], limit: 200 }))).not.toThrow();
    expect(() => journalStatsSchema.parse(j.stats())).not.toThrow();
    const confirmed = j.query({ states: ['confirmed'], limit: 1 }).rows[0]!;
    expect(() => attemptSchema.array().parse(j.attempts(confirmed.id))).not.toThrow();
    expect(() => journalEventSchema.array().parse(j.events(confirmed.id))).not.toThrow();
  });

  it('rejects malformed filters from the UI', () => {
    expect(() => j.query({ limit: 0 })).toThrow(JournalInputError);
    expect(() => j.query({ limit: 201 })).toThrow(JournalInputError);
    expect(() => j.query({ states: ['lost' as never] })).toThrow(/states/);
    expect(() => j.query({ orderBy: 'x' } as never)).toThrow(JournalInputError);
    expect(() => j.count({ search: '   ' })).toThrow(JournalInputError);
  });

  it('uses an index for the list, each filter and the cursor (never a full table scan)', () => {
    const raw = new DatabaseSync(t.path, { readOnly: true });
    const filters: JournalQuery[] = [
      {},
      { states: ['unknown'] },
      { kinds: ['award'] },
      { states: ['unknown'], kinds: ['award'] },
      { search: '1234' },
      { from: T0 - 86_400_000 },
      { before: { createdAt: T0, id: 5 } },
    ];
    const plans = filters.flatMap((f) => {
      const q = parseQuery(f);
      return [pageSql(q), countSql(q)].map(({ sql, params }) =>
        raw
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(params)
          .map((r) => String(r.detail))
          .join(' | '),
      );
    });
    raw.close();
    for (const p of plans) expect(p).not.toMatch(/SCAN intents(?! USING)/);
  });
});
