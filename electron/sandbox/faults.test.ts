import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { pointsPageSchema, pointsResponseSchema } from '../../shared/api/schemas.ts';
import { FaultEngine, parseFaultRule } from './faults.ts';
import { DEMO, startSandbox, type FaultRule, type SandboxHandle } from './server.ts';
import { adminClient, apiClient, errorOf, type Client } from './testing/client.ts';

let sb: SandboxHandle;
let api: Client;
const member = DEMO.memberWithCoupons;
const pointsPath = `/members/${member}/points`;
const award = (description: string, amount = 25): Promise<Response> => api.post(pointsPath, { amount, description });
const hasEntry = (description: string): boolean => sb.ledger(member).some((t) => t.description === description);

beforeAll(async () => {
  sb = await startSandbox({ quiet: true, seed: 7 });
  api = apiClient(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

describe('outcome faults', () => {
  it('applyThenDrop: the fetch rejects, yet the write is in the ledger', async () => {
    sb.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    await expect(award('txn A-1')).rejects.toThrow();
    expect(hasEntry('txn A-1')).toBe(true);
    expect(sb.balance(member)).toBe(4975);
    // count 1: the next write goes through normally.
    expect((await award('txn A-2')).status).toBe(200);
    expect(sb.audit().map((e) => [e.status, e.faults])).toEqual([
      [0, ['applyThenDrop']],
      [200, undefined],
    ]);
  });

  it('applyThenDrop on redeem: the coupon is redeemed although the client never heard', async () => {
    sb.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop' });
    await expect(api.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`)).rejects.toThrow();
    sb.clearFaults();
    expect((await api.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`)).status).toBe(404);
  });

  it('dropBeforeApply: the fetch rejects and nothing is applied', async () => {
    sb.addFault({ route: 'POST /members/:id/points', kind: 'dropBeforeApply', count: 1 });
    await expect(award('txn B-1')).rejects.toThrow();
    expect(hasEntry('txn B-1')).toBe(false);
    expect(sb.balance(member)).toBe(4950);
  });

  it('hang: the client timeout fires; nothing is applied; the server notices the abort', async () => {
    sb.addFault({ route: 'POST /members/:id/points', kind: 'hang' });
    const err: unknown = await api.post(pointsPath, { amount: 5, description: 'txn C-1' }, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('TimeoutError');
    expect(hasEntry('txn C-1')).toBe(false);
    await vi.waitFor(() => expect(sb.audit().at(-1)).toMatchObject({ status: 0, faults: ['hang'] }), { timeout: 2_000, interval: 10 });
    expect(hasEntry('txn C-1')).toBe(false);
  });

  it('hang with ms: the connection is dropped after the hold, nothing applied', async () => {
    sb.addFault({ route: 'POST /members/:id/points', kind: 'hang', ms: 50, count: 1 });
    await expect(award('txn C-2')).rejects.toThrow();
    expect(hasEntry('txn C-2')).toBe(false);
  });

  it('close() ends hanging and delayed requests instead of waiting for them', async () => {
    const own = await startSandbox({ quiet: true });
    own.setFaults([
      { route: 'GET /stores', kind: 'hang' },
      { route: 'GET /members', kind: 'latency', ms: 60_000 },
    ]);
    const client = apiClient(own);
    const hanging = client.get('/stores').catch((e: unknown) => e);
    const slow = client.get('/members').catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await own.close();
    expect(await hanging).toBeInstanceOf(Error);
    expect(await slow).toBeInstanceOf(Error);
  });

  it('error5xx: 503 by default (or the given status), applied nothing', async () => {
    sb.setFaults([
      { route: 'POST /members/:id/points', kind: 'error5xx', count: 1 },
      { route: 'POST /coupons/:id/redeem', kind: 'error5xx', status: 502, retryAfter: '3', count: 1 },
    ]);
    expect(await errorOf(await award('txn D-1'))).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(hasEntry('txn D-1')).toBe(false);
    const redeem = await api.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`);
    expect(redeem.status).toBe(502);
    expect(redeem.headers.get('retry-after')).toBe('3');
    expect((await api.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`)).status).toBe(200);
  });

  it('rateLimit: a forced 429 carries Retry-After verbatim (HTTP-date, garbage, default, none)', async () => {
    const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
    sb.setFaults([
      { route: 'GET /stores', kind: 'rateLimit', retryAfter: date, count: 1 },
      { route: 'GET /stores', kind: 'rateLimit', retryAfter: 'soon-ish', count: 1 },
      { route: 'GET /stores', kind: 'rateLimit', count: 1 },
      { route: 'GET /stores', kind: 'rateLimit', retryAfter: null, count: 1 },
    ]);
    const headers: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await api.get('/stores');
      expect(res.status).toBe(429);
      headers.push(res.headers.get('retry-after'));
    }
    expect(headers).toEqual([date, 'soon-ish', '1', null]);
    expect((await api.get('/stores')).status).toBe(200);
  });

  it('latency: a short client timeout fires; without one the reply arrives after the delay', async () => {
    sb.addFault({ route: 'GET /members/:id/tier', kind: 'latency', ms: 200, count: 2 });
    await expect(api.get(`/members/${member}/tier`, { signal: AbortSignal.timeout(40) })).rejects.toThrow();
    const started = performance.now();
    const res = await api.get(`/members/${member}/tier`);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('latency before apply: a write whose client gave up is still applied (unknown outcome)', async () => {
    sb.addFault({ route: 'POST /members/:id/points', kind: 'latency', ms: 400, count: 1 });
    await expect(api.post(pointsPath, { amount: 5, description: 'txn E-1' }, { signal: AbortSignal.timeout(30) })).rejects.toThrow();
    expect(hasEntry('txn E-1')).toBe(false);
    await vi.waitFor(() => expect(hasEntry('txn E-1')).toBe(true), { timeout: 2_000, interval: 20 });
  });

  it('latency after apply: the write lands before the slow reply', async () => {
    sb.addFault({ route: 'POST /members/:id/points', kind: 'latency', ms: 150, phase: 'afterApply', count: 1 });
    const pending = api.post(pointsPath, { amount: 5, description: 'txn F-1' });
    await vi.waitFor(() => expect(hasEntry('txn F-1')).toBe(true), { timeout: 2_000, interval: 10 });
    expect((await pending).status).toBe(200);
  });
});

