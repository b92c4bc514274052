import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import type { ApiCall } from '../../../shared/journal/row.ts';
import { realTimers } from '../../state/timers.ts';
import { createFakeBridge, fail, flush, ok } from '../../testing/fake-bridge.ts';
import { ENDPOINT_DEBOUNCE_MS, createActivityStore, currentPage } from './activity-store.ts';

const apiCall = (id: number, endpoint: string, status: number | null = 200): ApiCall => ({
  id,
  at: 1_760_000_000_000 + id,
  keyMask: 'sk_…abcd',
  method: 'GET',
  path: `/api/v2${endpoint}`,
  endpoint,
  status,
  latencyMs: 40,
  outcome: 'ok',
});

function setup(locale = 'en') {
  const fake = createFakeBridge();
  const saved: string[] = [];
  fake.handle('apiActivityList', (req) => {
    const r = req as { beforeId?: number };
    return r.beforeId === undefined ? ok({ calls: [apiCall(9, '/members/{id}'), apiCall(8, '/points')], nextBeforeId: 8 }) : ok({ calls: [apiCall(7, '/coupons')], nextBeforeId: null });
  });
  const activity = createActivityStore({
    bridge: fake.bridge,
    timers: realTimers,
    saveCsv: (f) => {
      saved.push(f.filename);
      return f.filename;
    },
    translator: tillIn(locale),
  });
  return { fake, activity, saved };
}

describe('API activity store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads only while shown, pages older calls and gathers endpoints for suggestions', async () => {
    const { fake, activity } = setup();
    activity.getState().setInput({ onlyFailures: false });
    expect(fake.callsTo('apiActivityList')).toHaveLength(0);
    activity.getState().activate();
    await flush();
    expect(currentPage(activity.getState())?.calls.map((c) => c.id)).toEqual([9, 8]);
    await activity.getState().loadOlder();
    expect(fake.callsTo('apiActivityList').at(-1)).toEqual({ limit: 200, beforeId: 8 });
    expect(currentPage(activity.getState())).toMatchObject({ nextBeforeId: null });
    expect(activity.getState().endpoints).toEqual(['/coupons', '/members/{id}', '/points']);
  });

  it('applies the failures box at once and the endpoint after a pause', async () => {
    const { fake, activity } = setup();
    activity.getState().activate();
    await flush();
    activity.getState().setInput({ onlyFailures: true });
    await flush();
    expect(fake.callsTo('apiActivityList').at(-1)).toEqual({ limit: 200, onlyFailures: true });
    // The old answer is not the page for the new filter until its own answer comes.
    const n = fake.callsTo('apiActivityList').length;
    activity.getState().setInput({ endpoint: '/po' });
    activity.getState().setInput({ endpoint: '/points' });
    expect(fake.callsTo('apiActivityList')).toHaveLength(n);
    expect(activity.getState().filter.endpoint).toBe('');
    await vi.advanceTimersByTimeAsync(ENDPOINT_DEBOUNCE_MS);
    expect(fake.callsTo('apiActivityList')).toHaveLength(n + 1);
    expect(fake.callsTo('apiActivityList').at(-1)).toEqual({ limit: 200, onlyFailures: true, endpoint: '/points' });
  });

  it('refuses an end date before the start date without asking main', async () => {
    const { fake, activity } = setup();
    activity.getState().activate();
    await flush();
    const n = fake.callsTo('apiActivityList').length;
    activity.getState().setInput({ fromDate: '2026-03-10', toDate: '2026-03-01' });
    await flush();
    expect(fake.callsTo('apiActivityList')).toHaveLength(n);
    await activity.getState().exportCsv();
    expect(fake.callsTo('apiActivityExport')).toHaveLength(0);
  });

  it('exports the date range and reports a failure in words', async () => {
    const { fake, activity, saved } = setup();
    fake.handle('apiActivityExport', () => ok({ filename: 'api-activity.csv', csv: 'x\n', rows: 3 }));
    await activity.getState().exportCsv();
    expect(fake.callsTo('apiActivityExport')).toEqual([{}]);
    expect(saved).toEqual(['api-activity.csv']);
    expect(activity.getState().exportStatus).toMatch(/3/);
    fake.handle('apiActivityExport', () => fail('INTERNAL', 'The activity log could not be read.'));
    await activity.getState().exportCsv();
    expect(activity.getState()).toMatchObject({ exporting: false, error: 'The activity log could not be read.' });
  });
});
