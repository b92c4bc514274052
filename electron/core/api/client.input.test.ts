import { describe, expect, it } from 'vitest';
import type { ApiCallRecord, ApiResult } from './failure.ts';
import type { SocialHubClient } from './client.ts';
import { createSocialHubClient } from './client.ts';
import { HOSTILE_IDS } from './testing/loopback-servers.ts';

const KEY = 'fl_test_0123456789abcdefSECRET';

/** Any request reaching this fetch is a test failure: these inputs must die before the network. */
const forbiddenFetch: typeof fetch = () => {
  throw new Error('fetch must not be called');
};

function client(overrides: Partial<Parameters<typeof createSocialHubClient>[0]> = {}, calls: ApiCallRecord[] = []): SocialHubClient {
  return createSocialHubClient({
    baseUrl: 'https://flash.socialhub.ai/api/v2',
    apiKey: KEY,
    fetch: forbiddenFetch,
    onCall: (r) => calls.push(r),
    ...overrides,
  });
}

function expectRejected(result: ApiResult<unknown>, reason: string, endpoint: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.failure).toMatchObject({ classification: 'not-applied', reason, endpoint, latencyMs: 0 });
  expect(result.failure.message.startsWith(`${endpoint}: `)).toBe(true);
  expect(result.failure.message).not.toContain(KEY);
}

const VALID_POINTS = { amount: 10, description: 'In-store purchase · txn 1' };

type IdCall = [string, (c: SocialHubClient, id: string) => Promise<ApiResult<unknown>>];
const ID_CALLS: IdCall[] = [
  ['GET /stores/{id}', (c, id) => c.getStore(id)],
  ['GET /members/{id}', (c, id) => c.getMember(id)],
  ['GET /members/{id}/points', (c, id) => c.getPoints(id, { limit: 50, offset: 0 })],
  ['POST /members/{id}/points', (c, id) => c.postPoints(id, VALID_POINTS)],
  ['GET /members/{id}/tier', (c, id) => c.getTier(id)],
  ['GET /members/{id}/coupons', (c, id) => c.getCoupons(id)],
  ['POST /coupons/{id}/redeem', (c, id) => c.redeemCoupon(id)],
];

describe('hostile path ids never produce a request', () => {
  for (const [endpoint, invoke] of ID_CALLS) {
    it.each(HOSTILE_IDS.map((id) => [id]))(`${endpoint} with %j`, async (id) => {
      const calls: ApiCallRecord[] = [];
      const result = await invoke(client({}, calls), id as string);
      expectRejected(result, 'invalid-input', endpoint);
      // The activity log gets the template, never the hostile value.
      expect(calls).toEqual([expect.objectContaining({ endpoint, path: endpoint.split(' ')[1], outcome: 'invalid-input' })]);
      expect(calls[0]).not.toHaveProperty('status');
    });
  }
});

describe('invalid pagination is rejected before sending', () => {
  it.each([
    { limit: 500, offset: 0 },
    { limit: 0, offset: 0 },
    { limit: 20.5, offset: 0 },
    { limit: 20, offset: -20 },
  ])('%j', async (page) => {
    const c = client();
    expectRejected(await c.listStores(page), 'invalid-input', 'GET /stores');
    expectRejected(await c.listMembers(page), 'invalid-input', 'GET /members');
    expectRejected(await c.getPoints('m_1', page), 'invalid-input', 'GET /members/{id}/points');
  });

  it('rejects a status filter outside the expected alphabet', async () => {
    expectRejected(await client().listMembers({ status: 'active&limit=500', limit: 10, offset: 0 }), 'invalid-input', 'GET /members');
  });
});

describe('POST /members/{id}/points bodies are validated before sending', () => {
  it.each([
    { amount: 0, description: 'x' },
    { amount: 1.5, description: 'x' },
    { amount: Number.NaN, description: 'x' },
    { amount: Number.POSITIVE_INFINITY, description: 'x' },
    { amount: 1_000_001, description: 'x' },
    { amount: '10', description: 'x' },
    { amount: 10, description: '   ' },
    { amount: 10, description: 'x'.repeat(501) },
    { amount: 10 },
    null,
  ])('%j', async (body) => {
    const result = await client().postPoints('m_1', body as never);
    expectRejected(result, 'invalid-input', 'POST /members/{id}/points');
    if (!result.ok) expect(result.failure.message).toMatch(/invalid request: request (field "\w+"|body)/);
  });
});

describe('insecure base URL', () => {
  it.each(['http://flash.socialhub.ai/api/v2', 'http://127.0.0.1.evil.com/api/v2', 'http://localhost@evil.com/api/v2', 'nonsense'])(
    'every call with %s is not-applied / insecure-base-url',
    async (baseUrl) => {
      const calls: ApiCallRecord[] = [];
      const c = client({ baseUrl }, calls);
      expectRejected(await c.listStores({ limit: 10, offset: 0 }), 'insecure-base-url', 'GET /stores');
      expectRejected(await c.postPoints('m_1', VALID_POINTS), 'insecure-base-url', 'POST /members/{id}/points');
      expectRejected(await c.redeemCoupon('cp_1'), 'insecure-base-url', 'POST /coupons/{id}/redeem');
      expect(calls.map((r) => r.outcome)).toEqual(['insecure-base-url', 'insecure-base-url', 'insecure-base-url']);
    },
  );
});

describe('key bound to another origin', () => {
  it.each(['https://evil.example/api/v2', 'https://flash.socialhub.ai:8443/api/v2', 'https://eu.flash.socialhub.ai/api/v2'])(
    'a key sealed to https://flash.socialhub.ai is never sent to %s',
    async (baseUrl) => {
      const calls: ApiCallRecord[] = [];
      const c = client({ baseUrl, keyOrigin: 'https://flash.socialhub.ai' }, calls);
      expectRejected(await c.listStores({ limit: 10, offset: 0 }), 'insecure-base-url', 'GET /stores');
      const write = await c.postPoints('m_1', VALID_POINTS);
      expectRejected(write, 'insecure-base-url', 'POST /members/{id}/points');
      if (!write.ok) expect(write.failure.message).toMatch(/belongs to https:\/\/flash\.socialhub\.ai and is not sent to/);
      expect(calls).toHaveLength(2);
    },
  );
});

describe('API key hygiene', () => {
  it.each(['', 'has space', 'line\nbreak', 'ünïcode'])('a malformed key %j is refused without sending or echoing it', async (apiKey) => {
    const calls: ApiCallRecord[] = [];
    const result = await client({ apiKey }, calls).getMember('m_1');
    expectRejected(result, 'invalid-input', 'GET /members/{id}');
    if (!result.ok) {
      expect(result.failure.message).toBe('GET /members/{id}: API key is missing or malformed');
    }
    expect(calls[0]?.keyMask).toBe('(invalid key)');
  });

  it('identifies the key in activity records by its mask only', async () => {
    const calls: ApiCallRecord[] = [];
    await client({}, calls).getMember('../x');
    expect(calls[0]?.keyMask).toBe('fl_test_…CRET');
    expect(JSON.stringify(calls)).not.toContain(KEY);
  });

  it('a throwing onCall observer does not change the outcome', async () => {
    const c = client({
      onCall: () => {
        throw new Error('observer bug');
      },
    });
    expectRejected(await c.getMember('a/b'), 'invalid-input', 'GET /members/{id}');
  });
});

describe('construction', () => {
  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses timeoutMs %d (a programmer error, thrown)', (timeoutMs) => {
    expect(() => client({ timeoutMs })).toThrow(RangeError);
  });
});
