/**
 * Recent transactions: the journal, newest first, filtered by state, kind, date range and a
 * search (POS txn id, member id or coupon: a case-sensitive prefix), keyset-paged into a
 * virtualised list; CSV export of the current filter.
 */
import { useCallback, useEffect } from 'react';
import { defineMessage, defineMessages } from '@formatjs/intl';
import { JOURNAL_KINDS, STATE_LABEL_MESSAGES } from '../../../shared/journal/states.ts';
import { useManagerSession } from '../../app/context.tsx';
import { Button, ErrorBanner, Field, StatusLine, ToggleChip } from '../../ui/index.ts';
import { useJournal, useManagerData, useOpenRow } from '../use-manager-data.ts';
import { SEARCH_MAX, STATE_CHIPS, isFiltered } from './filter.ts';
import { kindLabel } from './row-text.ts';
import { isLoading } from './journal-store.ts';
import { JournalList } from './journal-list.tsx';
import { useT, useTranslator } from '../../app/translate.tsx';

const M = defineMessages({
  filters: { id: 'manager.transactions.filters', defaultMessage: 'Filter transactions', description: 'Accessible name of the transactions filter form' },
  search: { id: 'manager.transactions.search', defaultMessage: 'Search', description: 'Label of the journal search field' },
  searchHint: {
    id: 'manager.transactions.searchHint',
    defaultMessage: 'Start of a POS transaction id, member id or coupon id (case-sensitive)',
    description: 'What the journal search matches',
  },
  from: { id: 'manager.transactions.from', defaultMessage: 'From', description: 'Start date of the transactions filter' },
  to: { id: 'manager.transactions.to', defaultMessage: 'To (inclusive)', description: 'End date (inclusive) of the transactions filter' },
  state: { id: 'manager.transactions.state', defaultMessage: 'State', description: 'Legend of the state filter chips' },
  kind: { id: 'manager.transactions.kind', defaultMessage: 'Kind', description: 'Legend of the kind filter chips' },
  loading: { id: 'manager.transactions.loading', defaultMessage: 'Loading…', description: 'The journal is being read' },
  newActivity: { id: 'manager.transactions.newActivity', defaultMessage: 'New activity: refresh', description: 'Button: the journal changed; read it again' },
  clearFilters: { id: 'manager.transactions.clearFilters', defaultMessage: 'Clear filters', description: 'Button: remove every filter' },
  refresh: { id: 'manager.transactions.refresh', defaultMessage: 'Refresh', description: 'Button: read the journal again' },
  exporting: { id: 'manager.transactions.exporting', defaultMessage: 'Exporting…', description: 'The CSV export is running' },
  export: { id: 'manager.transactions.export', defaultMessage: 'Export CSV', description: 'Button: export the filtered journal as CSV' },
  tryAgain: { id: 'manager.transactions.tryAgain', defaultMessage: 'Try again', description: 'Button: load the next page again after an error' },
  emptyFiltered: { id: 'manager.transactions.emptyFiltered', defaultMessage: 'No journal entries match this filter.', description: 'Nothing matches the filter' },
  empty: { id: 'manager.transactions.empty', defaultMessage: 'The journal is empty: nothing has been recorded at this till yet.', description: 'The journal has no entry at all' },
  listLabel: { id: 'manager.transactions.listLabel', defaultMessage: 'Journal entries, newest first. Press Enter to open one.', description: 'Accessible name of the journal list' },
  loadingMore: { id: 'manager.transactions.loadingMore', defaultMessage: 'Loading more…', description: 'The next page of the journal is being read' },
});

const TOTAL = defineMessage<{ total: number; loaded: number; match: 'yes' | 'no'; partial: 'yes' | 'no' }>({
  id: 'manager.transactions.total',
  defaultMessage: '{total, plural, one {# entry} other {# entries}}{match, select, yes { match} other {}}{partial, select, yes { · {loaded, number} loaded} other {}}',
  description: 'How many journal entries (match=yes when filtered); partial=yes when not all are loaded yet',
});

