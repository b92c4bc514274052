/**
 * The API activity screen's filter (this till's own audit of every SocialHub call) and its
 * translation into `apiActivityList` / `apiActivityExport` requests.
 */
import type { ApiCall } from '../../../shared/journal/row.ts';
import { dayWindow, isBusinessDate } from '../../../shared/time/business-day.ts';

export interface ActivityFilterState {
  fromDate: string;
  toDate: string;
  endpoint: string;
  onlyFailures: boolean;
}

export const EMPTY_ACTIVITY_FILTER: ActivityFilterState = { fromDate: '', toDate: '', endpoint: '', onlyFailures: false };
export const ACTIVITY_PAGE = 200;
export const ENDPOINT_MAX = 120;

export interface ActivityRange {
  from?: number;
  to?: number;
}

export interface ActivityRequest extends ActivityRange {
  endpoint?: string;
  onlyFailures?: boolean;
  limit: number;
  beforeId?: number;
}

export type ActivityBuild<T> = { ok: true; request: T } | { ok: false; field: 'fromDate' | 'toDate' | 'endpoint'; message: string };

export function toActivityRange(s: ActivityFilterState): ActivityBuild<ActivityRange> {
  const range: ActivityRange = {};
  if (s.fromDate !== '') {
    const from = isBusinessDate(s.fromDate) ? dayWindow(s.fromDate).start : null;
    if (from === null) return { ok: false, field: 'fromDate', message: 'Enter the start date as a calendar date.' };
    range.from = from;
  }
  if (s.toDate !== '') {
    const to = isBusinessDate(s.toDate) ? dayWindow(s.toDate).end : null;
    if (to === null) return { ok: false, field: 'toDate', message: 'Enter the end date as a calendar date.' };
    range.to = to;
  }
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to) {
    return { ok: false, field: 'toDate', message: 'The end date is before the start date.' };
  }
  return { ok: true, request: range };
}

export function toActivityRequest(s: ActivityFilterState, beforeId: number | null): ActivityBuild<ActivityRequest> {
  const range = toActivityRange(s);
  if (!range.ok) return range;
  const request: ActivityRequest = { ...range.request, limit: ACTIVITY_PAGE };
  const endpoint = s.endpoint.trim();
  if (endpoint.length > ENDPOINT_MAX) return { ok: false, field: 'endpoint', message: `At most ${ENDPOINT_MAX} characters.` };
  if (endpoint !== '') request.endpoint = endpoint;
  if (s.onlyFailures) request.onlyFailures = true;
  if (beforeId !== null) request.beforeId = beforeId;
  return { ok: true, request };
}

/** How a call reads at a glance: 2xx fine, 429/4xx a warning, 5xx or no answer bad. */
export function callTone(c: Pick<ApiCall, 'status'>): 'ok' | 'warn' | 'bad' {
  if (c.status === null || c.status >= 500) return 'bad';
  if (c.status >= 400) return 'warn';
  return 'ok';
}

/** Distinct endpoints seen so far, sorted, for the filter's suggestions. */
export function mergeEndpoints(known: readonly string[], calls: readonly Pick<ApiCall, 'endpoint'>[]): string[] {
  const set = new Set(known);
  for (const c of calls) set.add(c.endpoint);
  return [...set].sort();
}
