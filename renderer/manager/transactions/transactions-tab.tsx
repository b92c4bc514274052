/**
 * Recent transactions: the journal, newest first, filtered by state, kind, date range and a
 * search (POS txn id, member id or coupon: a case-sensitive prefix), keyset-paged into a
 * virtualised list; CSV export of the current filter.
 */
import { useEffect, useMemo, useState } from 'react';
import type { IpcErrorBody } from '../../../shared/ipc/envelope.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { JOURNAL_KINDS, STATE_LABELS } from '../../../shared/journal/states.ts';
import { downloadCsv, exportMessage } from '../csv.ts';
import { formatCount } from '../format.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Field, StatusLine } from '../../ui/index.ts';
import { EMPTY_FILTER, KIND_LABELS, SEARCH_MAX, STATE_CHIPS, isFiltered, toJournalFilter, toggleKind, toggleState } from './filter.ts';
import type { FilterState } from './filter.ts';
import { JournalList } from './journal-list.tsx';
import { useJournalPages } from './use-journal-pages.ts';

// Short enough to feel immediate (the query itself takes ~20 ms at 100k rows), long enough not to query per keystroke.
const SEARCH_DEBOUNCE_MS = 120;
/** Rows refreshed in place per journal-changed event; beyond that the list offers a refresh. */
const PATCH_MAX = 50;