describe('matching', () => {
  it('count: only the next N matching requests', async () => {
    sb.addFault({ route: 'GET /stores', kind: 'error5xx', count: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get('/stores')).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it('without count or probability a rule stays until cleared; id narrows it', async () => {
    sb.addFault({ route: '*', kind: 'error5xx', id: DEMO.goldMember });
    expect((await api.get(`/members/${DEMO.goldMember}`)).status).toBe(503);
    expect((await api.get(`/members/${DEMO.goldMember}/tier`)).status).toBe(503);
    expect((await api.get(`/members/${member}`)).status).toBe(200);
    expect((await api.get('/stores')).status).toBe(200);
    sb.clearFaults();
    expect((await api.get(`/members/${DEMO.goldMember}`)).status).toBe(200);
  });

  it('probability is seeded: the same rules give the same sequence, across resets and sandboxes', async () => {
    const run = async (handle: SandboxHandle, rule: FaultRule): Promise<number[]> => {
      handle.setFaults([rule]);
      const client = apiClient(handle);
      const out: number[] = [];
      for (let i = 0; i < 24; i++) out.push((await client.get('/stores')).status);
      return out;
    };
    const seeded: FaultRule = { route: 'GET /stores', kind: 'error5xx', probability: 0.5, seed: 42 };
    const first = await run(sb, seeded);
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run(sb, seeded)).toEqual(first);
    const unseeded: FaultRule = { route: 'GET /stores', kind: 'error5xx', probability: 0.3 };
    const a = await run(sb, unseeded);
    const twin = await startSandbox({ quiet: true, seed: 7 });
    try {
      expect(await run(twin, unseeded)).toEqual(a);
    } finally {
      await twin.close();
    }
  });

  it('the first firing outcome wins; latency adds up alongside it', async () => {
    sb.setFaults([
      { route: 'GET /stores', kind: 'latency', ms: 20, count: 1 },
      { route: 'GET /stores', kind: 'rateLimit', count: 1 },
      { route: 'GET /stores', kind: 'error5xx', count: 1 },
    ]);
    expect((await api.get('/stores')).status).toBe(429);
    expect((await api.get('/stores')).status).toBe(503);
    expect((await api.get('/stores')).status).toBe(200);
    expect(sb.audit()[0]!.faults).toEqual(['latency', 'rateLimit']);
  });

  it('invalid rules are refused with a readable error', () => {
    expect(() => sb.addFault({ route: 'GET /nowhere', kind: 'hang' } as unknown as FaultRule)).toThrow(/Invalid fault rule/);
    expect(() => parseFaultRule({ route: '*', kind: 'latency' })).toThrow(/ms/);
    expect(() => parseFaultRule({ route: '*', kind: 'rateLimit', retryAfter: 'a\r\nSet-Cookie: x' })).toThrow(/printable/);
    expect(() => parseFaultRule({ route: '*', kind: 'error5xx', status: 404 })).toThrow();
    expect(() => parseFaultRule({ route: '*', kind: 'hang', probability: 0 })).toThrow();
  });

  it('FaultEngine retires count rules once spent', () => {
    const engine = new FaultEngine(1);
    engine.add({ route: 'GET /stores', kind: 'dropBeforeApply', count: 1 });
    expect(engine.plan('GET /members', null).outcome).toBeNull();
    expect(engine.plan('GET /stores', null).outcome?.kind).toBe('dropBeforeApply');
    expect(engine.list()).toEqual([]);
  });
});

describe('ledger lag', () => {
  it('entries applied within the lag window are not yet visible to GET .../points', async () => {
    sb.setLedgerLag(60_000);
    const res = await award('txn G-1', 40);
    const { transactionId, balance } = pointsResponseSchema.parse(await res.json());
    expect(balance).toBe(4990);
    const page = pointsPageSchema.parse(await (await api.get(pointsPath)).json());
    expect(page.transactions.map((t) => t.id)).not.toContain(transactionId);
    expect(page.balance).toBe(4950);
    // The full ledger (in-process and admin) ignores lag.
    expect(sb.ledger(member)[0]!.id).toBe(transactionId);
    const admin = (await (await adminClient(sb)('GET', `/members/${member}/ledger`)).json()) as { transactions: { id: string }[] };
    expect(admin.transactions[0]!.id).toBe(transactionId);
    sb.setLedgerLag(0);
    expect(pointsPageSchema.parse(await (await api.get(pointsPath)).json()).transactions[0]!.id).toBe(transactionId);
  });

  it('entries become visible once older than the lag', async () => {
    sb.setLedgerLag(150);
    const { transactionId } = pointsResponseSchema.parse(await (await award('txn G-2')).json());
    expect(pointsPageSchema.parse(await (await api.get(pointsPath)).json()).transactions[0]!.id).not.toBe(transactionId);
    await vi.waitFor(
      async () => expect(pointsPageSchema.parse(await (await api.get(pointsPath)).json()).transactions[0]!.id).toBe(transactionId),
      { timeout: 2_000, interval: 50 },
    );
  });

  it('as a fault: only the next N reads lag', async () => {
    const { transactionId } = pointsResponseSchema.parse(await (await award('txn G-3')).json());
    sb.addFault({ route: 'GET /members/:id/points', kind: 'ledgerLag', ms: 60_000, count: 1 });
    const stale = pointsPageSchema.parse(await (await api.get(pointsPath)).json());
    expect(stale.transactions[0]!.id).not.toBe(transactionId);
    const fresh = pointsPageSchema.parse(await (await api.get(pointsPath)).json());
    expect(fresh.transactions[0]!.id).toBe(transactionId);
  });

  it('can be set at start-up', async () => {
    const lagged = await startSandbox({ quiet: true, ledgerLagMs: 60_000 });
    try {
      const client = apiClient(lagged);
      const { transactionId } = pointsResponseSchema.parse(await (await client.post(pointsPath, { amount: 1, description: 'x' })).json());
      const page = pointsPageSchema.parse(await (await client.get(pointsPath)).json());
      expect(page.transactions[0]!.id).not.toBe(transactionId);
    } finally {
      await lagged.close();
    }
  });
});
