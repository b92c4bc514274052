/**
 * The classification table against real loopback sockets (DNS, which cannot be produced on
 * demand, uses a fake fetch shaped like undici's error).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiCallRecord, ApiFailure, ApiResult } from './failure.ts';
import { createSocialHubClient } from './client.ts';
import type { SocialHubClientOptions } from './client.ts';
import type { TestServer } from './testing/loopback-servers.ts';
import { closedPortUrl, sendJson, startHttpServer, startNetServer } from './testing/loopback-servers.ts';

const KEY = 'fl_test_transport0123456789XYZW';
const POINTS = { amount: 25, description: 'In-store purchase · txn T-1' };
const POINTS_OK = { transactionId: 'txn_1', balance: 125 };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function clientFor(baseUrl: string, extra: Partial<SocialHubClientOptions> = {}) {
  return createSocialHubClient({ baseUrl, apiKey: KEY, timeoutMs: 2000, ...extra });
}

function failureOf(result: ApiResult<unknown>): ApiFailure {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  expect(result.failure.message).not.toContain(KEY);
  return result.failure;
}

describe('no response', () => {
  it('connection refused → not-applied', async () => {
    const f = failureOf(await clientFor(await closedPortUrl()).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'not-applied', reason: 'connection-refused', endpoint: 'POST /members/{id}/points' });
    expect(f.status).toBeUndefined();
    expect(f.message).toMatch(/^POST \/members\/\{id\}\/points: connection refused \(ECONNREFUSED\)$/);
  });

  it('DNS failure → not-applied (undici-shaped error from a fake fetch)', async () => {
    const fetch: typeof globalThis.fetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' }) }));
    const f = failureOf(await clientFor('https://nowhere.invalid/api/v2', { fetch }).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'not-applied', reason: 'dns' });
  });

  it('socket closed after the request was read → unknown-outcome / reset', async () => {
    server = await startNetServer((socket) => socket.destroy());
    const f = failureOf(await clientFor(server.baseUrl).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'reset' });
    expect(f.message).toMatch(/UND_ERR_SOCKET.*may have been applied/);
  });

  it('TCP RST after the request was read → unknown-outcome / reset', async () => {
    server = await startNetServer((socket) => socket.resetAndDestroy());
    const f = failureOf(await clientFor(server.baseUrl).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'reset' });
  });

  it('a hung server → timeout within its bound → unknown-outcome', async () => {
    server = await startNetServer(() => undefined);
    const started = performance.now();
    const f = failureOf(await clientFor(server.baseUrl, { timeoutMs: 300 }).postPoints('m_1', POINTS));
    const elapsed = performance.now() - started;
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'timeout' });
    expect(f.message).toContain('no response within 300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
    expect(f.latencyMs).toBeGreaterThanOrEqual(290);
  });
});

describe('a 2xx we cannot trust is never a success', () => {
  const raw = (status: number, body: string, headers: Record<string, string>) =>
    `HTTP/1.1 ${status} OK\r\n${Object.entries({ connection: 'close', ...headers })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n${body}`;

  it('headers sent, then the body stalls → timeout, unknown-outcome, status kept', async () => {
    server = await startNetServer((socket) => socket.write(raw(200, '{"transactionId":', { 'content-type': 'application/json', 'content-length': '100' })));
    const f = failureOf(await clientFor(server.baseUrl, { timeoutMs: 300 }).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'timeout', status: 200 });
  });

  it('headers sent, then the socket closes mid-body → reset, unknown-outcome', async () => {
    server = await startNetServer((socket) => {
      socket.write(raw(200, '{"transactionId":', { 'content-type': 'application/json', 'content-length': '100' }));
      setTimeout(() => socket.destroy(), 20);
    });
    const f = failureOf(await clientFor(server.baseUrl).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'reset', status: 200 });
  });

  it.each([
    ['not JSON', 'application/json', '<html>oops</html>', /not valid JSON/],
    ['truncated JSON', 'application/json', '{"transactionId":"txn_1",', /not valid JSON/],
    ['wrong content-type', 'text/html', JSON.stringify(POINTS_OK), /content-type "text\/html"/],
    ['no content-type', '', JSON.stringify(POINTS_OK), /content-type "\(none\)"/],
    ['empty body', 'application/json', '', /empty body/],
    ['missing id', 'application/json', JSON.stringify({ balance: 125 }), /response field "transactionId" is missing \(expected string\)/],
    ['wrong type', 'application/json', JSON.stringify({ transactionId: 'txn_1', balance: '125' }), /"balance" expected number, got string/],
    ['an error body', 'application/json', JSON.stringify({ error: { code: 'internal', message: 'x' } }), /error body \(internal\)/],
    ['an array', 'application/json', '[]', /response body expected object, got array/],
  ])('200 with %s → malformed-response, unknown-outcome', async (_name, contentType, body, why) => {
    server = await startHttpServer((_req, res) => {
      res.writeHead(200, contentType ? { 'content-type': contentType } : {});
      res.end(body);
    });
    const f = failureOf(await clientFor(server.baseUrl).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'malformed-response', status: 200 });
    expect(f.message).toMatch(/^POST \/members\/\{id\}\/points: /);
    expect(f.message).toMatch(why);
  });

  it('a huge 2xx body is cut off → malformed-response, unknown-outcome', async () => {
    server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"pad":"');
      res.end(`${'x'.repeat(64 * 1024)}"}`);
    });
    const f = failureOf(await clientFor(server.baseUrl, { maxBodyBytes: 1024 }).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'malformed-response', status: 200 });
    expect(f.message).toMatch(/too large/);
  });

  it('GETs get the same rules and name their endpoint and field path', async () => {
    server = await startHttpServer((_req, res) =>
      sendJson(res, 200, { memberId: 'm_1', balance: 1, total: 1, transactions: [{ id: 't', amount: 'x', description: '', createdAt: '2025-01-01T00:00:00Z', balanceAfter: 1 }] }),
    );
    const f = failureOf(await clientFor(server.baseUrl).getPoints('m_1', { limit: 50, offset: 0 }));
    expect(f.message).toBe('GET /members/{id}/points: response field "transactions[0].amount" expected number, got string');
    expect(f.classification).toBe('unknown-outcome');
  });
});

describe('HTTP error statuses', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
  ])('%i → not-applied with the server code', async (status, code) => {
    server = await startHttpServer((_req, res) => sendJson(res, status, { error: { code, message: `said ${code}` } }));
    const f = failureOf(await clientFor(server.baseUrl).redeemCoupon('cp_1'));
    expect(f).toMatchObject({ classification: 'not-applied', reason: 'http', status, code });
    expect(f.message).toBe(`POST /coupons/{id}/redeem: HTTP ${status} ${code} — said ${code}`);
  });

  it.each([500, 502, 503, 504])('%i → unknown-outcome', async (status) => {
    server = await startHttpServer((_req, res) => sendJson(res, status, { error: { code: 'upstream', message: 'boom' } }));
    const f = failureOf(await clientFor(server.baseUrl).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'http', status, code: 'upstream' });
  });

  it('an error status with a non-JSON body still classifies by status', async () => {
    server = await startHttpServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>nope</h1>');
    });
    const f = failureOf(await clientFor(server.baseUrl).getMember('m_1'));
    expect(f).toMatchObject({ classification: 'not-applied', reason: 'http', status: 404 });
    expect(f.code).toBeUndefined();
  });

  it('429 → not-applied / rate-limited with Retry-After seconds', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '3' }));
    const f = failureOf(await clientFor(server.baseUrl).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'not-applied', reason: 'rate-limited', status: 429, retryAfterMs: 3000, code: 'rate_limited' });
  });

  it('429 with an HTTP-date is measured against the response Date header', async () => {
    const serverNow = Date.now() - 3_600_000; // the server's clock is an hour behind ours
    server = await startHttpServer((_req, res) =>
      sendJson(res, 429, {}, { date: new Date(serverNow).toUTCString(), 'retry-after': new Date(serverNow + 20_000).toUTCString() }),
    );
    const f = failureOf(await clientFor(server.baseUrl).getMember('m_1'));
    expect(f.retryAfterMs).toBe(20_000);
  });

  it.each([['86400', 300_000], ['-5', undefined], ['abc', undefined], [undefined, undefined]])(
    '429 with Retry-After %j → retryAfterMs %j',
    async (header, expected) => {
      server = await startHttpServer((_req, res) => sendJson(res, 429, {}, header === undefined ? {} : { 'retry-after': header }));
      const f = failureOf(await clientFor(server.baseUrl).getMember('m_1'));
      expect(f.retryAfterMs).toBe(expected);
      expect(f.classification).toBe('not-applied');
    },
  );

  it('a redirect is not followed (the key would go somewhere unvetted)', async () => {
    server = await startHttpServer((_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
      res.end();
    });
    const f = failureOf(await clientFor(server.baseUrl).postPoints('m_1', POINTS));
    expect(f).toMatchObject({ classification: 'unknown-outcome', reason: 'http', status: 302 });
    expect(server.requests).toHaveLength(1);
  });

  it('never echoes the key, even when the server does', async () => {
    server = await startHttpServer((req, res) =>
      sendJson(res, 401, { error: { code: 'unauthorized', message: `unknown key ${req.headers.authorization ?? ''}` } }),
    );
    const f = failureOf(await clientFor(server.baseUrl).getMember('m_1'));
    expect(f.message).toContain('fl_test_…XYZW');
  });
});

describe('successful calls', () => {
  it('sends bearer auth, JSON body and returns the validated value with unknown fields dropped', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 200, { ...POINTS_OK, extra: { nested: true } }));
    const calls: ApiCallRecord[] = [];
    const result = await clientFor(server.baseUrl, { onCall: (r) => calls.push(r) }).postPoints('m_A-1', {
      ...POINTS,
      ...{ injected: 'dropped' },
    });
    expect(result).toMatchObject({ ok: true, status: 200, value: POINTS_OK });
    // Fields the till does not use never travel further (personal data included).
    expect(result.ok && result.value).toEqual(POINTS_OK);
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'POST', url: '/api/v2/members/m_A-1/points' });
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual(POINTS);
    expect(calls).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
        keyMask: 'fl_test_…XYZW',
        method: 'POST',
        path: '/members/m_A-1/points',
        endpoint: 'POST /members/{id}/points',
        status: 200,
        latencyMs: expect.any(Number) as unknown,
        outcome: 'ok',
      },
    ]);
  });

  it('GETs carry the query, no body and no content-type', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 200, { members: [], total: 0 }));
    const calls: ApiCallRecord[] = [];
    const result = await clientFor(server.baseUrl, { onCall: (r) => calls.push(r) }).listMembers({ status: 'active', limit: 200, offset: 400 });
    expect(result.ok).toBe(true);
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/api/v2/members?status=active&limit=200&offset=400', body: '' });
    expect(server.requests[0]?.headers['content-type']).toBeUndefined();
    expect(calls[0]?.path).toBe('/members?status=active&limit=200&offset=400');
  });

  it('redeem: an empty 200 body means redeemed (the vendor does not specify one)', async () => {
    server = await startHttpServer((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    expect(await clientFor(server.baseUrl).redeemCoupon('cp_1')).toMatchObject({ ok: true, status: 200, value: {} });
  });

  it('records failures in onCall with their status and reason', async () => {
    server = await startHttpServer((_req, res) => sendJson(res, 503, {}));
    const calls: ApiCallRecord[] = [];
    await clientFor(server.baseUrl, { onCall: (r) => calls.push(r) }).getTier('m_1');
    expect(calls[0]).toMatchObject({ endpoint: 'GET /members/{id}/tier', path: '/members/m_1/tier', status: 503, outcome: 'http' });
  });
});
