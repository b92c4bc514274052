import { tillIn } from '../../testing/translators.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { realTimers } from '../../state/timers.ts';
import { createFakeBridge, fail, flush, ok, row } from '../../testing/fake-bridge.ts';
import { createRowBus } from '../row-bus.ts';
import { createJournalStore, isLoading } from './journal-store.ts';
import { PAGE_SIZE, SEARCH_DEBOUNCE_MS } from './list-pace.ts';
import { createRowDetailStore } from './row-detail-store.ts';

const rows = (from: number, n: number): JournalRow[] => Array.from({ length: n }, (_, i) => row({ id: from - i, posTxnId: `T-${from - i}` }));

function setup(locale = 'en') {
  const fake = createFakeBridge();
  const bus = createRowBus();
  const saved: string[] = [];
  const journal = createJournalStore({
    bridge: fake.bridge,
    timers: realTimers,
    rows: bus,
    saveCsv: (f) => {
      saved.push(f.filename);
      return f.filename;
    },
    translator: tillIn(locale),
  });
  return { fake, bus, journal, saved };
}

describe('journal list store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads the first page, then the next one from the cursor, once per scroll burst', async () => {
    const { fake, journal } = setup();
    fake.handle('journalList', (req) => {
      const r = req as { before?: unknown };
      return r.before === undefined ? ok({ rows: rows(400, PAGE_SIZE), next: { createdAt: 1, id: 201 }, total: 300 }) : ok({ rows: rows(200, 100), next: null, total: 300 });
    });
    journal.getState().reload();
    expect(isLoading(journal.getState())).toBe(true);
    await flush();
    expect(journal.getState().page).toMatchObject({ total: 300, next: { id: 201 } });
    expect(journal.getState().page?.rows).toHaveLength(PAGE_SIZE);
    journal.getState().loadMore();
    journal.getState().loadMore();
    await flush();
    expect(fake.callsTo('journalList')).toEqual([
      { filter: {}, limit: PAGE_SIZE },
      { filter: {}, limit: PAGE_SIZE, before: { createdAt: 1, id: 201 } },
    ]);
    expect(journal.getState().page?.rows).toHaveLength(300);
    expect(journal.getState().page?.next).toBeNull();
  });

  it('filters by chips and dates at once and by search after a pause, dropping answers for an older filter', async () => {
    const { fake, journal } = setup();
    const answers: ((v: unknown) => void)[] = [];
    fake.handle('journalList', () => new Promise((resolve) => answers.push(resolve)));
    journal.getState().reload();
    journal.getState().toggleState('needs-attention');
    journal.getState().toggleKind('award');
    await flush();
    expect(fake.callsTo('journalList').at(-1)).toEqual({ filter: { states: ['needs-attention'], kinds: ['award'] }, limit: PAGE_SIZE });
    // The unfiltered answer arrives late: it is not shown for the filtered list.
    answers[0]?.(ok({ rows: rows(10, 10), next: null, total: 10 }));
    await flush();
    expect(journal.getState().page).toBeNull();
    answers.at(-1)?.(ok({ rows: rows(3, 1), next: null, total: 1 }));
    await flush();
    expect(journal.getState().page?.total).toBe(1);

    const before = fake.callsTo('journalList').length;
    journal.getState().setSearch('T-1');
    journal.getState().setSearch('T-10');
    expect(fake.callsTo('journalList')).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(fake.callsTo('journalList')).toHaveLength(before + 1);
    expect(fake.callsTo('journalList').at(-1)).toMatchObject({ filter: { search: 'T-10' } });
  });

  it('refuses an impossible date range without asking main, and clears filters', async () => {
    const { fake, journal } = setup();
    fake.handle('journalList', () => ok({ rows: [], next: null, total: 0 }));
    journal.getState().reload();
    await flush();
    journal.getState().setFromDate('2026-03-10');
    journal.getState().setToDate('2026-03-01');
    await flush();
    expect(journal.getState().built).toMatchObject({ ok: false, field: 'toDate' });
    expect(isLoading(journal.getState())).toBe(false);
    const calls = fake.callsTo('journalList').length;
    await journal.getState().exportCsv();
    expect(fake.callsTo('journalExport')).toHaveLength(0);
    journal.getState().clearFilters();
    await flush();
    expect(journal.getState().filter).toMatchObject({ fromDate: '', toDate: '' });
    expect(fake.callsTo('journalList')).toHaveLength(calls + 1);
  });

  it('shows a failed page as an error and keeps the rows already loaded', async () => {
    const { fake, journal } = setup();
    let n = 0;
    fake.handle('journalList', () => (n++ === 0 ? ok({ rows: rows(400, 5), next: { createdAt: 1, id: 396 }, total: 9 }) : fail('INTERNAL', 'The journal could not be read.')));
    journal.getState().reload();
    await flush();
    journal.getState().loadMore();
    await flush();
    expect(journal.getState().page).toMatchObject({ error: 'The journal could not be read.', loadingMore: false });
    expect(journal.getState().page?.rows).toHaveLength(5);
  });

  it('shows a failed page in the till’s language', async () => {
    const { fake, journal } = setup('de');
    fake.handle('journalList', () => fail('INTERNAL', 'The journal could not be read.'));
    journal.getState().reload();
    await flush();
    expect(journal.getState().page?.error).toBe('Das hat nicht geklappt. Bitte erneut versuchen; wenn es wieder passiert, Filialleitung rufen.');
  });

  it('patches loaded rows on journalChanged and offers a refresh for new ones', async () => {
    const { fake, journal } = setup();
    fake.handle('journalList', () => ok({ rows: rows(7, 3), next: null, total: 3 }));
    fake.handle('journalRow', (req) => ok({ row: row({ id: (req as { id: number }).id, state: 'confirmed', version: 9 }), attempts: [], history: [], children: [], actions: { verify: false, resend: false, resolve: false, requeue: false } }));
    journal.getState().reload();
    await flush();
    await journal.getState().journalChanged([6, 99]);
    expect(fake.callsTo('journalRow')).toEqual([{ id: 6 }]);
    expect(journal.getState().page?.rows.find((r) => r.id === 6)?.state).toBe('confirmed');
    expect(journal.getState().newActivity).toBe(true);
    journal.getState().reload();
    expect(journal.getState().newActivity).toBe(false);
  });

  it('exports the current filter and names the file saved', async () => {
    const { fake, journal, saved } = setup();
    fake.handle('journalList', () => ok({ rows: [], next: null, total: 0 }));
    fake.handle('journalExport', () => ok({ filename: 'journal.csv', csv: 'a\n', rows: 12 }));
    journal.getState().reload();
    journal.getState().toggleKind('redeem');
    await journal.getState().exportCsv();
    expect(fake.callsTo('journalExport')).toEqual([{ filter: { kinds: ['redeem'] } }]);
    expect(saved).toEqual(['journal.csv']);
    expect(journal.getState().exportStatus).toMatch(/12/);
  });

  it('starts over when the console closes, dropping answers still on their way', async () => {
    const { fake, journal } = setup();
    let answer: (v: unknown) => void = () => undefined;
    fake.handle('journalList', () => new Promise((resolve) => (answer = resolve)));
    journal.getState().reload();
    journal.getState().toggleKind('award');
    journal.getState().reset();
    answer(ok({ rows: rows(3, 3), next: null, total: 3 }));
    await flush();
    expect(journal.getState().page).toBeNull();
    expect(journal.getState().filter.kinds).toEqual([]);
  });
});

