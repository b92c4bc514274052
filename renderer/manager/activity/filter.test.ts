import { describe, expect, it } from 'vitest';
import { EMPTY_ACTIVITY_FILTER, callTone, mergeEndpoints, toActivityRange, toActivityRequest } from './filter.ts';

describe('toActivityRequest', () => {
  it('asks for the newest page with no filter', () => {
    expect(toActivityRequest(EMPTY_ACTIVITY_FILTER, null)).toEqual({ ok: true, request: { limit: 200 } });
  });

  it('adds dates, endpoint, failures and the page cursor', () => {
    const r = toActivityRequest({ fromDate: '2026-03-12', toDate: '2026-03-12', endpoint: ' POST /points ', onlyFailures: true }, 991);
    expect(r).toEqual({
      ok: true,
      request: { from: new Date(2026, 2, 12).getTime(), to: new Date(2026, 2, 13).getTime(), endpoint: 'POST /points', onlyFailures: true, beforeId: 991, limit: 200 },
    });
  });

  it('refuses an end before the start', () => {
    expect(toActivityRequest({ ...EMPTY_ACTIVITY_FILTER, fromDate: '2026-03-12', toDate: '2026-03-01' }, null)).toMatchObject({ ok: false, field: 'toDate' });
  });

  it('exports the date range only', () => {
    expect(toActivityRange({ fromDate: '', toDate: '2026-03-12', endpoint: 'x', onlyFailures: true })).toEqual({ ok: true, request: { to: new Date(2026, 2, 13).getTime() } });
  });
});

describe('callTone / mergeEndpoints', () => {
  it('grades calls', () => {
    expect(callTone({ status: 200 })).toBe('ok');
    expect(callTone({ status: 429 })).toBe('warn');
    expect(callTone({ status: 503 })).toBe('bad');
    expect(callTone({ status: null })).toBe('bad');
  });
  it('collects distinct endpoints, sorted', () => {
    expect(mergeEndpoints(['b'], [{ endpoint: 'a' }, { endpoint: 'b' }])).toEqual(['a', 'b']);
  });
});
