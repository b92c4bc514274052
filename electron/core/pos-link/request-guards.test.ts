/** The checks in front of every POS-link route, on their own (the server test drives them over HTTP). */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PosLinkError } from './errors.ts';
import { bearerToken, checkHost, checkNoOrigin, createRateLimiter, requestTarget } from './request-guards.ts';

const refusal = (fn: () => void): PosLinkError | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof PosLinkError) return e;
    throw e;
  }
};
const req = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

describe('checkHost', () => {
  it.each(['127.0.0.1', '127.0.0.1:8787', '[::1]:8787', '[::1]', 'localhost:8787', 'LOCALHOST'])('answers %s', (host) => {
    expect(refusal(() => checkHost(host))).toBeNull();
  });

  it.each([undefined, '', 'evil.example', 'evil.example:8787', '127.0.0.1.nip.io', 'localhost.evil.example', '127.0.0.2:8787', '::1', '10.0.0.5:8787', '127.0.0.1:8787 evil'])('refuses %j (DNS rebinding)', (host) => {
    expect(refusal(() => checkHost(host))).toMatchObject({ status: 403, code: 'forbidden-host' });
  });
});

describe('checkNoOrigin', () => {
  it.each(['https://evil.example', 'null', 'http://127.0.0.1:8787'])('refuses any Origin, even %j', (origin) => {
    expect(refusal(() => checkNoOrigin(req({ origin })))).toMatchObject({ status: 403, code: 'forbidden-origin' });
  });
  it('lets a request without one through', () => {
    expect(refusal(() => checkNoOrigin(req({})))).toBeNull();
  });
});

describe('requestTarget', () => {
  it.each([
    ['/pos/v1/sales/1?wait=5', '/pos/v1/sales/1', null],
    ['//evil.example/pos/v1/sales/1', '//evil.example/pos/v1/sales/1', null],
    ['http://evil.example/pos/v1/sales/1', '/pos/v1/sales/1', 'evil.example'],
    ['HTTP://127.0.0.1:8787/pos/v1/sales/1', '/pos/v1/sales/1', '127.0.0.1:8787'],
    ['http://evil@127.0.0.1', '/', 'evil@127.0.0.1'],
  ])('reads %j as path %j with authority %j', (raw, pathname, authority) => {
    const t = requestTarget(raw);
    expect({ pathname: t.url.pathname, authority: t.authority }).toEqual({ pathname, authority });
  });

  it.each(['*', 'evil.example:443', 'https://127.0.0.1/pos/v1/sales/1', ''])('refuses %j with 400', (raw) => {
    expect(refusal(() => requestTarget(raw))).toMatchObject({ status: 400, code: 'bad-request' });
  });

  it('leaves the authority to checkHost, which refuses user info', () => {
    expect(refusal(() => checkHost(requestTarget('http://evil@127.0.0.1/').authority ?? undefined))).toMatchObject({ status: 403, code: 'forbidden-host' });
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer shpos_abc', 'shpos_abc'],
    ['bearer   shpos_abc  ', 'shpos_abc'],
    ['Basic dXNlcjpwYXNz', null],
    ['Bearer', null],
    ['Bearer a b', null],
  ])('%j → %j', (authorization, token) => {
    expect(bearerToken(req({ authorization }))).toBe(token);
  });
});

describe('createRateLimiter', () => {
  it('gives each token its own bucket: burst at once, then refilled at the rate', () => {
    let t = 0;
    const limiter = createRateLimiter({ perSecond: 2, burst: 3, now: () => t });
    for (let i = 0; i < 3; i++) limiter.take('a');
    const over = refusal(() => limiter.take('a'));
    expect(over).toMatchObject({ status: 429, code: 'rate-limited' });
    expect(Number(over?.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(refusal(() => limiter.take('b'))).toBeNull(); // another token is not held up by the first
    t = 499;
    expect(refusal(() => limiter.take('a'))).toMatchObject({ status: 429 });
    t = 1000; // 2 per second: two requests' worth since the bucket ran dry
    expect(refusal(() => limiter.take('a'))).toBeNull();
    expect(refusal(() => limiter.take('a'))).toBeNull();
    expect(refusal(() => limiter.take('a'))).toMatchObject({ status: 429 });
  });
});
