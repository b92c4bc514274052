/** The queue: 429/Retry-After, a refused key mid-drain, offline → restart → in-order drain, the breaker. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { closedPortUrl } from '../api/testing/loopback-servers.ts';
import { parseDescription } from '../../../shared/ledger/sale-token.ts';
import { TIMINGS, eventually, startHarness } from './testing/harness.ts';
import type { Harness } from './testing/harness.ts';

const M = DEMO.newMember;
let h: Harness;
afterEach(async () => h?.close());

const posts = (hh: Harness): number => hh.sandbox.audit().filter((a) => a.method === 'POST').length;

/** An HTTP-date `s` seconds from now (IMF-fixdate). */
const httpDate = (s: number): string => new Date(Date.now() + s * 1000).toUTCString();

describe('429 and Retry-After', () => {
  const cases: { name: string; header: string | null; min: number; max: number }[] = [
    { name: 'seconds', header: '2', min: 2000, max: 2000 + TIMINGS.backoff.baseMs + 50 },
    { name: 'an HTTP date', header: httpDate(4), min: 2000, max: 4000 + TIMINGS.backoff.baseMs + 50 },
    { name: 'garbage → default backoff', header: 'abc', min: 0, max: TIMINGS.backoff.capMs + 50 },
    { name: 'negative → default backoff', header: '-5', min: 0, max: TIMINGS.backoff.capMs + 50 },
    { name: 'missing → default backoff', header: null, min: 0, max: TIMINGS.backoff.capMs + 50 },
    { name: 'huge → clamped', header: '86400', min: 3000, max: 3000 + TIMINGS.backoff.baseMs + 50 },
  ];
  for (const c of cases) {
    it(`waits at least Retry-After given as ${c.name}`, async () => {
      h = await startHarness({ config: { retryAfterMaxMs: 3000 } });
      h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'rateLimit', retryAfter: c.header, count: 1 });
      const t0 = Date.now();
      const out = await h.engine.award({ memberId: M, posTxnId: `r${c.name.length}`, points: 5 });
      const t1 = Date.now();
      expect(out.status).toBe('queued');
      expect(out.message).toContain('do not re-enter');
      const wait = out.row!.nextAttemptAt!;
      expect(wait - t0).toBeGreaterThanOrEqual(c.min - 5);
      expect(wait - t1).toBeLessThanOrEqual(c.max);
      // Nothing goes before the wait is over, not even from the drainer.
      if (c.min > 0) {
        expect((await h.engine.drainOnce()).stopped).toBe('rate-limited');
        expect(h.engine.status().rateLimitedUntil).toBeGreaterThanOrEqual(t0 + c.min - 5);
        expect(posts(h)).toBe(1);
      }
    });
  }

  it('the background drainer sends it after the wait, once', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'rateLimit', retryAfter: '1', count: 1 });
    const out = await h.engine.award({ memberId: M, posTxnId: 'r-bg', points: 5 });
    expect(out.status).toBe('queued');
    h.engine.start();
    await eventually(() => h.journal.get(out.row!.id)?.state === 'confirmed', 4000);
    const sends = h.sandbox.audit().filter((a) => a.method === 'POST');
    expect(sends).toHaveLength(2);
    expect(Date.parse(sends[1]!.at) - Date.parse(sends[0]!.at)).toBeGreaterThanOrEqual(990);
  });
});

