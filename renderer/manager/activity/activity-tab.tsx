/**
 * API activity: this till's own audit of every call it made to SocialHub (time, key mask, method,
 * path, status, latency), mirroring SocialHub's "API Keys → recent activity". Filterable,
 * paged (newest first, "Load older"), exportable.
 */
import { useEffect, useMemo, useState } from 'react';
import type { IpcErrorBody } from '../../../shared/ipc/envelope.ts';
import type { ApiCall } from '../../../shared/journal/row.ts';
import { downloadCsv, exportMessage } from '../csv.ts';
import { formatCount, formatDateTime, formatLatency } from '../format.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Field, StatusLine } from '../../ui/index.ts';
import { EMPTY_ACTIVITY_FILTER, ENDPOINT_MAX, callTone, mergeEndpoints, toActivityRange, toActivityRequest } from './filter.ts';
import type { ActivityFilterState } from './filter.ts';

const DEBOUNCE_MS = 300;

interface Loaded {
  key: string;
  calls: ApiCall[];
  nextBeforeId: number | null;
}

export function ActivityTab({ active }: { active: boolean }) {
  const { call } = useSession();
  const [input, setInput] = useState<ActivityFilterState>(EMPTY_ACTIVITY_FILTER);
  const [filter, setFilter] = useState<ActivityFilterState>(EMPTY_ACTIVITY_FILTER);
  const [reload, setReload] = useState(0);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<IpcErrorBody | null>(null);
  const [endpoints, setEndpoints] = useState<string[]>([]);
  const [exporting, setExporting] = useState(false);
  const [exportStatus, setExportStatus] = useState<string | null>(null);

  // The endpoint box is typed into: wait for a pause. Dates and the checkbox apply at once.
  useEffect(() => {
    const t = window.setTimeout(() => setFilter(input), input.endpoint === filter.endpoint ? 0 : DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [input, filter.endpoint]);

  const built = useMemo(() => toActivityRequest(filter, null), [filter]);
  const key = `${JSON.stringify(built)}#${reload}`;

  useEffect(() => {
    if (!active || !built.ok) return;
    let live = true;
    const request = built.request;
    void call((t) => t.apiActivityList(request)).then((env) => {
      if (!live) return;
      if (env.ok) {
        setLoaded({ key, calls: env.value.calls, nextBeforeId: env.value.nextBeforeId });
        setEndpoints((e) => mergeEndpoints(e, env.value.calls));
        setError(null);
      } else setError(env.error);
    });
    return () => {
      live = false;
    };
  }, [active, built, key, call]);

  const current = loaded !== null && loaded.key === key ? loaded : null;

  async function loadOlder() {
    if (current === null || current.nextBeforeId === null || loadingMore) return;
    const req = toActivityRequest(filter, current.nextBeforeId);
    if (!req.ok) return;
    setLoadingMore(true);
    const env = await call((t) => t.apiActivityList(req.request));
    setLoadingMore(false);
    if (!env.ok) {
      setError(env.error);
      return;
    }
    setLoaded((l) => (l === null || l.key !== current.key ? l : { ...l, calls: [...l.calls, ...env.value.calls], nextBeforeId: env.value.nextBeforeId }));
    setEndpoints((e) => mergeEndpoints(e, env.value.calls));
  }

  async function exportCsv() {
    const range = toActivityRange(filter);
    if (!range.ok || exporting) return;
    setExporting(true);
    setError(null);
    const env = await call((t) => t.apiActivityExport(range.request));
    setExporting(false);
    if (!env.ok) {
      setError(env.error);
      return;
    }
    setExportStatus(exportMessage(env.value.rows, downloadCsv(env.value)));
  }

  const fieldError = (f: 'fromDate' | 'toDate' | 'endpoint') => (!built.ok && built.field === f ? built.message : undefined);
  const calls = current?.calls ?? [];

  return (
    <div className="mgr-tab" data-testid="tab-activity">
      <form className="mgr-filters" aria-label="Filter API activity" onSubmit={(e) => e.preventDefault()}>
        <Field label="From" error={fieldError('fromDate')}>
          {(ids) => <input {...ids} type="date" value={input.fromDate} onChange={(e) => setInput((f) => ({ ...f, fromDate: e.target.value }))} data-testid="activity-from" />}
        </Field>
        <Field label="To (inclusive)" error={fieldError('toDate')}>
          {(ids) => <input {...ids} type="date" value={input.toDate} onChange={(e) => setInput((f) => ({ ...f, toDate: e.target.value }))} data-testid="activity-to" />}
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
                onChange={(e) => setInput((f) => ({ ...f, endpoint: e.target.value }))}
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
          <input type="checkbox" checked={input.onlyFailures} onChange={(e) => setInput((f) => ({ ...f, onlyFailures: e.target.checked }))} data-testid="activity-failures" />
          Only failures
        </label>
      </form>
      <div className="mgr-toolbar">
        <p className="mgr-count" role="status" data-testid="activity-count">
          {current === null ? 'Loading…' : `${formatCount(calls.length)} ${calls.length === 1 ? 'call' : 'calls'} shown${current.nextBeforeId !== null ? ' (older ones below)' : ''}`}
        </p>
        <span className="mgr-spacer" />
        <button type="button" className="mgr-btn" onClick={() => setReload((n) => n + 1)} data-testid="activity-refresh">
          Refresh
        </button>
        <button type="button" className="mgr-btn" onClick={() => void exportCsv()} disabled={exporting || !toActivityRange(filter).ok} data-testid="activity-export">
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
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
        <button type="button" className="mgr-btn" onClick={() => void loadOlder()} disabled={loadingMore} data-testid="activity-more">
          {loadingMore ? 'Loading…' : 'Load older calls'}
        </button>
      )}
    </div>
  );
}
