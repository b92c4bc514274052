/**
 * The POS link's door against a hostile neighbour — a web page, another process on the PC — over
 * HTTP against the real app core, the real sandbox and a real journal file: foreign Host and
 * absolute-form targets, Origin, method overrides, oversize bodies, odd paths, a refusal flood
 * that must not push the SocialHub API activity out of the audit, and the long-poll/SSE limits.
 */
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { openSse, rawRequest, request, NO_RATE_LIMIT, posLinkTillHooks } from './testing/pos-http.ts';
import type { PosTarget } from './testing/pos-http.ts';
import { createPosLinkServer } from './server.ts';

const link = posLinkTillHooks({ posLinkRateLimit: NO_RATE_LIMIT });
const t = link.t;

let n = 0;
const txn = (): string => `S${Date.now().toString(36)}${++n}`;
const put = (id: string, body: unknown = { total: '19.99', currency: 'USD' }) => request(t, 'PUT', `/pos/v1/sales/${id}`, body);
const journal = () => link.kit.core.journal.journal();

async function award(id: string, memberId: string = DEMO.goldMember): Promise<number> {
  expect(await link.kit.call('memberCard', { memberId })).toMatchObject({ ok: true });
  expect(await link.kit.call('posSaleAward', { posTxnId: id, memberId })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
  return journal().getByDedupKey(`award:${DEMO.storeId}:${id}`)?.amount ?? 0;
}

describe('security: Host, Origin, method, body, path', () => {
  it.each(['localhost.evil.com', '127.0.0.1.nip.io', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '127.0.0.1.', '2130706433', '0x7f.1', 'evil.com:80@127.0.0.1', '[::1].evil.com'])(
    'refuses Host %j with 403 forbidden-host and journals nothing',
    async (host) => {
      const id = txn();
      const r = await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '1.00', currency: 'USD' }, { Host: host });
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('forbidden-host');
      expect(journal().posSale(id)).toBeUndefined();
    },
  );

  it('refuses an HTTP/1.0 request with no Host at all', async () => {
    const r = await rawRequest(t.port, `GET /pos/v1/openapi.json HTTP/1.0\r\nAuthorization: Bearer ${t.token}\r\n\r\n`);
    expect(r.status).toBe(403);
    expect(r.text).toContain('forbidden-host');
  });

  it('an absolute-form target naming a foreign authority is judged by that authority, not by the Host header', async () => {
    // RFC 9112 §3.2.2: with an absolute-form target the server must ignore Host and use the target's authority.
    const id = txn();
    const body = JSON.stringify({ total: '1.00', currency: 'USD' });
    const r = await rawRequest(
      t.port,
      `PUT http://evil.example/pos/v1/sales/${id} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nAuthorization: Bearer ${t.token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
      body,
    );
    expect(r.status).toBe(403);
    expect(journal().posSale(id)).toBeUndefined();
  });

  it.each([
    ['an empty Origin', { Origin: '' }],
    ['Origin: null (sandboxed iframe, file://)', { Origin: 'null' }],
    ['a loopback Origin', { Origin: `http://127.0.0.1:${String(0)}` }],
  ])('refuses %s with 403 forbidden-origin', async (_what, headers) => {
    const id = txn();
    const r = await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '1.00', currency: 'USD' }, headers);
    expect(r).toMatchObject({ status: 403, body: { code: 'forbidden-origin' } });
    expect(journal().posSale(id)).toBeUndefined();
  });

  it('a CORS preflight gets no Access-Control-Allow-* header (the browser never sends the real request)', async () => {
    const r = await request(t, 'OPTIONS', `/pos/v1/sales/${txn()}`, undefined, { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization,content-type' });
    expect(r.status).toBe(403);
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('a method-override header does not turn a GET into a PUT or a cancel', async () => {
    const id = txn();
    await put(id);
    const r = await request(t, 'GET', `/pos/v1/sales/${id}`, undefined, { 'X-HTTP-Method-Override': 'POST', 'X-HTTP-Method': 'DELETE', 'X-Method-Override': 'PUT' });
    expect(r).toMatchObject({ status: 200, body: { state: 'waiting-for-member' } });
  });

  it('a chunked body over 64 kB (no Content-Length) is refused with 413 and nothing journaled', async () => {
    const id = txn();
    const r = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: t.port, method: 'PUT', path: `/pos/v1/sales/${id}`, headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"total":"1.00","currency":"USD","cashierId":"');
      for (let i = 0; i < 20; i++) req.write('x'.repeat(4096));
      req.end('"}');
    });
    expect(r).toBe(413);
    expect(journal().posSale(id)).toBeUndefined();
  });

  it.each([
    ['__proto__ key', '{"total":"1.00","currency":"USD","__proto__":{"earns":true}}'],
    ['constructor key', '{"total":"1.00","currency":"USD","constructor":{"prototype":{"x":1}}}'],
    ['a line with __proto__', '{"total":"1.00","currency":"USD","lines":[{"sku":"A","qty":1,"amount":"1.00","earns":false,"__proto__":{"earns":true}}]}'],
  ])('refuses a body with a %s (strict schema)', async (_what, text) => {
    const id = txn();
    const r = await put(id, text);
    expect(r).toMatchObject({ status: 400, body: { code: 'bad-request' } });
    expect(journal().posSale(id)).toBeUndefined();
  });

  it('refuses JSON sent as text/plain (a simple CORS request) with 415', async () => {
    const id = txn();
    const r = await request(t, 'PUT', `/pos/v1/sales/${id}`, '{"total":"1.00","currency":"USD"}', { 'Content-Type': 'text/plain' });
    expect(r).toMatchObject({ status: 415, body: { code: 'unsupported-media-type' } });
  });

  it.each(['a%2Fb', '..%2F..%2Fx', '%2e%2e', 'x'.repeat(65), '%C3%A9t%C3%A9', '%EF%BC%91%EF%BC%92', 'a%00b', 'a%20b', '%E0%A4%A', 'A%0D%0ASet-Cookie:x'])('refuses transaction id %j with 400 and journals nothing', async (raw) => {
    const before = journal().posSalesBetween(0, Number.MAX_SAFE_INTEGER).length;
    const r = await request(t, 'PUT', `/pos/v1/sales/${raw}`, { total: '1.00', currency: 'USD' });
    expect([400, 404]).toContain(r.status);
    expect(journal().posSalesBetween(0, Number.MAX_SAFE_INTEGER).length).toBe(before);
  });

  it('refused requests from a web page cannot push the SocialHub API activity out of the audit', async () => {
    // A page on any site can fire no-cors requests at 127.0.0.1: each is refused (Origin), but each
    // is written into the same bounded API-activity table that holds the SocialHub calls.
    const id = txn();
    await put(id);
    await award(id);
    const endpoint = journal().apiCalls({ limit: 1000 }).find((c) => !c.endpoint.startsWith('POS link'))?.endpoint ?? 'none';
    const socialHub = (): number => journal().apiCalls({ endpoint, limit: 1000 }).length;
    expect(socialHub()).toBeGreaterThan(0);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    try {
      const flood = 10_050;
      for (let sent = 0; sent < flood; sent += 200) {
        await Promise.all(Array.from({ length: 200 }, () => request({ port: t.port, token: 'x' }, 'GET', '/pos/v1/openapi.json', undefined, { Origin: 'https://evil.example' }, agent)));
      }
    } finally {
      agent.destroy();
    }
    expect(socialHub()).toBeGreaterThan(0);
  }, 180_000);
});