export function TransactionsTab() {
  const { call, till, openRow, onRowChanged, generation } = useSession();
  const [filterState, setFilterState] = useState<FilterState>(EMPTY_FILTER);
  const [searchInput, setSearchInput] = useState('');
  const [reloadToken, setReloadToken] = useState(0);
  const [newActivity, setNewActivity] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<IpcErrorBody | null>(null);
  const [exportStatus, setExportStatus] = useState<string | null>(null);

  // Debounced search: the list asks main once the manager stops typing.
  useEffect(() => {
    const t = window.setTimeout(() => setFilterState((f) => (f.search === searchInput ? f : { ...f, search: searchInput })), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [searchInput]);

  const built = useMemo(() => toJournalFilter(filterState), [filterState]);
  const filter = built.ok ? built.filter : null;
  const pages = useJournalPages(filter, `${generation}.${reloadToken}`);
  const { rows, patch } = pages;

  const loadedIds = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);

  // Rows changed by the engine or by another screen: refresh the ones on screen, offer a reload for new ones.
  useEffect(() => {
    const offEngine = till.on('journalChanged', (e) => {
      const ids = e.ids.map(Number).filter((n) => Number.isInteger(n) && n > 0);
      const known = ids.filter((n) => loadedIds.has(n)).slice(0, PATCH_MAX);
      if (known.length < e.ids.length) setNewActivity(true);
      if (known.length === 0) return;
      void Promise.all(known.map((id) => call((t) => t.journalRow({ id })))).then((envs) => {
        const fresh: JournalRow[] = [];
        for (const env of envs) if (env.ok) fresh.push(env.value.row);
        patch(fresh);
      });
    });
    const offLocal = onRowChanged((row) => patch([row]));
    return () => {
      offEngine();
      offLocal();
    };
  }, [till, call, patch, onRowChanged, loadedIds]);

  function reload() {
    setNewActivity(false);
    setReloadToken((n) => n + 1);
  }

  async function exportCsv() {
    if (filter === null || exporting) return;
    setExporting(true);
    setExportError(null);
    setExportStatus(null);
    const env = await call((t) => t.journalExport({ filter }));
    setExporting(false);
    if (!env.ok) {
      setExportError(env.error);
      return;
    }
    const name = downloadCsv(env.value);
    setExportStatus(exportMessage(env.value.rows, name));
  }

  const fieldError = (f: 'fromDate' | 'toDate' | 'search') => (!built.ok && built.field === f ? built.message : undefined);

  return (
    <div className="mgr-tab mgr-tab--fill" data-testid="tab-transactions">
      <form className="mgr-filters" aria-label="Filter transactions" onSubmit={(e) => e.preventDefault()}>
        <Field label="Search" hint="Start of a POS transaction id, member id or coupon id (case-sensitive)" error={fieldError('search')} className="mgr-field--grow">
          {(ids) => (
            <input
              {...ids}
              type="search"
              value={searchInput}
              maxLength={SEARCH_MAX + 10}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setSearchInput(e.target.value)}
              data-testid="journal-search"
            />
          )}
        </Field>
        <Field label="From" error={fieldError('fromDate')}>
          {(ids) => (
            <input {...ids} type="date" value={filterState.fromDate} onChange={(e) => setFilterState((f) => ({ ...f, fromDate: e.target.value }))} data-testid="journal-from" />
          )}
        </Field>
        <Field label="To (inclusive)" error={fieldError('toDate')}>
          {(ids) => (
            <input {...ids} type="date" value={filterState.toDate} onChange={(e) => setFilterState((f) => ({ ...f, toDate: e.target.value }))} data-testid="journal-to" />
          )}
        </Field>
        <fieldset className="mgr-chips">
          <legend>State</legend>
          {STATE_CHIPS.map((s) => (
            <button
              key={s}
              type="button"
              className="mgr-chip-toggle"
              aria-pressed={filterState.states.includes(s)}
              onClick={() => setFilterState((f) => ({ ...f, states: toggleState(f.states, s) }))}
              data-testid={`journal-filter-state-${s}`}
            >
              {STATE_LABELS[s]}
            </button>
          ))}
        </fieldset>
        <fieldset className="mgr-chips">
          <legend>Kind</legend>
          {JOURNAL_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className="mgr-chip-toggle"
              aria-pressed={filterState.kinds.includes(k)}
              onClick={() => setFilterState((f) => ({ ...f, kinds: toggleKind(f.kinds, k) }))}
              data-testid={`journal-filter-kind-${k}`}
            >
              {KIND_LABELS[k]}
            </button>
          ))}
        </fieldset>
      </form>

      <div className="mgr-toolbar">
        <p className="mgr-count" role="status" data-testid="journal-total">
          {pages.loading
            ? 'Loading…'
            : pages.total === null
              ? ''
              : `${formatCount(pages.total)} ${pages.total === 1 ? 'entry' : 'entries'}${isFiltered(filterState) ? ' match' : ''}${pages.rows.length < pages.total ? ` · ${formatCount(pages.rows.length)} loaded` : ''}`}
        </p>
        {newActivity && (
          <button type="button" className="mgr-btn mgr-btn--notice" onClick={reload} data-testid="journal-new-activity">
            New activity: refresh
          </button>
        )}
        <span className="mgr-spacer" />
        {isFiltered(filterState) && (
          <button
            type="button"
            className="mgr-btn mgr-btn--ghost"
            onClick={() => {
              setSearchInput('');
              setFilterState(EMPTY_FILTER);
            }}
            data-testid="journal-clear-filters"
          >
            Clear filters
          </button>
        )}
        <button type="button" className="mgr-btn" onClick={reload} data-testid="journal-refresh">
          Refresh
        </button>
        <button type="button" className="mgr-btn" onClick={() => void exportCsv()} disabled={filter === null || exporting} data-testid="journal-export">
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      <ErrorBanner error={exportError} testId="journal-export-error" />
      <StatusLine text={exportStatus} tone="ok" testId="journal-export-status" />
      <ErrorBanner error={pages.error} testId="journal-error" />
      {pages.error !== null && pages.hasMore && (
        <button type="button" className="mgr-btn" onClick={pages.loadMore}>
          Try again
        </button>
      )}

      {!pages.loading && pages.error === null && rows.length === 0 ? (
        <p className="mgr-empty" data-testid="journal-empty">
          {isFiltered(filterState) ? 'No journal entries match this filter.' : 'The journal is empty: nothing has been recorded at this till yet.'}
        </p>
      ) : (
        <JournalList
          rows={rows}
          total={pages.total}
          hasMore={pages.hasMore}
          busy={pages.loadingMore || pages.error !== null}
          onLoadMore={pages.loadMore}
          onOpen={(row) => openRow(row.id)}
          label="Journal entries, newest first. Press Enter to open one."
        />
      )}
      {pages.loadingMore && (
        <p className="mgr-hint" role="status">
          Loading more…
        </p>
      )}
    </div>
  );
}
