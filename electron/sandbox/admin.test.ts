import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ledgerTransactionSchema } from '../../shared/api/schemas.ts';
import type { AuditEntry } from './audit-log.ts';
import type { ActiveFault } from './faults.ts';
import { DEMO, startSandbox, type SandboxHandle } from './server.ts';
import { adminClient, apiClient, errorOf, type Client } from './testing/client.ts';

let sb: SandboxHandle;
let api: Client;
let admin: ReturnType<typeof adminClient>;

beforeAll(async () => {
  sb = await startSandbox({ quiet: true });
  api = apiClient(sb);
  admin = adminClient(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

describe('admin auth', () => {
  it('refuses a missing token, a wrong token and every API key', async () => {
    expect(await errorOf(await fetch(`${sb.origin}/__sandbox/audit`))).toMatchObject({ status: 401, code: 'unauthorized' });
    for (const token of ['wrong-token-123', sb.keys.write, sb.keys.read, sb.keys.otherTenant]) {
      expect((await adminClient(sb, token)('GET', '/audit')).status).toBe(401);
      expect((await adminClient(sb, token)('POST', '/reset')).status).toBe(401);
    }
  });

  it('the admin token is not an API key', async () => {
    expect((await apiClient(sb, sb.adminToken).get('/stores')).status).toBe(401);
  });

  it('unknown admin routes are 404, a wrong method 405', async () => {
    expect((await admin('GET', '/nope')).status).toBe(404);
    const res = await admin('PATCH', '/faults');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, PUT, POST, DELETE');
    expect((await admin('GET', '/members/..%2F/ledger')).status).toBe(404);
  });

  it('uses a given admin token and keys', async () => {
    const own = await startSandbox({ quiet: true, adminToken: 'admin-token-fixed', keys: { write: 'fl_test_fixedwrite' } });
    try {
      expect(own.adminToken).toBe('admin-token-fixed');
      expect(own.keys.write).toBe('fl_test_fixedwrite');
      expect(own.keys.read).toMatch(/^fl_test_[0-9a-f]{32}$/);
      expect((await adminClient(own)('GET', '/rate-limit')).status).toBe(200);
      expect((await apiClient(own).get('/stores')).status).toBe(200);
    } finally {
      await own.close();
    }
    await expect(startSandbox({ quiet: true, keys: { write: 'same-key-1', read: 'same-key-1' } })).rejects.toThrow(/differ/);
  });
});

describe('admin operations', () => {
  it('POST /reset returns to seed state and clears faults and audit', async () => {
    await api.post(`/members/${DEMO.goldMember}/points`, { amount: 10, description: 'x' });
    await api.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`);
    sb.addFault({ route: '*', kind: 'error5xx' });
    expect((await admin('POST', '/reset')).status).toBe(200);
    expect(sb.balance(DEMO.goldMember)).toBe(8240);
    expect(sb.audit()).toEqual([]);
    expect((await api.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`)).status).toBe(200);
  });

  it('faults: PUT replaces, POST adds, GET lists with remaining counts, DELETE clears', async () => {
    const put = await admin('PUT', '/faults', { faults: [{ route: 'GET /stores', kind: 'error5xx', count: 2 }] });
    expect(put.status).toBe(200);
    expect((await api.get('/stores')).status).toBe(503);
    expect((await admin('POST', '/faults', { route: 'POST /coupons/:id/redeem', kind: 'dropBeforeApply' })).status).toBe(200);
    const listed = (await (await admin('GET', '/faults')).json()) as { faults: ActiveFault[] };
    expect(listed.faults).toEqual([
      { rule: { route: 'GET /stores', kind: 'error5xx', count: 2 }, remaining: 1 },
      { rule: { route: 'POST /coupons/:id/redeem', kind: 'dropBeforeApply' }, remaining: null },
    ]);
    await expect(api.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`)).rejects.toThrow();
    expect((await admin('PUT', '/faults', [{ route: '*', kind: 'rateLimit', retryAfter: 'later' }])).status).toBe(200);
    expect((await api.get('/stores')).headers.get('retry-after')).toBe('later');
    expect(await (await admin('DELETE', '/faults')).json()).toEqual({ faults: [] });
    expect((await api.get('/stores')).status).toBe(200);
  });

  it('faults: invalid bodies are 400 with the reason', async () => {
    const bad = await errorOf(await admin('POST', '/faults', { route: 'GET /stores', kind: 'explode' }));
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/kind/);
    expect((await admin('POST', '/faults', { route: 'GET /stores', kind: 'hang', typo: 1 })).status).toBe(400);
    const notJson = await fetch(`${sb.origin}/__sandbox/faults`, { method: 'POST', headers: { Authorization: `Bearer ${sb.adminToken}` }, body: '{' });
    expect(await errorOf(notJson)).toMatchObject({ status: 400, code: 'invalid_json' });
  });

  it('GET members/{id}/ledger: the full ledger for either tenant', async () => {
    const res = await admin('GET', `/members/${DEMO.goldMember}/ledger`);
    const body = (await res.json()) as { memberId: string; balance: number; transactions: unknown[]; total: number };
    expect(body.balance).toBe(8240);
    expect(body.total).toBe(body.transactions.length);
    expect(body.total).toBeGreaterThan(200);
    body.transactions.forEach((t) => ledgerTransactionSchema.parse(t));
    expect((await admin('GET', `/members/${DEMO.otherTenant.memberId}/ledger`)).status).toBe(404);
    expect((await admin('GET', `/members/${DEMO.otherTenant.memberId}/ledger?tenant=other`)).status).toBe(200);
    expect((await admin('GET', `/members/${DEMO.goldMember}/ledger?tenant=x`)).status).toBe(400);
  });

  it('GET audit, optionally since an instant or for one key', async () => {
    await api.get('/stores');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date().toISOString();
    await apiClient(sb, sb.keys.read).get(`/members/${DEMO.goldMember}`);
    const all = (await (await admin('GET', '/audit')).json()) as { entries: AuditEntry[] };
    expect(all.entries.map((e) => e.path)).toEqual(['/api/v2/stores', `/api/v2/members/${DEMO.goldMember}`]);
    const recent = (await (await admin('GET', `/audit?since=${encodeURIComponent(since)}`)).json()) as { entries: AuditEntry[] };
    expect(recent.entries.map((e) => e.keyId)).toEqual(['key_demo_read']);
    const byKey = (await (await admin('GET', '/audit?keyId=key_demo_write')).json()) as { entries: AuditEntry[] };
    expect(byKey.entries).toHaveLength(1);
    expect((await admin('GET', '/audit?since=yesterday')).status).toBe(400);
    // Admin calls themselves are not API calls.
    expect(sb.audit()).toHaveLength(2);
  });

  it('GET/PUT ledger-lag and GET fixtures', async () => {
    expect(await (await admin('PUT', '/ledger-lag', { ms: 5_000 })).json()).toEqual({ ms: 5_000 });
    expect(await (await admin('GET', '/ledger-lag')).json()).toEqual({ ms: 5_000 });
    expect((await admin('PUT', '/ledger-lag', { ms: -1 })).status).toBe(400);
    expect(await (await admin('GET', '/fixtures')).json()).toEqual(JSON.parse(JSON.stringify(DEMO)));
  });
});
