/**
 * API activity: this till's own audit of every call it made to SocialHub (time, key mask, method,
 * path, status, latency), mirroring SocialHub's "API Keys → recent activity". Filterable,
 * paged (newest first, "Load older"), exportable.
 */
import { useEffect } from 'react';
import { formatCount, formatDateTime, formatLatency } from '../format.ts';
import { Button, ErrorBanner, Field, StatusLine } from '../../ui/index.ts';
import { useActivity, useManagerData } from '../use-manager-data.ts';
import { currentPage } from './activity-store.ts';
import { ENDPOINT_MAX, callTone, toActivityRange, toActivityRequest } from './filter.ts';
import type { ActivityFilterState } from './filter.ts';

export function ActivityTab({ active }: { active: boolean }) {
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
  const fieldError = (f: 'fromDate' | 'toDate' | 'endpoint') => (!built.ok && built.field === f ? built.message : undefined);
  const calls = current?.calls ?? [];

  return (
    <div className="mgr-tab" data-testid="tab-activity">
      <form className="mgr-filters" aria-label="Filter API activity" onSubmit={(e) => e.preventDefault()}>
        <Field label="From" error={fieldError('fromDate')}>
          {(ids) => <input {...ids} type="date" value={input.fromDate} onChange={(e) => setInput({ fromDate: e.target.value })} data-testid="activity-from" />}
        </Field>
        <Field label="To (inclusive)" error={fieldError('toDate')}>
          {(ids) => <input {...ids} type="date" value={input.toDate} onChange={(e) => setInput({ toDate: e.target.value })} data-testid="activity-to" />}
        </Field>
        <Field label="Endpoint" error={fieldError('endpoint')} className="mgr-field--grow">
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
          Only failures
        </label>
      </form>
      <div className="mgr-toolbar">
        <p className="mgr-count" role="status" data-testid="activity-count">
          {current === null ? 'Loading…' : `${formatCount(calls.length)} ${calls.length === 1 ? 'call' : 'calls'} shown${current.nextBeforeId !== null ? ' (older ones below)' : ''}`}
        </p>
        <span className="mgr-spacer" />
        <Button onClick={() => activity.getState().refresh()} testId="activity-refresh">
          Refresh
        </Button>
        <Button onClick={() => void activity.getState().exportCsv()} disabled={exporting || !toActivityRange(filter).ok} testId="activity-export">
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      </div>
      <p className="mgr-hint">The export covers the chosen dates for every endpoint and outcome.</p>
      <ErrorBanner error={error} testId="activity-error" />
      <StatusLine text={exportStatus} tone="ok" testId="activity-export-status" />
      {current !== null && calls.length === 0 ? (
        <p className="mgr-empty" data-testid="activity-empty">
          No API calls match.
        </p>
      ) : (
        <div className="mgr-table-wrap">
          <table className="mgr-table" data-testid="activity-table">
            <caption className="mgr-sr">API calls made by this till, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Key</th>
                <th scope="col">Method</th>
                <th scope="col">Path</th>
                <th scope="col" className="num">
                  Status
                </th>
                <th scope="col" className="num">
                  Latency
                </th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.id} data-testid="activity-row" data-status={c.status ?? 'none'}>
                  <td>{formatDateTime(c.at)}</td>
                  <td className="mgr-mono">{c.keyMask}</td>
                  <td className="mgr-mono">{c.method}</td>
                  <td className="mgr-mono mgr-break">{c.path}</td>
                  <td className="num">
                    <span className={`mgr-code mgr-code--${callTone(c)}`}>{c.status ?? 'none'}</span>
                  </td>
                  <td className="num">{formatLatency(c.latencyMs)}</td>
                  <td>{c.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {current !== null && current.nextBeforeId !== null && (
        <Button onClick={() => void activity.getState().loadOlder()} disabled={loadingMore} testId="activity-more">
          {loadingMore ? 'Loading…' : 'Load older calls'}
        </Button>
      )}
    </div>
  );
}
