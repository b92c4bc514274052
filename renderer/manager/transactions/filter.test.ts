import { describe, expect, it } from 'vitest';
import { testRow } from '../../../shared/journal/testing/test-row.ts';
import { EMPTY_FILTER, appendPage, filterKey, isFiltered, pageRequest, patchRows, toJournalFilter, toggleKind, toggleState } from './filter.ts';

describe('toJournalFilter', () => {
  it('leaves everything out when nothing is chosen', () => {
    expect(toJournalFilter(EMPTY_FILTER)).toEqual({ ok: true, filter: {} });
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
  });

  it('turns chips, dates and search into the wire filter', () => {
    const r = toJournalFilter({ states: ['needs-attention', 'unknown'], kinds: ['award'], fromDate: '2026-03-01', toDate: '2026-03-12', search: '  mb_4 ' });
    expect(r).toEqual({
      ok: true,
      filter: {
        states: ['needs-attention', 'unknown'],
        kinds: ['award'],
        from: new Date(2026, 2, 1).getTime(),
        to: new Date(2026, 2, 13).getTime(), // the end day is inclusive
        search: 'mb_4',
      },
    });
  });

  it('allows a single day', () => {
    const r = toJournalFilter({ ...EMPTY_FILTER, fromDate: '2026-03-12', toDate: '2026-03-12' });
    expect(r.ok).toBe(true);
  });

  it('says which field is wrong', () => {
    expect(toJournalFilter({ ...EMPTY_FILTER, fromDate: '2026-03-12', toDate: '2026-03-11' })).toMatchObject({ ok: false, field: 'toDate' });
    expect(toJournalFilter({ ...EMPTY_FILTER, fromDate: '2026-02-31' })).toMatchObject({ ok: false, field: 'fromDate' });
    expect(toJournalFilter({ ...EMPTY_FILTER, search: 'x'.repeat(65) })).toMatchObject({ ok: false, field: 'search' });
  });

  it('ignores a blank search', () => {
    expect(toJournalFilter({ ...EMPTY_FILTER, search: '   ' })).toEqual({ ok: true, filter: {} });
  });
});

describe('chips', () => {
  it('toggles and keeps the canonical order', () => {
    expect(toggleState(['rejected'], 'queued')).toEqual(['queued', 'rejected']);
    expect(toggleState(['queued', 'rejected'], 'queued')).toEqual(['rejected']);
    expect(toggleKind([], 'redeem')).toEqual(['redeem']);
  });
});

describe('paging', () => {
  it('asks for the first page without a cursor and the next with it', () => {
    expect(pageRequest({}, null)).toEqual({ filter: {}, limit: 200 });
    expect(pageRequest({ kinds: ['award'] }, { createdAt: 5, id: 9 })).toEqual({ filter: { kinds: ['award'] }, limit: 200, before: { createdAt: 5, id: 9 } });
  });

  it('gives equal filters the same key and different filters different keys', () => {
    expect(filterKey({ states: ['queued'] })).toBe(filterKey({ states: ['queued'] }));
    expect(filterKey({ states: ['queued'] })).not.toBe(filterKey({ kinds: ['award'] }));
    expect(filterKey({ search: '1' })).not.toBe(filterKey({ search: '12' }));
  });

  it('appends a page without repeating rows answered twice', () => {
    const a = [testRow({ id: 3 }), testRow({ id: 2 })];
    expect(appendPage(a, [testRow({ id: 2 }), testRow({ id: 1 })]).map((r) => r.id)).toEqual([3, 2, 1]);
  });

  it('patches changed rows in place, never with an older version', () => {
    const rows = [testRow({ id: 1, version: 2 }), testRow({ id: 2, version: 1 })];
    const out = patchRows(rows, [testRow({ id: 2, version: 3, state: 'resolved' }), testRow({ id: 1, version: 1, state: 'queued' }), testRow({ id: 99 })]);
    expect(out.map((r) => [r.id, r.state])).toEqual([
      [1, 'confirmed'],
      [2, 'resolved'],
    ]);
  });

  it('appends to 100k loaded rows', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => testRow({ id: 100_000 - i }));
    const next = appendPage(big, [testRow({ id: 100_001 }), testRow({ id: 1 })]);
    expect(next).toHaveLength(100_001);
    expect(next.at(-1)?.id).toBe(100_001);
  });
});
