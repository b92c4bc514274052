import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKey } from './key-tester.ts';

const KEY = 'fl_test_Tk4Ab8Cd2Ef6Gh0Ij3Kl7Mn1Op5Qr9';
let server: http.Server;
let base: string;
let lastAuth: string | undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    lastAuth = req.headers.authorization;
    const status = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('status') ?? '0') || (req.url?.startsWith('/ok') ? 200 : 0);
    if (req.url?.startsWith('/hang')) return; // never answers
    if (req.url?.startsWith('/redirect')) {
      res.writeHead(302, { Location: 'http://example.invalid/' }).end();
      return;
    }
    res.writeHead(status || 500, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: req.headers.authorization }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('testKey', () => {
  it('accepts on 2xx and sends the key as a bearer token', async () => {
    const r = await testKey('read', KEY, { baseUrl: `${base}/ok`, timeoutMs: 2000 });
    expect(r).toEqual({ kind: 'read', outcome: 'accepted', httpStatus: 200, message: 'SocialHub accepted the key.', localized: { messageId: 'keys.test.accepted' } });
    expect(lastAuth).toBe(`Bearer ${KEY}`);
  });

  it.each([
    [401, 'rejected'],
    [403, 'forbidden'],
    [500, 'unexpected'],
  ] as const)('maps %i to %s, never echoing the body', async (status, outcome) => {
    const r = await testKey('write', KEY, { baseUrl: `${base}/x?status=${status}&`, timeoutMs: 2000 });
    expect(r.outcome).toBe(outcome);
    expect(JSON.stringify(r)).not.toContain(KEY);
  });

  it('reports a hang as unreachable within the timeout', async () => {
    const started = Date.now();
    const r = await testKey('write', KEY, { baseUrl: `${base}/hang`, timeoutMs: 200 });
    expect(r.outcome).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not follow a redirect with the key', async () => {
    const r = await testKey('write', KEY, { baseUrl: `${base}/redirect`, timeoutMs: 2000 });
    expect(r.outcome).toBe('unreachable');
  });
});
