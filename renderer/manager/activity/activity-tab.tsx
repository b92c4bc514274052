/**
 * API activity: this till's own audit of every call it made to SocialHub (time, key mask, method,
 * path, status, latency), mirroring SocialHub's "API Keys → recent activity". Filterable,
 * paged (newest first, "Load older"), exportable.
 */
import { useEffect } from 'react';
import { defineMessage, defineMessages } from '@formatjs/intl';
import type { ApiCall } from '../../../shared/journal/row.ts';
import { formatDateTime, formatLatency } from '../format.ts';
import { Button, ErrorBanner, Field, StatusLine, Table, type Column } from '../../ui/index.ts';
import { useActivity, useManagerData } from '../use-manager-data.ts';
import { currentPage } from './activity-store.ts';
import { ENDPOINT_MAX, callTone, toActivityRange, toActivityRequest } from './filter.ts';
import type { ActivityFilterState } from './filter.ts';
import { useTranslator } from '../../app/translate.tsx';

const M = defineMessages({
  outcomeValue: {
    id: 'manager.activity.outcomeValue',
    defaultMessage:
      '{outcome, select, ok {OK} invalid_input {Invalid input} connection_refused {Connection refused} dns {Host not found} network {Network error} timeout {Timed out} reset {Connection reset} http {HTTP error} rate_limited {Rate limited} malformed_response {Unreadable answer} insecure_base_url {Insecure address} other {Other}}',
    description: 'API activity: what came of one call (the outcome code main recorded, - written as _)',
  },
  filters: { id: 'manager.activity.filters', defaultMessage: 'Filter API activity', description: 'Accessible name of the API activity filter form' },
  from: { id: 'manager.activity.from', defaultMessage: 'From', description: 'Start date of the API activity filter' },
  to: { id: 'manager.activity.to', defaultMessage: 'To (inclusive)', description: 'End date (inclusive) of the API activity filter' },
  endpoint: { id: 'manager.activity.endpoint', defaultMessage: 'Endpoint', description: 'API path filter of the API activity screen' },
  onlyFailures: { id: 'manager.activity.onlyFailures', defaultMessage: 'Only failures', description: 'Checkbox: show only failed API calls' },
  loading: { id: 'manager.activity.loading', defaultMessage: 'Loading…', description: 'API activity is being read' },
  refresh: { id: 'manager.activity.refresh', defaultMessage: 'Refresh', description: 'Button: read the API activity again' },
  exporting: { id: 'manager.activity.exporting', defaultMessage: 'Exporting…', description: 'The CSV export is running' },
  export: { id: 'manager.activity.export', defaultMessage: 'Export CSV', description: 'Button: export the API activity as CSV' },
  exportHint: { id: 'manager.activity.exportHint', defaultMessage: 'The export covers the chosen dates for every endpoint and outcome.', description: 'What the API activity export contains' },
  empty: { id: 'manager.activity.empty', defaultMessage: 'No API calls match.', description: 'No API call matches the filter' },
  caption: { id: 'manager.activity.caption', defaultMessage: 'API calls made by this till, newest first', description: 'Accessible caption of the API activity table' },
  time: { id: 'manager.activity.col.time', defaultMessage: 'Time', description: 'API activity column: when the call was made' },
  key: { id: 'manager.activity.col.key', defaultMessage: 'Key', description: 'API activity column: the masked API key used' },
  method: { id: 'manager.activity.col.method', defaultMessage: 'Method', description: 'API activity column: HTTP method' },
  path: { id: 'manager.activity.col.path', defaultMessage: 'Path', description: 'API activity column: the API path' },
  status: { id: 'manager.activity.col.status', defaultMessage: 'Status', description: 'API activity column: HTTP status code' },
  latency: { id: 'manager.activity.col.latency', defaultMessage: 'Latency', description: 'API activity column: how long the call took' },
  outcome: { id: 'manager.activity.col.outcome', defaultMessage: 'Outcome', description: 'API activity column: what came of the call' },
  noStatus: { id: 'manager.activity.noStatus', defaultMessage: 'none', description: 'Status cell of a call that got no HTTP answer' },
  older: { id: 'manager.activity.older', defaultMessage: 'Load older calls', description: 'Button: load the next page of older API calls' },
});

const COUNT = defineMessage<{ count: number; more: 'yes' | 'no' }>({
  id: 'manager.activity.count',
  defaultMessage: '{count, plural, one {# call} other {# calls}} shown{more, select, yes { (older ones below)} other {}}',
  description: 'How many API calls the screen shows; more=yes when older ones can be loaded',
});

