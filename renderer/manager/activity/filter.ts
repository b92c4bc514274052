/**
 * The API activity screen's filter (this till's own audit of every SocialHub call) and its
 * translation into `apiActivityList` / `apiActivityExport` requests.
 */
import type { ApiCall } from '../../../shared/journal/row.ts';
import { defineMessages } from '@formatjs/intl';
import { dayRange, type FieldProblem } from '../date-range.ts';

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

const MESSAGES = defineMessages({
  endpointLong: { id: 'manager.activity.endpointLong', defaultMessage: 'At most {max} characters.', description: 'The endpoint filter is too long' },
});

export type ActivityBuild<T> = { ok: true; request: T } | FieldProblem<'fromDate' | 'toDate' | 'endpoint'>;

export function toActivityRange(s: ActivityFilterState): ActivityBuild<ActivityRange> {
  const days = dayRange(s.fromDate, s.toDate);
  if (!days.ok) return days;
  const range: ActivityRange = {};
  if (days.from !== undefined) range.from = days.from;
  if (days.to !== undefined) range.to = days.to;
  return { ok: true, request: range };
}

export function toActivityRequest(s: ActivityFilterState, beforeId: number | null): ActivityBuild<ActivityRequest> {
  const range = toActivityRange(s);
  if (!range.ok) return range;
  const request: ActivityRequest = { ...range.request, limit: ACTIVITY_PAGE };
  const endpoint = s.endpoint.trim();
  if (endpoint.length > ENDPOINT_MAX) return { ok: false, field: 'endpoint', message: MESSAGES.endpointLong, values: { max: ENDPOINT_MAX } };
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