describe('a refused key (B8)', () => {
  for (const [status, which] of [
    [401, 'an unknown key'],
    [403, 'a read-only key'],
  ] as const) {
    it(`${status} mid-drain: rows stay pending, nothing more is sent until the key is re-provisioned`, async () => {
      h = await startHarness();
      const offline = h.engineWith({ client: h.client({ baseUrl: await closedPortUrl() }) });
      for (let i = 0; i < 4; i++) expect((await offline.award({ memberId: M, posTxnId: `k${status}-${i}`, points: 5 })).status).toBe('queued');
      await offline.stop();

      const bad = h.engineWith({ client: h.client({ key: status === 401 ? 'fl_test_revoked_key_000000' : h.sandbox.keys.read }) });
      const pass = await bad.drainOnce();
      expect(pass).toMatchObject({ processed: 1, stopped: 'key-rejected' });
      expect(posts(h)).toBe(1);
      expect(bad.status()).toMatchObject({ online: false });
      expect(bad.status().sendingBlocked).toContain(String(status));
      expect(h.connectivity.at(-1)?.online).toBe(false);
      // New awards are saved, not sent.
      const more = await bad.award({ memberId: M, posTxnId: `k${status}-new`, points: 5 });
      expect(more.status).toBe('queued');
      expect(more.message).toMatch(/key/);
      expect((await bad.drainOnce()).stopped).toBe('key-rejected');
      expect(posts(h)).toBe(1);
      expect(h.journal.stats().counts.queued).toBe(5);

      bad.setClient(h.client());
      expect(bad.status().sendingBlocked).toBeNull();
      const drained = await bad.drainOnce();
      expect(drained).toMatchObject({ processed: 5, stopped: 'idle' });
      expect(h.journal.count({ states: ['confirmed'] })).toBe(5);
      expect(which).toBeTruthy();
    });
  }
});

describe('offline', () => {
  it('awards queue while SocialHub is unreachable, survive a restart, and drain in order', async () => {
    h = await startHarness();
    const down = await closedPortUrl();
    const till = h.engineWith({ client: h.client({ baseUrl: down }) });
    const outcomes = [];
    for (let i = 1; i <= 8; i++) outcomes.push(await till.award({ memberId: M, posTxnId: `off-${i}`, points: i }));
    expect(outcomes.map((o) => o.status)).toEqual(Array(8).fill('queued'));
    // The cashier is told why (which award says it depends on when the back-off window ends, so not the last one on a slow machine).
    expect(outcomes[0]?.message).toMatch(/could not be reached|unreachable/);
    // After a refusal the link backs off: later awards are saved without hammering the server.
    expect(h.journal.count({ states: ['queued'] })).toBe(8);
    // The background drainer keeps trying until the breaker opens.
    till.start();
    await eventually(() => !till.status().online, 3000);
    expect(h.connectivity.some((c) => !c.online)).toBe(true);
    await till.stop();

    // Restart: a new process with the journal file re-opened.
    const journal = h.reopen();
    const back = h.engineWith({ journal, client: h.client() });
    const report = await back.recover();
    expect(report).toMatchObject({ examined: 8, confirmed: 8, pending: 0 });
    const order = h.sandbox
      .ledger(M)
      .reverse()
      .map((t) => parseDescription(t.description)?.posTxnId);
    expect(order).toEqual(outcomes.map((_, i) => `off-${i + 1}`));
    expect(h.sandbox.balance(M)).toBe(36);
  });

  it('the breaker probes while open and closes when SocialHub answers again', async () => {
    h = await startHarness();
    h.sandbox.addFault({ route: '*', kind: 'error5xx' });
    expect((await h.engine.award({ memberId: M, posTxnId: 'b-0', points: 1 })).status).toBe('checking');
    for (let i = 1; i < 4; i++) expect(['queued', 'checking']).toContain((await h.engine.award({ memberId: M, posTxnId: `b-${i}`, points: 1 })).status);
    h.engine.start();
    await eventually(() => !h.engine.status().online, 5000);
    const queued = await h.engine.award({ memberId: M, posTxnId: 'b-4', points: 1 });
    expect(queued.status).toBe('queued');
    expect(queued.message).toContain('unreachable');
    h.sandbox.clearFaults();
    await eventually(() => h.engine.status().online, 3000);
    expect(h.connectivity.map((c) => c.online)).toEqual([false, true]);
    await eventually(() => h.journal.count({ states: ['confirmed'] }) === 5, 6000);
    for (let i = 0; i < 5; i++) expect(h.copies(h.journal.getByDedupKey(`award:st_nyc_01:b-${i}`)!)).toBe(1);
  });
});