export function ActivityTab({ active }: { active: boolean }) {
  const tr = useTranslator();
  const translate = tr.t;
  const activity = useManagerData().activity;
  useEffect(() => (active ? activity.getState().activate() : undefined), [active, activity]);
  const input = useActivity((s) => s.input);
  const filter = useActivity((s) => s.filter);
  const current = useActivity(currentPage);
  const loadingMore = useActivity((s) => s.loadingMore);
  const error = useActivity((s) => s.error);
  const endpoints = useActivity((s) => s.endpoints);
  const exporting = useActivity((s) => s.exporting);
  const exportStatus = useActivity((s) => s.exportStatus);
  const setInput = (patch: Partial<ActivityFilterState>) => activity.getState().setInput(patch);

  const built = toActivityRequest(filter, null);
  const fieldError = (f: 'fromDate' | 'toDate' | 'endpoint') => (!built.ok && built.field === f ? translate(built.message, built.values) : undefined);
  const calls = current?.calls ?? [];
  const t = tr.t;
  const columns: Column<ApiCall>[] = [
    { id: 'time', header: t(M.time), cell: (c) => formatDateTime(c.at, tr.locale) },
    { id: 'key', header: t(M.key), cell: (c) => c.keyMask, cellClassName: 'mgr-mono' },
    { id: 'method', header: t(M.method), cell: (c) => c.method, cellClassName: 'mgr-mono' },
    { id: 'path', header: t(M.path), cell: (c) => c.path, cellClassName: 'mgr-mono mgr-break' },
    { id: 'status', header: t(M.status), align: 'end', cell: (c) => <span className={`mgr-code mgr-code--${callTone(c)}`}>{c.status ?? t(M.noStatus)}</span> },
    { id: 'latency', header: t(M.latency), align: 'end', cell: (c) => formatLatency(c.latencyMs, tr.locale) },
    { id: 'outcome', header: t(M.outcome), cell: (c) => t(M.outcomeValue, { outcome: c.outcome.replaceAll('-', '_') }) },
  ];

  return (
    <div className="mgr-tab" data-testid="tab-activity">
      <form className="mgr-filters" aria-label={t(M.filters)} onSubmit={(e) => e.preventDefault()}>
        <Field label={t(M.from)} error={fieldError('fromDate')}>
          {(ids) => <input {...ids} type="date" value={input.fromDate} onChange={(e) => setInput({ fromDate: e.target.value })} data-testid="activity-from" />}
        </Field>
        <Field label={t(M.to)} error={fieldError('toDate')}>
          {(ids) => <input {...ids} type="date" value={input.toDate} onChange={(e) => setInput({ toDate: e.target.value })} data-testid="activity-to" />}
        </Field>
        <Field label={t(M.endpoint)} error={fieldError('endpoint')} className="mgr-field--grow">
          {(ids) => (
            <>
              <input
                {...ids}
                type="text"
                list="mgr-endpoints"
                autoComplete="off"
                spellCheck={false}
                maxLength={ENDPOINT_MAX}
                value={input.endpoint}
                onChange={(e) => setInput({ endpoint: e.target.value })}
                data-testid="activity-endpoint"
              />
              <datalist id="mgr-endpoints">
                {endpoints.map((e) => (
                  <option key={e} value={e} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <label className="mgr-check">
          <input type="checkbox" checked={input.onlyFailures} onChange={(e) => setInput({ onlyFailures: e.target.checked })} data-testid="activity-failures" />
          {t(M.onlyFailures)}
        </label>
      </form>
      <div className="mgr-toolbar">
        <p className="mgr-count" role="status" data-testid="activity-count">
          {current === null ? t(M.loading) : t(COUNT, { count: calls.length, more: current.nextBeforeId !== null ? 'yes' : 'no' })}
        </p>
        <span className="mgr-spacer" />
        <Button onClick={() => activity.getState().refresh()} testId="activity-refresh">
          {t(M.refresh)}
        </Button>
        <Button onClick={() => void activity.getState().exportCsv()} disabled={exporting || !toActivityRange(filter).ok} testId="activity-export">
          {exporting ? t(M.exporting) : t(M.export)}
        </Button>
      </div>
      <p className="mgr-hint">{t(M.exportHint)}</p>
      <ErrorBanner error={error} testId="activity-error" />
      <StatusLine text={exportStatus} tone="ok" testId="activity-export-status" />
      {current !== null && calls.length === 0 ? (
        <p className="mgr-empty" data-testid="activity-empty">
          {t(M.empty)}
        </p>
      ) : (
        <Table
          caption={t(M.caption)}
          columns={columns}
          rows={calls}
          rowKey={(c) => c.id}
          testId="activity-table"
          rowTestId="activity-row"
          rowData={(c) => ({ status: c.status ?? 'none' })}
        />
      )}
      {current !== null && current.nextBeforeId !== null && (
        <Button onClick={() => void activity.getState().loadOlder()} disabled={loadingMore} testId="activity-more">
          {loadingMore ? t(M.loading) : t(M.older)}
        </Button>
      )}
    </div>
  );
}