describe('row drawer store', () => {
  const detail = (overrides: Partial<JournalRow> = {}, actions = { verify: true, resend: false, resolve: true, requeue: false }) => ({
    row: row({ id: 7, state: 'unknown', ...overrides }),
    attempts: [],
    history: [],
    children: [],
    actions,
  });

  function drawer() {
    const fake = createFakeBridge();
    const bus = createRowBus();
    const journal = createJournalStore({ bridge: fake.bridge, timers: realTimers, rows: bus, saveCsv: (f) => f.filename, translator: tillIn() });
    const store = createRowDetailStore({ bridge: fake.bridge, rows: bus, translator: tillIn() });
    return { fake, store, journal };
  }

  it('refuses a short reason, then resolves and patches the list showing the row', async () => {
    const { fake, store, journal } = drawer();
    fake.handle('journalList', () => ok({ rows: [row({ id: 7, state: 'unknown', version: 1 })], next: null, total: 1 }));
    fake.handle('journalRow', () => ok(detail()));
    fake.handle('journalResolve', () => ok(detail({ state: 'resolved', version: 2 }, { verify: false, resend: false, resolve: false, requeue: false })));
    journal.getState().reload();
    store.getState().show(7);
    await flush();
    expect(store.getState().detail?.row.id).toBe(7);
    store.getState().setReason('ok');
    await store.getState().act('resolve');
    expect(store.getState().reasonError).toMatch(/at least 5/);
    expect(fake.callsTo('journalResolve')).toHaveLength(0);
    store.getState().setReason('  Checked the ledger: applied once.  ');
    await store.getState().act('resolve');
    expect(fake.callsTo('journalResolve')).toEqual([{ id: 7, reason: 'Checked the ledger: applied once.' }]);
    expect(store.getState()).toMatchObject({ reason: '', busy: null, status: expect.stringMatching(/resolved/) as unknown });
    expect(journal.getState().page?.rows[0]?.state).toBe('resolved');
  });

  it('re-queues a refused sale under the corrected member and opens the new entry on top', async () => {
    const { fake, store } = drawer();
    fake.handle('journalRow', (req) => {
      const id = (req as { id: number }).id;
      return ok(id === 7 ? detail({ state: 'rejected' }, { verify: false, resend: false, resolve: false, requeue: true }) : detail({ id, state: 'queued', memberId: 'mb_ben' }));
    });
    fake.handle('journalRequeue', () => ok(detail({ id: 12, state: 'queued', memberId: 'mb_ben' })));
    store.getState().show(7);
    await flush();
    store.getState().setRequeueMember(' mb_ben ');
    store.getState().setReason('Wrong card scanned at the till');
    await store.getState().act('requeue');
    await flush();
    expect(fake.callsTo('journalRequeue')).toEqual([{ id: 7, memberId: 'mb_ben', reason: 'Wrong card scanned at the till' }]);
    expect(store.getState().stack).toEqual([7, 12]);
    expect(store.getState().detail?.row).toMatchObject({ id: 12, memberId: 'mb_ben' });
    expect(store.getState().reason).toBe('');
    store.getState().back();
    await flush();
    expect(store.getState().stack).toEqual([7]);
    expect(store.getState().detail?.row.id).toBe(7);
  });

  it('resends only after the confirm and shows a refusal as an error', async () => {
    const { fake, store } = drawer();
    fake.handle('journalRow', () => ok(detail({}, { verify: true, resend: true, resolve: true, requeue: false })));
    fake.handle('journalResend', () => fail('INTERNAL', 'Verify it first: SocialHub may have applied it.'));
    store.getState().show(7);
    await flush();
    store.getState().askResend();
    expect(store.getState().confirmResend).toBe(true);
    await store.getState().act('resend');
    expect(store.getState()).toMatchObject({ confirmResend: false, busy: null, actionError: 'Verify it first: SocialHub may have applied it.' });
  });
});

describe('search debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  // The manager bench subtracts SEARCH_DEBOUNCE_MS from its search figures: the store must wait
  // exactly that long after the last keystroke, no less and no more.
  it('asks SEARCH_DEBOUNCE_MS after the last keystroke, not before', async () => {
    const { fake, journal } = setup();
    fake.handle('journalList', () => ok({ rows: [], next: null, total: 0 }));
    journal.getState().reload();
    await flush();
    const before = fake.callsTo('journalList').length;
    journal.getState().setSearch('T-1');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    journal.getState().setSearch('T-12');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    expect(fake.callsTo('journalList')).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.callsTo('journalList')).toHaveLength(before + 1);
    expect(fake.callsTo('journalList').at(-1)).toMatchObject({ filter: { search: 'T-12' } });
  });
});
