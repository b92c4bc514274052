import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AMOUNT_MAX,
  DESCRIPTION_MAX,
  apiErrorSchema,
  couponsSchema,
  memberSchema,
  membersPageSchema,
  pointsPageSchema,
  pointsResponseSchema,
  redeemResponseSchema,
  storeSchema,
  storesPageSchema,
  tierSchema,
} from '../../shared/api/schemas.ts';
import { DEMO, startSandbox, type SandboxHandle } from './server.ts';
import { apiClient, errorOf, type Client } from './testing/client.ts';

let sb: SandboxHandle;
let api: Client;

beforeAll(async () => {
  sb = await startSandbox({ quiet: true });
  api = apiClient(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

/** Sends one raw HTTP/1.1 request so paths reach the server exactly as written (fetch would normalize them). */
function rawRequest(port: number, requestLine: string, key: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`${requestLine}\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('happy paths, parsed with the shared schemas', () => {
  it('GET /stores lists the demo stores with a total', async () => {
    const res = await api.get('/stores');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const page = storesPageSchema.parse(await res.json());
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.stores.map((s) => s.id)).toEqual(DEMO.storeIds);
    expect(page.stores.filter((s) => s.status === 'active').length).toBeGreaterThanOrEqual(3);
  });

  it('GET /stores/{id}', async () => {
    const store = storeSchema.parse(await (await api.get(`/stores/${DEMO.storeId}`)).json());
    expect(store).toEqual({ id: DEMO.storeId, name: expect.stringContaining('New York') as string, status: 'active' });
    expect((await api.get('/stores/st_nope_99')).status).toBe(404);
  });

  it('GET /members pages the roster; status=active filters', async () => {
    const page = membersPageSchema.parse(await (await api.get('/members?limit=3')).json());
    expect(page.members.map((m) => m.id)).toEqual([DEMO.memberWithCoupons, DEMO.goldMember, DEMO.platinumMember]);
    expect(page.members[0]).toMatchObject({ name: 'Ava Chen', tier: 'Silver', balance: 4950, status: 'active' });
    expect(page.total).toBeGreaterThanOrEqual(450);

    const active = membersPageSchema.parse(await (await api.get('/members?status=active&limit=200')).json());
    expect(active.members.every((m) => m.status === 'active')).toBe(true);
    expect(active.total).toBeLessThan(page.total);
    expect(active.total).toBeGreaterThan(400);
    const inactive = membersPageSchema.parse(await (await api.get('/members?status=inactive&limit=200')).json());
    expect(inactive.total + active.total).toBe(page.total);
    expect(inactive.members.map((m) => m.id)).toContain(DEMO.inactiveMember);
  });

  it('GET /members/{id}', async () => {
    const member = memberSchema.parse(await (await api.get(`/members/${DEMO.goldMember}`)).json());
    expect(member).toMatchObject({ id: DEMO.goldMember, name: 'Marcus Webb', status: 'active' });
  });

  it('GET /members/{id}/points: newest first, balanceAfter chain, balance and total', async () => {
    const page = pointsPageSchema.parse(await (await api.get(`/members/${DEMO.memberWithCoupons}/points?limit=200`)).json());
    expect(page.memberId).toBe(DEMO.memberWithCoupons);
    expect(page.balance).toBe(4950);
    expect(page.total).toBe(page.transactions.length);
    expect(page.transactions.at(-1)?.description).toBe('Welcome bonus');
    for (let i = 0; i < page.transactions.length - 1; i++) {
      const newer = page.transactions[i]!;
      const older = page.transactions[i + 1]!;
      expect(newer.balanceAfter).toBe(older.balanceAfter + newer.amount);
      expect(Date.parse(newer.createdAt)).toBeGreaterThanOrEqual(Date.parse(older.createdAt));
    }
    expect(page.transactions[0]!.balanceAfter).toBe(page.balance);
    expect(page.transactions.some((t) => /^In-store purchase · store st_[a-z]+_\d+ · till T\d · txn \d+$/.test(t.description))).toBe(true);
  });

  it('GET /members/{id}/tier: multiplier, next tier and pointsToNext; top tier has next null', async () => {
    const silver = tierSchema.parse(await (await api.get(`/members/${DEMO.memberWithCoupons}/tier`)).json());
    expect(silver).toEqual({ tier: { id: 'tier_silver', name: 'Silver', multiplier: 1.25 }, next: { name: 'Gold', pointsToNext: 50 } });
    const gold = tierSchema.parse(await (await api.get(`/members/${DEMO.goldMember}/tier`)).json());
    expect(gold.tier).toMatchObject({ name: 'Gold', multiplier: 1.5 });
    const platinum = tierSchema.parse(await (await api.get(`/members/${DEMO.platinumMember}/tier`)).json());
    expect(platinum).toMatchObject({ tier: { name: 'Platinum', multiplier: 2 }, next: null });
    const zero = tierSchema.parse(await (await api.get(`/members/${DEMO.zeroBalanceMember}/tier`)).json());
    expect(zero).toMatchObject({ tier: { name: 'Bronze' }, next: { name: 'Silver', pointsToNext: 1000 } });
  });

  it('GET /members/{id}/coupons: active, redeemed and expired', async () => {
    const { coupons } = couponsSchema.parse(await (await api.get(`/members/${DEMO.memberWithCoupons}/coupons`)).json());
    const byId = new Map(coupons.map((c) => [c.id, c.status]));
    for (const id of DEMO.activeCoupons) expect(byId.get(id)).toBe('active');
    expect(byId.get(DEMO.redeemedCoupon)).toBe('redeemed');
    expect(byId.get(DEMO.expiredCoupon)).toBe('expired');
    const empty = couponsSchema.parse(await (await api.get(`/members/${DEMO.newMember}/coupons`)).json());
    expect(empty.coupons).toEqual([]);
  });

  it('a brand-new member has an empty ledger and zero balance', async () => {
    const page = pointsPageSchema.parse(await (await api.get(`/members/${DEMO.newMember}/points`)).json());
    expect(page).toEqual({ memberId: DEMO.newMember, balance: 0, transactions: [], total: 0 });
  });
});

describe('POST /members/{id}/points', () => {
  const path = `/members/${DEMO.memberWithCoupons}/points`;

  it('awards, returns a server txn id and the new balance, and shows up newest in the ledger', async () => {
    const res = await api.post(path, { amount: 120, description: 'In-store purchase · store st_nyc_01 · till T1 · txn 90871' });
    expect(res.status).toBe(200);
    const body = pointsResponseSchema.parse(await res.json());
    expect(body.transactionId).toMatch(/^txn_[a-z0-9]+$/);
    expect(body.balance).toBe(5070);
    const page = pointsPageSchema.parse(await (await api.get(`${path}?limit=1`)).json());
    expect(page.balance).toBe(5070);
    expect(page.transactions[0]).toMatchObject({ id: body.transactionId, amount: 120, balanceAfter: 5070, description: expect.stringContaining('txn 90871') as string });
    // The tier follows the balance: Ava crossed into Gold.
    expect(tierSchema.parse(await (await api.get(`/members/${DEMO.memberWithCoupons}/tier`)).json()).tier.name).toBe('Gold');
  });

  it('a negative amount is a compensating adjustment', async () => {
    const body = pointsResponseSchema.parse(await (await api.post(path, { amount: -950, description: 'Return adjustment · txn 90871' })).json());
    expect(body.balance).toBe(4000);
    expect(sb.balance(DEMO.memberWithCoupons)).toBe(4000);
  });

  it('rejects an adjustment below zero with 400 and applies nothing', async () => {
    const before = sb.ledger(DEMO.zeroBalanceMember).length;
    const err = await errorOf(await api.post(`/members/${DEMO.zeroBalanceMember}/points`, { amount: -1, description: 'Return adjustment' }));
    expect(err).toMatchObject({ status: 400, code: 'insufficient_balance' });
    expect(err.message).toMatch(/below zero/);
    const gold = await errorOf(await api.post(`/members/${DEMO.goldMember}/points`, { amount: -8241, description: 'Return' }));
    expect(gold.status).toBe(400);
    expect(sb.ledger(DEMO.zeroBalanceMember).length).toBe(before);
    expect(sb.balance(DEMO.goldMember)).toBe(8240);
    // Exactly to zero is fine.
    expect((await api.post(`/members/${DEMO.goldMember}/points`, { amount: -8240, description: 'Return' })).status).toBe(200);
  });

  it('accepts the bounds exactly', async () => {
    expect((await api.post(path, { amount: AMOUNT_MAX, description: 'x'.repeat(DESCRIPTION_MAX) })).status).toBe(200);
    expect(sb.balance(DEMO.memberWithCoupons)).toBe(4950 + AMOUNT_MAX);
  });

  const invalidBodies: [string, unknown, RegExp][] = [
    ['missing amount', { description: 'x' }, /amount is required/],
    ['string amount', { amount: '100', description: 'x' }, /amount must be a number/],
    ['fractional amount', { amount: 1.5, description: 'x' }, /whole number/],
    ['zero amount', { amount: 0, description: 'x' }, /not be zero/],
    ['amount too large', { amount: AMOUNT_MAX + 1, description: 'x' }, /between/],
    ['amount too negative', { amount: -AMOUNT_MAX - 1, description: 'x' }, /between/],
    ['missing description', { amount: 10 }, /description is required/],
    ['non-string description', { amount: 10, description: 42 }, /description must be a string/],
    ['empty description', { amount: 10, description: '' }, /must not be empty/],
    ['blank description', { amount: 10, description: '   ' }, /must not be empty/],
    ['description too long', { amount: 10, description: 'x'.repeat(DESCRIPTION_MAX + 1) }, /at most 500/],
    ['array body', [1, 2], /JSON object/],
    ['null body', null, /JSON object/],
    ['number body', 5, /JSON object/],
  ];
  it.each(invalidBodies)('400 for %s', async (_name, body, message) => {
    const err = await errorOf(await api.post(path, JSON.stringify(body)));
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
    expect(sb.balance(DEMO.memberWithCoupons)).toBe(4950);
  });

  it('400 for malformed JSON and for a wrong or missing content type', async () => {
    expect(await errorOf(await api.post(path, '{"amount": 10,'))).toMatchObject({ status: 400, code: 'invalid_json' });
    const wrongType = await api.post(path, undefined, { body: JSON.stringify({ amount: 10, description: 'x' }), headers: { 'Content-Type': 'text/plain' } });
    expect(await errorOf(wrongType)).toMatchObject({ status: 400, code: 'invalid_content_type' });
    const noBody = await api.post(path);
    expect(await errorOf(noBody)).toMatchObject({ status: 400, code: 'invalid_content_type' });
    const charset = await api.post(path, undefined, { body: JSON.stringify({ amount: 10, description: 'x' }), headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    expect(charset.status).toBe(200);
  });

  it('413 for a body over 64 KiB', async () => {
    const err = await errorOf(await api.post(path, { amount: 10, description: 'x'.repeat(70 * 1024) }));
    expect(err).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect((await api.get('/stores')).status).toBe(200);
  });

  it('concurrent awards are each applied exactly once with a consistent chain', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => api.post(path, { amount: 10, description: `concurrent ${i}` })));
    const bodies = await Promise.all(results.map(async (r) => pointsResponseSchema.parse(await r.json())));
    expect(new Set(bodies.map((b) => b.transactionId)).size).toBe(25);
    expect(new Set(bodies.map((b) => b.balance)).size).toBe(25);
    expect(sb.balance(DEMO.memberWithCoupons)).toBe(4950 + 250);
    const ledger = sb.ledger(DEMO.memberWithCoupons);
    for (let i = 0; i < ledger.length - 1; i++) expect(ledger[i]!.balanceAfter).toBe(ledger[i + 1]!.balanceAfter + ledger[i]!.amount);
  });
});

describe('POST /coupons/{id}/redeem', () => {
  it('200 once, then 404; the coupon list shows it redeemed', async () => {
    const [coupon] = DEMO.activeCoupons;
    const first = await api.post(`/coupons/${coupon}/redeem`);
    expect(first.status).toBe(200);
    const body = redeemResponseSchema.parse(await first.json());
    expect(body).toMatchObject({ id: coupon, status: 'redeemed' });
    expect(Number.isNaN(Date.parse(body.redeemedAt ?? ''))).toBe(false);
    expect(await errorOf(await api.post(`/coupons/${coupon}/redeem`))).toMatchObject({ status: 404, code: 'not_found' });
    const { coupons } = couponsSchema.parse(await (await api.get(`/members/${DEMO.memberWithCoupons}/coupons`)).json());
    expect(coupons.find((c) => c.id === coupon)?.status).toBe('redeemed');
  });

  it('404 for already-redeemed, expired and unknown coupons', async () => {
    for (const id of [DEMO.redeemedCoupon, DEMO.expiredCoupon, 'cp_does_not_exist']) {
      expect((await api.post(`/coupons/${id}/redeem`)).status).toBe(404);
    }
  });
});

describe('auth, scopes and tenants', () => {
  it('401 without a key, with an unknown key, a non-Bearer scheme, or the admin token', async () => {
    const noKey = await fetch(`${sb.url}/stores`);
    expect(await errorOf(noKey)).toMatchObject({ status: 401, code: 'unauthorized' });
    for (const auth of ['Bearer fl_test_nope', `Basic ${sb.keys.write}`, `Bearer ${sb.adminToken}`, 'Bearer']) {
      const res = await fetch(`${sb.url}/stores`, { headers: { Authorization: auth } });
      expect(res.status).toBe(401);
      apiErrorSchema.parse(await res.json());
    }
  });

  it('the read-only key reads but gets 403 on writes, which apply nothing', async () => {
    const read = apiClient(sb, sb.keys.read);
    expect((await read.get(`/members/${DEMO.memberWithCoupons}/points`)).status).toBe(200);
    expect(await errorOf(await read.post(`/members/${DEMO.memberWithCoupons}/points`, { amount: 10, description: 'x' }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await read.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`)).status).toBe(403);
    expect(sb.balance(DEMO.memberWithCoupons)).toBe(4950);
    expect((await api.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`)).status).toBe(200);
  });

  it("another tenant's data is invisible (404) both ways", async () => {
    const other = apiClient(sb, sb.keys.otherTenant);
    const { memberId, couponId, storeId } = DEMO.otherTenant;
    for (const path of [`/members/${memberId}`, `/members/${memberId}/points`, `/members/${memberId}/tier`, `/members/${memberId}/coupons`, `/stores/${storeId}`]) {
      expect((await api.get(path)).status, path).toBe(404);
    }
    expect((await api.post(`/members/${memberId}/points`, { amount: 10, description: 'x' })).status).toBe(404);
    expect((await api.post(`/coupons/${couponId}/redeem`)).status).toBe(404);
    for (const path of [`/members/${DEMO.memberWithCoupons}`, `/stores/${DEMO.storeId}`, `/members/${DEMO.goldMember}/points`]) {
      expect((await other.get(path)).status, path).toBe(404);
    }
    expect((await other.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`)).status).toBe(404);

    const stores = storesPageSchema.parse(await (await other.get('/stores')).json());
    expect(stores.stores.map((s) => s.id)).toContain(storeId);
    expect(stores.stores.map((s) => s.id)).not.toContain(DEMO.storeId);
    const members = membersPageSchema.parse(await (await other.get('/members?limit=200')).json());
    expect(members.total).toBe(members.members.length);
    expect(members.members.map((m) => m.id)).toContain(memberId);
    expect(members.members.map((m) => m.id)).not.toContain(DEMO.memberWithCoupons);
    // The other tenant's own coupon is still there for it to redeem.
    expect((await other.post(`/coupons/${couponId}/redeem`)).status).toBe(200);
    expect(sb.balance(DEMO.memberWithCoupons)).toBe(4950);
  });
});