describe('long-poll and SSE', () => {
  it.each(['31', '-1', '1.5', 'abc', '1e9', 'Infinity'])('refuses wait=%s with 400', async (w) => {
    const id = txn();
    await put(id);
    expect(await request(t, 'GET', `/pos/v1/sales/${id}?wait=${w}`)).toMatchObject({ status: 400, body: { code: 'bad-request' } });
  });

  it('a long-poll on a sale the till never saw answers 404 at once', async () => {
    expect(await request(t, 'GET', `/pos/v1/sales/${txn()}?wait=30`)).toMatchObject({ status: 404 });
  });

  it('200 parked long-polls all wake on one change', async () => {
    const id = txn();
    const first = await put(id);
    const waits = Array.from({ length: 200 }, () => request(t, 'GET', `/pos/v1/sales/${id}?wait=30&since=${String(first.body.version)}`));
    const agentIdle = new Promise((r) => setTimeout(r, 100)); // the polls are parked before the change
    await agentIdle;
    await request(t, 'POST', `/pos/v1/sales/${id}/cancel`, {});
    const all = await Promise.all(waits);
    expect(all.every((r) => r.status === 200 && r.body.state === 'cancelled')).toBe(true);
  });
});

describe('request targets', () => {
  it('an absolute-form target naming this computer is served like its path', async () => {
    const r = await rawRequest(t.port, `GET http://127.0.0.1:${t.port}/pos/v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nAuthorization: Bearer ${t.token}\r\nConnection: close\r\n\r\n`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('"openapi":');
  });

  it.each([
    ['user info before a loopback host', 'http://evil.example@127.0.0.1/pos/v1/openapi.json', 403, 'forbidden-host'],
    ['another scheme', 'https://127.0.0.1/pos/v1/openapi.json', 400, 'bad-request'],
    ['the asterisk form', '*', 400, 'bad-request'],
    ['a protocol-relative path (it is a path, not a host)', '//evil.example/pos/v1/openapi.json', 404, 'not-found'],
  ])('refuses %s', async (_what, target, status, code) => {
    const r = await rawRequest(t.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nAuthorization: Bearer ${t.token}\r\nConnection: close\r\n\r\n`);
    expect(r.status).toBe(status);
    expect(JSON.parse(r.text)).toMatchObject({ code });
  });
});

describe('a caller refused before its body was read', () => {
  it('is not owed the wait for the rest of it: the connection closes', async () => {
    const r = await request({ port: t.port, token: 'shpos_wrong' }, 'PUT', `/pos/v1/sales/${txn()}`, { total: '1.00', currency: 'USD' });
    expect(r).toMatchObject({ status: 401, headers: { connection: 'close' } });
    const keep = await request(t, 'GET', '/pos/v1/openapi.json');
    expect(keep.headers.connection).not.toBe('close'); // a request without a body keeps its connection
  });
});

describe('the audit of refusals', () => {
  it('counts refusals without the token as one row per reason, and still audits calls made with it one by one', async () => {
    link.kit.core.posLink.flushAudit();
    const since = journal().apiCalls({ limit: 1 })[0]?.id ?? 0;
    const refusals: [Record<string, string>, string][] = [
      [{ Origin: 'https://evil.example' }, 'forbidden-origin'],
      [{ Host: 'evil.example' }, 'forbidden-host'],
      [{ Authorization: 'Bearer shpos_wrong' }, 'unauthorized'],
    ];
    for (const [headers] of refusals) await Promise.all(Array.from({ length: 50 }, () => request(t, 'GET', '/pos/v1/openapi.json', undefined, headers)));
    const id = txn();
    await put(id);
    link.kit.core.posLink.flushAudit();
    const rows = journal().apiCalls({ limit: 1000 }).filter((c) => c.id > since);
    expect(rows.filter((c) => c.outcome.startsWith('refused')).map((c) => c.outcome).sort()).toEqual(refusals.map(([, code]) => `refused: ${code} ×50`).sort());
    expect(rows.filter((c) => c.outcome === 'ok')).toEqual([expect.objectContaining({ method: 'PUT', path: `/pos/v1/sales/${id}`, status: 201 })]);
  });
});

describe('what one token may hold open', () => {
  it('caps event streams and parked long-polls per token with 429, and the parked ones still answer', async () => {
    const server = createPosLinkServer({ service: link.kit.core.posLink.service, tokens: link.kit.core.posLink.tokens, audit: () => undefined, limits: { streamsPerToken: 1, pollsPerToken: 2 } });
    const { port } = await server.listen(0);
    const target: PosTarget = { port, token: t.token };
    try {
      const sse = await openSse(target);
      await expect(openSse(target)).rejects.toThrow('SSE refused: 429');
      const id = txn();
      const sale = await put(id);
      const wait = `/pos/v1/sales/${id}?wait=30&since=${String(sale.body.version)}`;
      const parked = [request(target, 'GET', wait), request(target, 'GET', wait)];
      await new Promise((r) => setTimeout(r, 100)); // both are parked before the third
      expect(await request(target, 'GET', wait)).toMatchObject({ status: 429, body: { code: 'rate-limited' } });
      sse.close();
      await sse.closed;
      await link.kit.core.posLink.service.cancel(id);
      expect((await Promise.all(parked)).map((r) => r.body.state)).toEqual(['cancelled', 'cancelled']);
    } finally {
      await server.close();
    }
  });

  it('cuts off a client that never finishes its headers (slowloris)', async () => {
    const server = createPosLinkServer({ service: link.kit.core.posLink.service, tokens: link.kit.core.posLink.tokens, audit: () => undefined, limits: { headersTimeoutMs: 200 } });
    const { port } = await server.listen(0);
    try {
      const closed = await new Promise<string>((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1', () => s.write('GET /pos/v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '));
        let text = '';
        s.on('data', (c: Buffer) => (text += c.toString('utf8')));
        s.on('error', reject);
        s.on('close', () => resolve(text));
      });
      expect(closed).not.toContain('200 OK');
    } finally {
      await server.close();
    }
  });
});
