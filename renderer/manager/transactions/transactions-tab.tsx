/**
 * Recent transactions: the journal, newest first, filtered by state, kind, date range and a
 * search (POS txn id, member id or coupon: a case-sensitive prefix), keyset-paged into a
 * virtualised list; CSV export of the current filter.
 */
import { useCallback, useEffect } from 'react';
import { JOURNAL_KINDS, STATE_LABELS } from '../../../shared/journal/states.ts';
import { formatCount } from '../format.ts';
import { useManagerSession } from '../../app/context.tsx';
import { Button, ErrorBanner, Field, StatusLine } from '../../ui/index.ts';
import { useJournal, useManagerData, useOpenRow } from '../use-manager-data.ts';
import { KIND_LABELS, SEARCH_MAX, STATE_CHIPS, isFiltered } from './filter.ts';
import { isLoading } from './journal-store.ts';
import { JournalList } from './journal-list.tsx';

export function TransactionsTab() {
  const openRow = useOpenRow();
  const generation = useManagerSession((s) => s.generation);
  const journal = useManagerData().journal;
  const actions = journal.getState();
  const filterState = useJournal((s) => s.filter);
  const searchInput = useJournal((s) => s.searchInput);
  const built = useJournal((s) => s.built);
  const page = useJournal((s) => s.page);
  const loading = useJournal(isLoading);
  const newActivity = useJournal((s) => s.newActivity);
  const exporting = useJournal((s) => s.exporting);
  const exportError = useJournal((s) => s.exportError);
  const exportStatus = useJournal((s) => s.exportStatus);

  // Every unlock (the first one mounts this screen) reads the list afresh.
  useEffect(() => {
    journal.getState().reload();
  }, [journal, generation]);

  const loadMore = useCallback(() => journal.getState().loadMore(), [journal]);
  const rows = page?.rows ?? [];
  const total = page?.total ?? null;
  const hasMore = page !== null && page.next !== null;
  const loadingMore = page?.loadingMore ?? false;
  const error = page?.error ?? null;
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
              onChange={(e) => actions.setSearch(e.target.value)}
              data-testid="journal-search"
            />
          )}
        </Field>
        <Field label="From" error={fieldError('fromDate')}>
          {(ids) => (
            <input {...ids} type="date" value={filterState.fromDate} onChange={(e) => actions.setFromDate(e.target.value)} data-testid="journal-from" />
          )}
        </Field>
        <Field label="To (inclusive)" error={fieldError('toDate')}>
          {(ids) => (
            <input {...ids} type="date" value={filterState.toDate} onChange={(e) => actions.setToDate(e.target.value)} data-testid="journal-to" />
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
              onClick={() => actions.toggleState(s)}
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
              onClick={() => actions.toggleKind(k)}
              data-testid={`journal-filter-kind-${k}`}
            >
              {KIND_LABELS[k]}
            </button>
          ))}
        </fieldset>
      </form>

      <div className="mgr-toolbar">
        <p className="mgr-count" role="status" data-testid="journal-total">
          {loading
            ? 'Loading…'
            : total === null
              ? ''
              : `${formatCount(total)} ${total === 1 ? 'entry' : 'entries'}${isFiltered(filterState) ? ' match' : ''}${rows.length < total ? ` · ${formatCount(rows.length)} loaded` : ''}`}
        </p>
        {newActivity && (
          <Button variant="notice" onClick={() => actions.reload()} testId="journal-new-activity">
            New activity: refresh
          </Button>
        )}
        <span className="mgr-spacer" />
        {isFiltered(filterState) && (
          <Button
 variant="ghost"
 onClick={() => actions.clearFilters()}
 testId="journal-clear-filters"
>
            Clear filters
          </Button>
        )}
        <Button onClick={() => actions.reload()} testId="journal-refresh">
          Refresh
        </Button>
        <Button onClick={() => void actions.exportCsv()} disabled={!built.ok || exporting} testId="journal-export">
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      </div>
      <ErrorBanner error={exportError} testId="journal-export-error" />
      <StatusLine text={exportStatus} tone="ok" testId="journal-export-status" />
      <ErrorBanner error={error} testId="journal-error" />
      {error !== null && hasMore && (
        <Button onClick={loadMore}>
          Try again
        </Button>
      )}

      {!loading && error === null && rows.length === 0 ? (
        <p className="mgr-empty" data-testid="journal-empty">
          {isFiltered(filterState) ? 'No journal entries match this filter.' : 'The journal is empty: nothing has been recorded at this till yet.'}
        </p>
      ) : (
        <JournalList
          rows={rows}
          total={total}
          hasMore={hasMore}
          busy={loadingMore || error !== null}
          onLoadMore={loadMore}
          onOpen={(row) => openRow(row.id)}
          label="Journal entries, newest first. Press Enter to open one."
        />
      )}
      {loadingMore && (
        <p className="mgr-hint" role="status">
          Loading more…
        </p>
      )}
    </div>
  );
}