describe('pagination', () => {
  const bad: [string, RegExp][] = [
    ['limit=0', /limit/],
    ['limit=201', /limit/],
    ['limit=-1', /limit/],
    ['limit=1.5', /limit/],
    ['limit=abc', /limit/],
    ['limit=', /limit/],
    ['limit=10&limit=20', /limit/],
    ['offset=-1', /offset/],
    ['offset=2.5', /offset/],
    ['offset=x', /offset/],
    ['offset=99999999999999999999', /offset/],
  ];
  it.each(bad)('400 for %s', async (query, message) => {
    for (const path of ['/members', '/stores', `/members/${DEMO.goldMember}/points`]) {
      const err = await errorOf(await api.get(`${path}?${query}`));
      expect(err.status, `${path}?${query}`).toBe(400);
      expect(err.message).toMatch(message);
    }
  });

  it('400 for an unknown status filter', async () => {
    expect((await errorOf(await api.get('/members?status=gone'))).message).toMatch(/status must be one of/);
  });

  it('defaults to 50 and pages the roster to the end at 200, total constant', async () => {
    const first = membersPageSchema.parse(await (await api.get('/members')).json());
    expect(first.members).toHaveLength(50);
    const seen: string[] = [];
    let pages = 0;
    for (let offset = 0; ; offset += 200) {
      const page = membersPageSchema.parse(await (await api.get(`/members?limit=200&offset=${offset}`)).json());
      expect(page.total).toBe(first.total);
      seen.push(...page.members.map((m) => m.id));
      pages++;
      if (page.members.length < 200) break;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
    const beyond = membersPageSchema.parse(await (await api.get(`/members?limit=200&offset=${first.total + 10}`)).json());
    expect(beyond).toEqual({ members: [], total: first.total });
  });

  it('pages a long ledger (more than 200 entries) newest first', async () => {
    const p1 = pointsPageSchema.parse(await (await api.get(`/members/${DEMO.goldMember}/points?limit=200`)).json());
    const p2 = pointsPageSchema.parse(await (await api.get(`/members/${DEMO.goldMember}/points?limit=200&offset=200`)).json());
    expect(p1.total).toBeGreaterThan(200);
    expect(p1.transactions).toHaveLength(200);
    expect(p2.transactions).toHaveLength(p1.total - 200);
    expect(p1.transactions.at(-1)!.balanceAfter).toBe(p2.transactions[0]!.balanceAfter + p1.transactions.at(-1)!.amount);
    expect(p2.transactions.at(-1)!.description).toBe('Welcome bonus');
  });
});

describe('hostile paths and unknown routes', () => {
  const hostile = ['..%2F..%2Fstores', '%2e%2e%2f', 'mb_ava_chen%00', '%00', 'é', 'mb_ava_chen%2Fpoints', '%2F', 'mb ava', "mb_ava_chen'--", 'a'.repeat(65), '%u0000', '\u202e'];
  it.each(hostile)('404 for id %j on every item route', async (id) => {
    for (const path of [`/members/${id}`, `/members/${id}/points`, `/members/${id}/tier`, `/members/${id}/coupons`, `/stores/${id}`]) {
      const res = await api.get(path);
      expect(res.status, path).toBe(404);
      apiErrorSchema.parse(await res.json());
    }
    expect((await api.post(`/members/${id}/points`, { amount: 1, description: 'x' })).status).toBe(404);
    expect((await api.post(`/coupons/${id}/redeem`)).status).toBe(404);
  });

  it('raw, un-normalized traversal paths are 404 too, and the server keeps serving', async () => {
    const port = Number(new URL(sb.origin).port);
    for (const target of ['/api/v2/members/../stores', '/api/v2/members/..%2F..%2Fetc%2Fpasswd/points', '/api/v2/members/%2e%2e/points', '/api/v2//stores', '/api/v2/stores/']) {
      const response = await rawRequest(port, `GET ${target} HTTP/1.1`, sb.keys.write);
      expect(response.startsWith('HTTP/1.1 404'), target).toBe(true);
    }
    const junk = await rawRequest(port, 'GET /api/v2/members/\x01 HTTP/1.1', sb.keys.write);
    expect(junk.startsWith('HTTP/1.1 400') || junk.startsWith('HTTP/1.1 404')).toBe(true);
    expect((await api.get('/stores')).status).toBe(200);
  });

  it('unknown routes are 404 JSON; a wrong method is 405 with Allow', async () => {
    for (const path of ['/nope', '/members/mb_ava_chen/orders', '']) {
      expect(await errorOf(await api.get(path))).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect(await errorOf(await fetch(`${sb.origin}/favicon.ico`))).toMatchObject({ status: 404 });
    const del = await fetch(`${sb.url}/members/${DEMO.goldMember}`, { method: 'DELETE', headers: { Authorization: `Bearer ${sb.keys.write}` } });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET');
    apiErrorSchema.parse(await del.json());
    const put = await fetch(`${sb.url}/members/${DEMO.goldMember}/points`, { method: 'PUT', headers: { Authorization: `Bearer ${sb.keys.write}` } });
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect((await api.post(`/members/${DEMO.goldMember}/tier`)).status).toBe(405);
    expect((await api.get(`/coupons/${DEMO.activeCoupons[0]}/redeem`)).status).toBe(405);
  });
});

describe('audit', () => {
  it('records every call with key id, method, path, status and latency — never the key', async () => {
    await api.get('/stores');
    await apiClient(sb, sb.keys.read).post(`/coupons/${DEMO.activeCoupons[0]}/redeem`);
    await fetch(`${sb.url}/stores`, { headers: { Authorization: 'Bearer fl_test_unknown_key_123' } });
    await api.get('/members/%00');
    const entries = sb.audit();
    expect(entries.map((e) => [e.keyId, e.method, e.path, e.status])).toEqual([
      ['key_demo_write', 'GET', '/api/v2/stores', 200],
      ['key_demo_read', 'POST', `/api/v2/coupons/${DEMO.activeCoupons[0]}/redeem`, 403],
      [null, 'GET', '/api/v2/stores', 401],
      ['key_demo_write', 'GET', '/api/v2/members/%00', 404],
    ]);
    for (const e of entries) {
      expect(e.latencyMs).toBeGreaterThanOrEqual(0);
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    }
    expect(entries[0]!.keyMask).toBe(`${sb.keys.write.slice(0, 8)}…${sb.keys.write.slice(-4)}`);
    const text = JSON.stringify(entries);
    for (const key of [sb.keys.write, sb.keys.read, sb.keys.otherTenant]) expect(text).not.toContain(key);
    expect(text).not.toContain('fl_test_unknown_key_123');
  });
});