export function TransactionsTab() {
  const tr = useTranslator();
  const t = tr.t;
  const translate = useT();
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
  const fieldError = (f: 'fromDate' | 'toDate' | 'search') => (!built.ok && built.field === f ? translate(built.message, built.values) : undefined);

  return (
    <div className="mgr-tab mgr-tab--fill" data-testid="tab-transactions">
      <form className="mgr-filters" aria-label={t(M.filters)} onSubmit={(e) => e.preventDefault()}>
        <Field label={t(M.search)} hint={t(M.searchHint)} error={fieldError('search')} className="mgr-field--grow">
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
        <Field label={t(M.from)} error={fieldError('fromDate')}>
          {(ids) => (
            <input {...ids} type="date" value={filterState.fromDate} onChange={(e) => actions.setFromDate(e.target.value)} data-testid="journal-from" />
          )}
        </Field>
        <Field label={t(M.to)} error={fieldError('toDate')}>
          {(ids) => (
            <input {...ids} type="date" value={filterState.toDate} onChange={(e) => actions.setToDate(e.target.value)} data-testid="journal-to" />
          )}
        </Field>
        <fieldset className="mgr-chips">
          <legend>{t(M.state)}</legend>
          {STATE_CHIPS.map((s) => (
            <ToggleChip key={s} pressed={filterState.states.includes(s)} onToggle={() => actions.toggleState(s)} testId={`journal-filter-state-${s}`}>
              {t(STATE_LABEL_MESSAGES[s])}
            </ToggleChip>
          ))}
        </fieldset>
        <fieldset className="mgr-chips">
          <legend>{t(M.kind)}</legend>
          {JOURNAL_KINDS.map((k) => (
            <ToggleChip key={k} pressed={filterState.kinds.includes(k)} onToggle={() => actions.toggleKind(k)} testId={`journal-filter-kind-${k}`}>
              {kindLabel(k, translate)}
            </ToggleChip>
          ))}
        </fieldset>
      </form>

      <div className="mgr-toolbar">
        <p className="mgr-count" role="status" data-testid="journal-total">
          {loading
            ? t(M.loading)
            : total === null
              ? ''
              : t(TOTAL, { total, loaded: rows.length, match: isFiltered(filterState) ? 'yes' : 'no', partial: rows.length < total ? 'yes' : 'no' })}
        </p>
        {newActivity && (
          <Button variant="notice" onClick={() => actions.reload()} testId="journal-new-activity">
            {t(M.newActivity)}
          </Button>
        )}
        <span className="mgr-spacer" />
        {isFiltered(filterState) && (
          <Button variant="ghost" onClick={() => actions.clearFilters()} testId="journal-clear-filters">
            {t(M.clearFilters)}
          </Button>
        )}
        <Button onClick={() => actions.reload()} testId="journal-refresh">
          {t(M.refresh)}
        </Button>
        <Button onClick={() => void actions.exportCsv()} disabled={!built.ok || exporting} testId="journal-export">
          {exporting ? t(M.exporting) : t(M.export)}
        </Button>
      </div>
      <ErrorBanner error={exportError} testId="journal-export-error" />
      <StatusLine text={exportStatus} tone="ok" testId="journal-export-status" />
      <ErrorBanner error={error} testId="journal-error" />
      {error !== null && hasMore && (
        <Button onClick={loadMore}>
          {t(M.tryAgain)}
        </Button>
      )}

      {!loading && error === null && rows.length === 0 ? (
        <p className="mgr-empty" data-testid="journal-empty">
          {isFiltered(filterState) ? t(M.emptyFiltered) : t(M.empty)}
        </p>
      ) : (
        <JournalList
          rows={rows}
          total={total}
          hasMore={hasMore}
          busy={loadingMore || error !== null}
          onLoadMore={loadMore}
          onOpen={(row) => openRow(row.id)}
          label={t(M.listLabel)}
        />
      )}
      {loadingMore && (
        <p className="mgr-hint" role="status">
          {t(M.loadingMore)}
        </p>
      )}
    </div>
  );
}
